import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { maskDateOfBirth, maskNhsNumber, maskPhoneNumber } from '../transport/scrub';
import { hasVerhoeffCheckDigit, isNhsNumber } from './checkDigits';

/**
 * Checks of what users type or map from spreadsheets, run before any request is sent so that a
 * bad row fails alone, with the field and the item named, and nothing reaches Hero for it.
 */

/** A bad parameter of one item: the message names the item, and n8n pairs the error with it. */
export function itemError(
	node: INode,
	itemIndex: number,
	message: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(node, `${message} (item ${itemIndex})`, { itemIndex, description });
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

/** Shows a bad value in an error without echoing a 10 kB cell back. */
function quote(value: unknown): string {
	const text = String(value);
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

/** Returns the NHS number as 10 digits; spaces and dashes are accepted and removed. */
export function normaliseNhsNumber(
	node: INode,
	itemIndex: number,
	value: unknown,
	field = 'NHS Number',
): string {
	const text = String(value ?? '').trim();
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

/**
 * Returns a date as `YYYY-MM-DD`. Accepts ISO dates (with or without a time, as n8n's date picker
 * gives) and the UK `DD/MM/YYYY` (also with `-` or `.`) that spreadsheets export.
 */
export function normaliseDate(
	node: INode,
	itemIndex: number,
	value: unknown,
	field = 'Date of Birth',
	options: { notInFuture?: boolean } = {},
): string {
	const text = String(value ?? '').trim();
	if (!text) throw invalid(node, itemIndex, field, 'is empty');
	let year: number;
	let month: number;
	let day: number;
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
	const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
	if (iso) {
		[year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	} else if (uk) {
		[day, month, year] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
	} else {
		throw invalid(
			node,
			itemIndex,
			field,
			`${shownDate(field, text)} is not a date`,
			'Use YYYY-MM-DD (e.g. 1992-01-31) or DD/MM/YYYY (e.g. 31/01/1992)',
		);
	}
	if (!isRealDate(year, month, day) || year < 1880) {
		throw invalid(node, itemIndex, field, `${shownDate(field, text)} is not a real date`);
	}
	const normalised = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	if (options.notInFuture && normalised > new Date().toISOString().slice(0, 10)) {
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
	const text = String(value ?? '').trim();
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

/** Returns an ISO 8601 date-time in UTC; a value without a zone is read as UTC. */
export function normaliseDateTime(
	node: INode,
	itemIndex: number,
	value: unknown,
	field: string,
): string {
	const text = String(value ?? '').trim();
	if (!text) throw invalid(node, itemIndex, field, 'is empty');
	const isoLike = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(
		text,
	);
	const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
	const parsed = isoLike ? Date.parse(hasZone ? text : `${text.replace(' ', 'T')}Z`) : NaN;
	if (Number.isNaN(parsed)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${quote(text)} is not an ISO 8601 date-time`,
			'Use e.g. 2026-03-15T14:00:00Z',
		);
	}
	// Date.parse rolls 2026-02-30 over to 2 March: a typo must not book a different day.
	const [year, month, day] = text.slice(0, 10).split('-').map(Number);
	if (!isRealDate(year, month, day)) {
		throw invalid(node, itemIndex, field, `${quote(text)} is not a real date`);
	}
	return new Date(parsed).toISOString();
}

/** Returns the text trimmed, or throws when it is empty. */
export function requireText(node: INode, itemIndex: number, value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : String(value ?? '').trim();
	if (!text) throw invalid(node, itemIndex, field, 'is empty');
	return text;
}

/** Returns a Hero ID (numeric string), or throws naming the field. */
export function requireId(node: INode, itemIndex: number, value: unknown, field: string): string {
	const text = String(value ?? '').trim();
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
	const values = Array.isArray(value) ? value : String(value ?? '').split(',');
	return values
		.map((entry) => String(entry).trim())
		.filter((entry) => entry !== '')
		.map((entry) => requireId(node, itemIndex, entry, field));
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
			`${quote(text)} is not a UK postcode`,
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
		throw invalid(node, itemIndex, field, `${quote(text)} is not an email address`);
	return text;
}
