import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	maskDateOfBirth,
	maskEmailAddress,
	maskIdentifiersInInput,
	maskNhsNumber,
	maskPhoneNumber,
	maskPostcode,
} from '../transport/scrub';
import { hasVerhoeffCheckDigit, isNhsNumber } from './checkDigits';

/**
 * Checks of what users type or map from spreadsheets, run before any request is sent so that a
 * bad row fails alone, with the field and the item named, and nothing reaches Hero for it.
 */

/**
 * A bad parameter of one item: the message names the item, and n8n pairs the error with it. Patient
 * identifiers in the message (NHS numbers, phone numbers, e-mail addresses, postcodes) are masked,
 * whichever check quoted them; the description holds hints with made-up examples, never a value.
 */
export function itemError(
	node: INode,
	itemIndex: number,
	message: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(node, `${maskIdentifiersInInput(message)} (item ${itemIndex})`, {
		itemIndex,
		description,
	});
}

/** Update Fields (or the body it makes) with nothing in it: nothing would change, so nothing is sent. */
export function requireChanges(node: INode, itemIndex: number, changes: object): void {
	if (!Object.keys(changes).length) {
		throw itemError(node, itemIndex, 'Update Fields is empty: add at least one field to change');
	}
}

function invalid(node: INode, itemIndex: number, field: string, problem: string, hint?: string) {
	return itemError(node, itemIndex, `${field} ${problem}`, hint);
}

/** A date of birth identifies a patient: errors show it masked (`****-**-31`), other dates quoted. */
function shownDate(field: string, text: string): string {
	return /birth|\bdob\b/i.test(field) ? maskDateOfBirth(text) : quote(text);
}

/**
 * Shows a bad value in an error: cut to 40 characters, so a 10 kB cell is not echoed back, and with
 * any patient identifier in it masked.
 */
export function quote(value: unknown): string {
	const text = String(value);
	return JSON.stringify(
		maskIdentifiersInInput(text.length > 40 ? `${text.slice(0, 37)}...` : text),
	);
}

/** Spaces and characters that show nothing: zero-width spaces and joiners, BOM, soft hyphen, fillers. */
const INVISIBLE = /[\s\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/**
 * The text of one value, or an error naming the field: one value per item, so a list or an object
 * (an expression that gave `$json.patient` instead of `$json.patient.id`) is refused, not turned
 * into `"[object Object]"` or `"a,b"`. Numbers and true/false are text as written. Empty for
 * nothing (`undefined`, `null`).
 */
export function scalarText(node: INode, itemIndex: number, value: unknown, field: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw invalid(node, itemIndex, field, `is ${String(value)}`);
		return String(value);
	}
	if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	if (Array.isArray(value)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`is a list (${value.length} ${value.length === 1 ? 'value' : 'values'}), not one value`,
			'Give one value per item: map a single field, or split the list into items first (Split Out node)',
		);
	}
	throw invalid(
		node,
		itemIndex,
		field,
		`is ${value instanceof Date ? 'a date' : 'an object'}, not text`,
		'Map one field of it, e.g. {{ $json.patient.id }} rather than {{ $json.patient }}',
	);
}

/** Returns the NHS number as 10 digits; spaces and dashes are accepted and removed. */
export function normaliseNhsNumber(
	node: INode,
	itemIndex: number,
	value: unknown,
	field = 'NHS Number',
): string {
	const text = scalarText(node, itemIndex, value, field);
	if (!text) throw invalid(node, itemIndex, field, 'is empty');
	const digits = text.replace(/[\s-]/g, '');
	if (!/^\d{10}$/.test(digits)) {
		throw invalid(node, itemIndex, field, `${maskNhsNumber(text)} is not 10 digits`);
	}
	if (!isNhsNumber(digits)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${maskNhsNumber(text)} is not a valid NHS number`,
			'Its last digit does not match the Modulus 11 check digit: check it for a typing error',
		);
	}
	return digits;
}

function isRealDate(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/*
 * Time zones. n8n's date picker stores a date-time without a zone (`2026-07-01T10:00:00`) and means
 * it in the workflow's time zone (`this.getTimezone()`: Workflow Settings → Timezone, else the
 * instance's GENERIC_TIMEZONE). Intl knows every IANA zone, so no date library is needed.
 */

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall clock at an instant, to the second (hour 0–23). */
export function zoneWallClock(
	timeZone: string,
	epochMs: number,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
	let format = zoneFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		zoneFormats.set(timeZone, format);
	}
	const parts: Record<string, number> = {};
	for (const part of format.formatToParts(new Date(epochMs))) parts[part.type] = Number(part.value);
	const { year, month, day, hour, minute, second } = parts;
	return { year, month, day, hour: hour % 24, minute, second };
}

/** How far the zone's clocks are ahead of UTC at an instant, in minutes (Europe/London in July: 60). */
export function zoneOffsetMinutes(timeZone: string, epochMs: number): number {
	const wall = zoneWallClock(timeZone, epochMs);
	const wallClock = Date.UTC(
		wall.year,
		wall.month - 1,
		wall.day,
		wall.hour,
		wall.minute,
		wall.second,
	);
	const wholeSecond = epochMs - (((epochMs % 1000) + 1000) % 1000);
	return (wallClock - wholeSecond) / 60_000;
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock time (given as if it were UTC) shows in a zone. On the night the clocks
 * go back, a time that happens twice is the first one (summer time); on the night they go forward,
 * a time that does not exist moves forward by the change (01:30 becomes 02:30), as JavaScript's
 * Temporal does by default.
 */
function wallClockToInstant(wallClockMs: number, timeZone: string): number {
	const before = zoneOffsetMinutes(timeZone, wallClockMs - DAY_MS);
	const after = zoneOffsetMinutes(timeZone, wallClockMs + DAY_MS);
	const fits = [before, after]
		.map((offset) => wallClockMs - offset * 60_000)
		.filter((instant) => wallClockMs - zoneOffsetMinutes(timeZone, instant) * 60_000 === instant);
	return fits.length ? Math.min(...fits) : wallClockMs - before * 60_000;
}

/** The date (`YYYY-MM-DD`) an instant falls on in a zone. */
function dateInZone(epochMs: number, timeZone: string): string {
	return new Date(epochMs + zoneOffsetMinutes(timeZone, epochMs) * 60_000)
		.toISOString()
		.slice(0, 10);
}

/** Today's date in the zone, e.g. for "not in the future" checks. */
export function todayIn(timeZone = 'UTC'): string {
	return dateInZone(Date.now(), timeZone);
}

/** An ISO 8601 date, or date and time with an optional zone (`Z`, `+01:00`, `+0100`, `+01`). */
const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

interface ParsedDateTime {
	year: number;
	month: number;
	day: number;
	/** The wall-clock time as if it were UTC, in milliseconds. */
	wallClockMs: number;
	/** Minutes ahead of UTC the value says it is in (`Z`: 0), or undefined when it has no zone. */
	offset?: number;
	hasTime: boolean;
}

/** Reads an ISO date-time, checking every part: `2026-02-30` or `T99:99` are refused, not rolled over. */
function parseIsoDateTime(text: string): ParsedDateTime | undefined {
	const match = ISO_DATE_TIME.exec(text);
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const [hour, minute, second] = [
		Number(match[4] ?? 0),
		Number(match[5] ?? 0),
		Number(match[6] ?? 0),
	];
	const millisecond = Math.floor(Number(`0.${match[7] ?? '0'}`) * 1000);
	if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
	if (match[8] && match[4] === undefined) return undefined;
	let offset: number | undefined;
	const zone = match[8]?.toUpperCase();
	if (zone === 'Z') offset = 0;
	else if (zone) {
		const digits = zone.slice(1).replace(':', '');
		const hours = Number(digits.slice(0, 2));
		const minutes = Number(digits.slice(2) || 0);
		if (hours > 18 || minutes > 59) return undefined;
		offset = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
	}
	const wallClockMs = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
	return { year, month, day, wallClockMs, offset, hasTime: match[4] !== undefined };
}

/** The text of a date or date-time value: a JavaScript date or a luxon DateTime as ISO 8601. */
function dateTimeText(node: INode, itemIndex: number, value: unknown, field: string): string {
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
	if (
		value &&
		typeof value === 'object' &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	) {
		return String((value as { toISO: () => unknown }).toISO() ?? 'Invalid DateTime');
	}
	if (typeof value === 'number') {
		throw invalid(
			node,
			itemIndex,
			field,
			`${quote(value)} is a number, not a date`,
			'Give an ISO 8601 text such as 2026-07-01T10:00:00, or a date from n8n, e.g. {{ $now }}',
		);
	}
	return scalarText(node, itemIndex, value, field);
}

/** Throws when the workflow's time zone is not one Intl knows (a typo in GENERIC_TIMEZONE). */
function checkTimeZone(node: INode, itemIndex: number, timeZone: string): void {
	try {
		zoneOffsetMinutes(timeZone, 0);
	} catch {
		throw itemError(
			node,
			itemIndex,
			`The workflow's time zone ${JSON.stringify(timeZone)} is not a known time zone`,
			'Pick one in Workflow Settings → Timezone, or fix GENERIC_TIMEZONE, e.g. Europe/London',
		);
	}
}

/**
 * Returns a date as `YYYY-MM-DD`. Accepts ISO dates and the UK `DD/MM/YYYY` (also with `-` or `.`)
 * that spreadsheets export. A date and time is converted, never cut: without a zone its date is the
 * one written (a time in the workflow's zone); with a zone such as `+01:00` it is the date in that
 * zone, and so is midnight UTC (`1991-05-09T00:00:00.000Z`); another UTC time (as a JavaScript date
 * serialises: `1992-06-30T23:00:00.000Z` is midnight on 1 July in the UK) is the date it falls on
 * in `timeZone`, the workflow's.
 */
export function normaliseDate(
	node: INode,
	itemIndex: number,
	value: unknown,
	field = 'Date of Birth',
	options: { notInFuture?: boolean; timeZone?: string } = {},
): string {
	const text = dateTimeText(node, itemIndex, value, field);
	if (!text) throw invalid(node, itemIndex, field, 'is empty');
	const timeZone = options.timeZone ?? 'UTC';
	let normalised: string | undefined;
	const iso = parseIsoDateTime(text);
	const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
	const isoShaped = /^\d{4}-\d{2}-\d{2}(?:[T ]|$)/i.test(text);
	if (iso) {
		// Midnight UTC is a date serialised as such (a sheet's date cell): that date, in any zone.
		if (iso.offset === 0 && iso.wallClockMs % DAY_MS !== 0) {
			checkTimeZone(node, itemIndex, timeZone);
			normalised = dateInZone(iso.wallClockMs, timeZone);
		} else {
			normalised = new Date(Date.UTC(iso.year, iso.month - 1, iso.day)).toISOString().slice(0, 10);
		}
	} else if (uk) {
		const [day, month, year] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
		if (isRealDate(year, month, day)) {
			normalised = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
		}
	} else if (!isoShaped) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${shownDate(field, text)} is not a date`,
			'Use YYYY-MM-DD (e.g. 1992-01-31) or DD/MM/YYYY (e.g. 31/01/1992)',
		);
	}
	if (!normalised || normalised < '1880') {
		throw invalid(node, itemIndex, field, `${shownDate(field, text)} is not a real date`);
	}
	if (options.notInFuture && normalised > todayIn(timeZone)) {
		throw invalid(node, itemIndex, field, `${shownDate(field, text)} is in the future`);
	}
	return normalised;
}

/** Returns a UK mobile number in E.164 (`+447…`); accepts `07…`, `+447…`, `447…`, `00447…` with spaces. */
export function normaliseUkMobile(
	node: INode,
	itemIndex: number,
	value: unknown,
	field = 'Recipient',
): string {
	const text = scalarText(node, itemIndex, value, field);
	if (!text) throw invalid(node, itemIndex, field, 'is empty');
	const compact = text.replace(/[\s\-().]/g, '');
	const match = /^(?:\+44|0044|44|0)(7\d{9})$/.exec(compact);
	if (!match) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${maskPhoneNumber(text)} is not a UK mobile number`,
			'SMS needs a UK mobile such as 07700 900123 or +447700900123',
		);
	}
	return `+44${match[1]}`;
}

/**
 * Returns an unambiguous instant (ISO 8601 in UTC, `2026-07-01T09:00:00.000Z`). A value with a
 * zone (`Z`, `+01:00`) keeps it; one without is read in `timeZone`, the workflow's time zone, on
 * either side of a clock change: 10:00 in Europe/London is 09:00Z in July and 10:00Z in January.
 */
export function normaliseDateTime(
	node: INode,
	itemIndex: number,
	value: unknown,
	field: string,
	timeZone: string,
): string {
	const text = dateTimeText(node, itemIndex, value, field);
	if (!text) throw invalid(node, itemIndex, field, 'is empty');
	const parsed = parseIsoDateTime(text);
	if (!parsed) {
		// The shape of a date-time with an impossible part: 2026-02-30, T25:00, T10:99.
		const shaped = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}/i.exec(text);
		if (shaped) {
			const realDate = isRealDate(Number(shaped[1]), Number(shaped[2]), Number(shaped[3]));
			throw invalid(
				node,
				itemIndex,
				field,
				`${quote(text)} is not a real ${realDate ? 'time' : 'date'}`,
			);
		}
		throw invalid(
			node,
			itemIndex,
			field,
			`${quote(text)} is not an ISO 8601 date-time`,
			`Use e.g. 2026-07-01T10:00:00 (read in the workflow's time zone, ${timeZone}) or 2026-07-01T10:00:00+01:00`,
		);
	}
	if (parsed.offset !== undefined) {
		return new Date(parsed.wallClockMs - parsed.offset * 60_000).toISOString();
	}
	checkTimeZone(node, itemIndex, timeZone);
	return new Date(wallClockToInstant(parsed.wallClockMs, timeZone)).toISOString();
}

/** True when the text shows nothing once spaces and invisible characters are removed. */
function isBlank(text: string): boolean {
	return text.replace(INVISIBLE, '') === '';
}

/** Returns the text trimmed, or throws when it is empty, invisible, a list or an object. */
export function requireText(node: INode, itemIndex: number, value: unknown, field: string): string {
	const text = scalarText(node, itemIndex, value, field);
	if (!text) throw invalid(node, itemIndex, field, 'is empty');
	if (isBlank(text)) {
		throw invalid(
			node,
			itemIndex,
			field,
			'has only invisible characters (such as zero-width spaces)',
		);
	}
	return text;
}

/** An optional text field: '' when left empty, else checked as requireText. */
export function optionalText(
	node: INode,
	itemIndex: number,
	value: unknown,
	field: string,
): string {
	const text = scalarText(node, itemIndex, value, field);
	return text ? requireText(node, itemIndex, text, field) : '';
}

/**
 * The most characters a message may have, by channel. SMS: 918, the longest text message NHS
 * Notify and GOV.UK Notify send (6 parts of 153 GSM characters); Hero does not document one and
 * sends through the practice's SMS provider. NHS App: 1,000 (NHS Notify). Email and Hero: 10,000,
 * a guard against mapping the wrong column; Hero documents no limit.
 */
export const MESSAGE_MAX_LENGTH: Record<string, number> = {
	sms: 918,
	nhs_app: 1000,
	email: 10_000,
	hero: 10_000,
};

/** A message to a patient: text (see requireText) no longer than its channel allows. */
export function requireMessageText(
	node: INode,
	itemIndex: number,
	value: unknown,
	field: string,
	channel: string,
): string {
	const text = requireText(node, itemIndex, value, field);
	const maximum = MESSAGE_MAX_LENGTH[channel.toLowerCase()] ?? MESSAGE_MAX_LENGTH.hero;
	const length = Array.from(text).length;
	if (length > maximum) {
		throw invalid(
			node,
			itemIndex,
			field,
			`has ${length} characters; ${channel.toUpperCase()} allows at most ${maximum}`,
			'Shorten the message, or check that the right column is mapped',
		);
	}
	return text;
}

/** Returns a Hero ID (numeric string), or throws naming the field. */
export function requireId(node: INode, itemIndex: number, value: unknown, field: string): string {
	const text = scalarText(node, itemIndex, value, field);
	if (!text) throw invalid(node, itemIndex, field, 'is empty');
	if (!/^\d+$/.test(text)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${quote(text)} is not a Hero ID`,
			'Hero IDs are numbers, e.g. 98765',
		);
	}
	return text;
}

/** Hero IDs from a multi-select, an array, or a comma-separated text; each checked as requireId. */
export function requireIdList(
	node: INode,
	itemIndex: number,
	value: unknown,
	field: string,
): string[] {
	const values = Array.isArray(value)
		? value
		: scalarText(node, itemIndex, value, field).split(',');
	return values
		.map((entry: unknown) => (typeof entry === 'string' ? entry.trim() : entry))
		.filter((entry) => entry !== '' && entry !== undefined && entry !== null)
		.map((entry) => requireId(node, itemIndex, entry, field));
}

/**
 * A number option (Limit, Duration, a count): a number, or text that is one (as a spreadsheet gives
 * it), finite and in range; else an error naming the option, before anything is sent.
 */
export function requireNumber(
	node: INode,
	itemIndex: number,
	value: unknown,
	field: string,
	range: { min?: number; max?: number; integer?: boolean; unit?: string } = {},
): number {
	const text = typeof value === 'number' ? '' : scalarText(node, itemIndex, value, field);
	const number = typeof value === 'number' ? value : text === '' ? NaN : Number(text);
	const kind = `${range.integer ? 'a whole number' : 'a number'}${range.unit ? ` of ${range.unit},` : ''}`;
	const bounds =
		range.min !== undefined && range.max !== undefined
			? ` from ${range.min} to ${range.max}`
			: range.min !== undefined
				? `${range.unit ? '' : ' of'} ${range.min} or more`
				: range.max !== undefined
					? ` at most ${range.max}`
					: '';
	if (
		!Number.isFinite(number) ||
		(range.integer && !Number.isInteger(number)) ||
		(range.min !== undefined && number < range.min) ||
		(range.max !== undefined && number > range.max)
	) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${quote(typeof value === 'number' ? value : text)} is not ${kind}${bounds}`,
		);
	}
	return number;
}

/** Royal Mail postcode shapes (outward code, then inward code `9AA`), and the special GIR 0AA. */
const UK_POSTCODE =
	/^(?:GIR0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y])\d[ABD-HJLNP-UW-Z]{2})$/;

/** Returns a UK postcode in capitals with one space before the inward code, e.g. `LS1 4AP`. */
export function normaliseUkPostcode(
	node: INode,
	itemIndex: number,
	value: unknown,
	field = 'Postcode',
): string {
	const text = requireText(node, itemIndex, value, field);
	const compact = text.replace(/\s+/g, '').toUpperCase();
	if (!UK_POSTCODE.test(compact)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${JSON.stringify(maskPostcode(text))} is not a UK postcode`,
			'Use a full postcode such as LS1 4AP or SW1A 1AA',
		);
	}
	return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** Returns a GMC reference number: 7 digits (spaces are removed). */
export function normaliseGmcNumber(
	node: INode,
	itemIndex: number,
	value: unknown,
	field = 'GMC Number',
): string {
	const text = requireText(node, itemIndex, value, field);
	const digits = text.replace(/\s+/g, '');
	if (!/^\d{7}$/.test(digits)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${quote(text)} is not a GMC number`,
			'GMC reference numbers are 7 digits, e.g. 1234567',
		);
	}
	return digits;
}

/** Returns a SNOMED CT code: 6 to 18 digits, no leading zero, ending in its Verhoeff check digit. */
export function normaliseSnomedCode(
	node: INode,
	itemIndex: number,
	value: unknown,
	field = 'SNOMED Code',
): string {
	const text = requireText(node, itemIndex, value, field);
	if (!/^[1-9]\d{5,17}$/.test(text)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${quote(text)} is not a SNOMED CT code`,
			'SNOMED CT codes are 6 to 18 digits, not starting with 0, e.g. 279991000000102',
		);
	}
	if (!hasVerhoeffCheckDigit(text)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${quote(text)} is not a valid SNOMED CT code`,
			'Its last digit does not match the Verhoeff check digit: check it for a typing error',
		);
	}
	return text;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Returns an email address trimmed, or throws naming the field. */
export function normaliseEmail(node: INode, itemIndex: number, value: unknown, field = 'Email') {
	const text = requireText(node, itemIndex, value, field);
	if (!EMAIL.test(text))
		throw invalid(
			node,
			itemIndex,
			field,
			`${JSON.stringify(maskEmailAddress(text))} is not an email address`,
		);
	return text;
}
