/*
 * One scrubber for everything an error or log may carry: secrets redacted, patient identifiers
 * masked (NHS numbers, phone numbers, dates of birth).
 */

import { isNhsNumber } from '../helpers/checkDigits';

const SECRET_PLACEHOLDER = '[redacted]';
/** Secrets shorter than this (a practice group ID such as 731) are redacted only as whole words. */
const SHORT_SECRET = 8;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes every secret value from a text, so no message can carry an API key, a practice group ID
 * or a signing key. A short secret is replaced only where it stands alone: `731` goes, `17310` stays.
 */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let clean = text;
	for (const secret of secrets) {
		if (!secret) continue;
		clean =
			secret.length >= SHORT_SECRET
				? clean.split(secret).join(SECRET_PLACEHOLDER)
				: clean.replace(
						new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(secret)}(?![A-Za-z0-9])`, 'g'),
						SECRET_PLACEHOLDER,
					);
	}
	return clean;
}

/** Characters that carry no identity and keep a masked value readable: spaces and separators. */
const SEPARATOR = /[\s\-/.()+:,]/;

/** The last `keep` characters stay; every other one becomes `*`, but spaces and separators stay. */
function maskTail(value: string, keep: number): string {
	// Enough to recognise the value, without echoing a 10 kB cell back.
	const chars = Array.from(value);
	const tail = chars.length > 40 ? ['.', '.', '.', ...chars.slice(-37)] : chars;
	const total = tail.filter((char) => !SEPARATOR.test(char)).length;
	// At least six characters stay hidden, so a short value is never nearly all shown.
	let shown = Math.min(keep, Math.max(0, total - 6));
	const masked = [...tail];
	for (let i = masked.length - 1; i >= 0; i--) {
		if (SEPARATOR.test(masked[i])) continue;
		if (shown-- <= 0) masked[i] = '*';
	}
	return masked.join('');
}

/** An NHS number as `*** *** 4194`: only its last four digits are shown. */
export function maskNhsNumber(value: unknown): string {
	const text = String(value ?? '').trim();
	const compact = /^\d{10}$/.test(text)
		? `${text.slice(0, 3)} ${text.slice(3, 6)} ${text.slice(6)}`
		: text;
	return maskTail(compact, 4);
}

/** A phone number with only its last four digits shown, e.g. `***** **0123`. */
export function maskPhoneNumber(value: unknown): string {
	return maskTail(String(value ?? '').trim(), 4);
}

/** A date of birth with only its last two digits shown, e.g. `****-**-31`. */
export function maskDateOfBirth(value: unknown): string {
	return maskTail(String(value ?? '').trim(), 2);
}

/** Field names (Hero's and ours) whose values identify a patient. */
const IDENTIFIER_FIELD = /nhs|birth|dob|phone|mobile|telephone|recipient/i;

/** Masks a value by the kind of identifier its field name says it is; other values stay. */
export function maskByField(field: string, value: string): string {
	if (/nhs/i.test(field)) return maskNhsNumber(value);
	if (/birth|dob/i.test(field)) return maskDateOfBirth(value);
	if (IDENTIFIER_FIELD.test(field)) return maskPhoneNumber(value);
	return value;
}

const NHS_NUMBER_IN_TEXT = /(?<![\d*])\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)/g;
const UK_PHONE_IN_TEXT = /(?<![\d*+])(?:\+44\s?|0044\s?|44|0)7\d{3}\s?\d{3}\s?\d{3}(?!\d)/g;

/**
 * Masks the patient identifiers a free text may quote: NHS numbers (ten digits passing the
 * Modulus 11 check) and UK mobile numbers. Dates of birth cannot be told from other dates in
 * free text; they are masked where a field name says what they are (maskPatientIdentifiersIn).
 */
export function maskPatientIdentifiers(text: string): string {
	return text
		.replace(NHS_NUMBER_IN_TEXT, (match) =>
			isNhsNumber(match.replace(/\D/g, '')) ? maskNhsNumber(match) : match,
		)
		.replace(UK_PHONE_IN_TEXT, (match) => maskPhoneNumber(match));
}

/** An e-mail address with only its last four characters shown, e.g. `****.*****@*******.com`. */
export function maskEmailAddress(value: unknown): string {
	return maskTail(String(value ?? '').trim(), 4);
}

/** A postcode, all hidden (`*** ***`): short enough that any shown part narrows it down. */
export function maskPostcode(value: unknown): string {
	return maskTail(String(value ?? '').trim(), 0);
}

const NHS_SHAPED_IN_TEXT = /(?<![\d*])\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)/g;
const UK_PHONE_ANY_IN_TEXT = /(?<![\d*+])(?:\+44|0044|0)[\s\-()]*\d(?:[\s\-()]?\d){8,9}(?!\d)/g;
const EMAIL_IN_TEXT = /[^\s@"'<>(),;:[\]]+@[^\s@"'<>(),;:[\]]+\.[^\s@"'<>(),;:[\]]+/g;
const POSTCODE_IN_TEXT =
	/(?<![A-Za-z0-9*])(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y]) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])/gi;

/**
 * Masks what a value a user typed or mapped may reveal, for the input checks' errors: stricter
 * than for Hero's texts, as a bad value is often a near miss: every NHS-number-shaped group of ten
 * digits (valid or not), every UK phone number (mobile or landline), e-mail addresses, postcodes.
 */
export function maskIdentifiersInInput(text: string): string {
	return text
		.replace(NHS_SHAPED_IN_TEXT, (match) => maskNhsNumber(match))
		.replace(UK_PHONE_ANY_IN_TEXT, (match) => maskPhoneNumber(match))
		.replace(EMAIL_IN_TEXT, (match) => maskEmailAddress(match))
		.replace(POSTCODE_IN_TEXT, (match) => maskPostcode(match));
}

/** A text fit for an error: secrets redacted, patient identifiers masked. */
export function cleanErrorText(text: string, secrets: Array<string | undefined>): string {
	return maskPatientIdentifiers(redact(text, secrets));
}

/** Deeper than this, an error field is dropped rather than walked (and a cycle cannot loop). */
const MAX_DEPTH = 12;

/**
 * A copy of a JSON value (an error body) with every text cleaned, and the values of identifier
 * fields (`nhs_number`, `dob`, `phone`...) masked even where no pattern would find them.
 */
export function cleanErrorValue(value: unknown, secrets: Array<string | undefined>): unknown {
	const clean = (entry: unknown, field: string, depth: number): unknown => {
		if (typeof entry === 'string') {
			return cleanErrorText(field ? maskByField(field, entry) : entry, secrets);
		}
		if (typeof entry === 'number') {
			const text = String(entry);
			const cleaned = cleanErrorText(field ? maskByField(field, text) : text, secrets);
			return cleaned === text ? entry : cleaned;
		}
		if (!entry || typeof entry !== 'object') return entry;
		if (depth >= MAX_DEPTH) return undefined;
		if (Array.isArray(entry)) return entry.map((item) => clean(item, field, depth + 1));
		const copy: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(entry)) {
			// A field's name applies to its value and the entries of its array, not to nested records.
			copy[key] = clean(item, IDENTIFIER_FIELD.test(key) ? key : '', depth + 1);
		}
		return copy;
	};
	return clean(value, '', 0);
}

/**
 * Cleans an error in place, every field n8n may show, store or log (message, description,
 * messages, errorResponse, context...): no secret, no unmasked patient identifier.
 */
export function scrubError<T extends Error>(error: T, secrets: Array<string | undefined>): T {
	error.message = cleanErrorText(error.message, secrets);
	const fields = error as unknown as Record<string, unknown>;
	for (const [name, value] of Object.entries(fields)) {
		if (name === 'node' || name === 'message') continue;
		if (typeof value === 'string') fields[name] = cleanErrorText(value, secrets);
		else if (value && typeof value === 'object') fields[name] = cleanErrorValue(value, secrets);
	}
	return error;
}
