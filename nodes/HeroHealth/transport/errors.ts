import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { endpoint, inferredPartsText, type EndpointName } from './endpoints';

interface HeroValidationIssue {
	code?: string;
	expected?: string;
	received?: string;
	message?: string;
	path?: Array<string | number>;
}

/**
 * Hero's 400 body is `{error, statusCode, message: [{code, expected, path}]}` (a Zod issue list);
 * other errors carry a plain string `message`. Renders either as one line, e.g. `nhs_number: expected string`.
 */
export function describeHeroErrorBody(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const { message, error } = body as { message?: unknown; error?: unknown };
	if (Array.isArray(message)) {
		const parts = (message as Array<HeroValidationIssue | string>).map((issue) => {
			if (typeof issue === 'string') return issue;
			const field =
				Array.isArray(issue.path) && issue.path.length ? issue.path.join('.') : 'request';
			if (issue.message) return `${field}: ${issue.message}`;
			if (issue.expected) {
				const received = issue.received ? `, received ${maskByField(field, issue.received)}` : '';
				return `${field}: expected ${issue.expected}${received}`;
			}
			return `${field}: ${issue.code ?? 'invalid'}`;
		});
		return parts.join('; ') || undefined;
	}
	if (typeof message === 'string' && message.trim()) return message.trim();
	if (typeof error === 'string' && error.trim()) return error.trim();
	return undefined;
}

/** What the user is told per status, so a practice administrator knows what to fix. */
function headlineFor(status: number, request: string): string {
	switch (status) {
		case 400:
			return `Hero rejected the request (${request})`;
		case 401:
			return 'Hero did not accept the API key (401): check the API key in the Hero Health credential';
		case 403:
			return 'Hero refused access (403): the API key lacks the scope for this operation, or the practice group ID does not belong to it';
		case 404:
			return `Hero found nothing at ${request} (404): check the ID`;
		case 409:
			return `Hero reported a conflict (409) for ${request}`;
		case 429:
			return 'Hero’s rate limit was reached (429) and retries ran out';
		default:
			return status >= 500
				? `Hero had a server error (${status}) for ${request}`
				: `Hero answered ${status} for ${request}`;
	}
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNRESET: 'connection dropped',
	EPIPE: 'connection dropped',
	ECONNABORTED: 'timed out',
	ETIMEDOUT: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host not found',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
};

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
function maskByField(field: string, value: string): string {
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

/** Modulus 11 check of a 10-digit NHS number. */
export function isNhsNumber(digits: string): boolean {
	if (!/^\d{10}$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
	const check = 11 - (sum % 11);
	const expected = check === 11 ? 0 : check;
	return expected !== 10 && expected === Number(digits[9]);
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
function cleanErrorValue(value: unknown, secrets: Array<string | undefined>): unknown {
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

export interface HeroErrorDetails {
	status?: number;
	body?: unknown;
	/** `<method> <path>` of the request, to show where it failed. */
	request: string;
	itemIndex?: number;
	secrets: Array<string | undefined>;
	/** Set for failures without an HTTP answer (timeouts, dropped connections). */
	networkCode?: string;
	networkMessage?: string;
	/** For a POST that may have reached Hero: tells the user it was not sent again. */
	mayHaveBeenProcessed?: boolean;
	/** The endpoint table entry the request was made for, if any. */
	endpoint?: EndpointName;
}

/**
 * What a 404 body says: `route` when the web framework found no route ("Cannot GET /path"),
 * `unnamed` when nothing names a missing record (no message, a bare "Not Found", an HTML page),
 * `record` when Hero names what it did not find (e.g. "No patient found").
 */
export function notFoundKind(body: unknown): 'route' | 'unnamed' | 'record' {
	const text = describeHeroErrorBody(body);
	if (text !== undefined && /\bCannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \//.test(text)) {
		return 'route';
	}
	if (
		text === undefined ||
		/^(404( not found)?|not found)\.?$/i.test(text) ||
		text.startsWith('<')
	) {
		return 'unnamed';
	}
	return 'record';
}

/**
 * For an inferred endpoint that Hero answered 405, or 404 without naming a missing record: what to
 * say instead, that the request was a guess and how to send it another way. A 404 that names no
 * route keeps its headline (the ID may be wrong) and gets the hint as description. The texts name
 * the table's path (`{id}`), not the request's, so they add no identifier.
 */
function inferredEndpointHint(
	details: HeroErrorDetails,
	headline: string,
): { message: string; description: string } | undefined {
	const { status, endpoint: name } = details;
	if (!name || !endpoint(name).inferred) return undefined;
	const kind = status === 404 ? notFoundKind(details.body) : undefined;
	if (status !== 405 && (kind === undefined || kind === 'record')) return undefined;
	const { method, path } = endpoint(name);
	return {
		message:
			kind === 'unnamed'
				? headline
				: `Hero has no ${method} ${path} (${status}): the node’s endpoint for this operation was inferred`,
		description: `Hero’s API reference did not show this request’s ${inferredPartsText(name)}, so the node tried ${method} ${path}, the most likely one (see Inferred endpoints in the node’s README). If Hero has it under another method or path, send the request with Custom API Call (Resource: Custom API Call) and that method and path.`,
	};
}

/**
 * Builds the NodeApiError for a failed Hero call. Only clean, redacted values go in: never the raw
 * HTTP client error, whose request config would carry the x-api-key header.
 */
export function heroApiError(node: INode, details: HeroErrorDetails): NodeApiError {
	const { status, secrets } = details;
	let message: string;
	let description: string;
	if (status === undefined) {
		const code = details.networkCode ?? 'no response';
		// Plain words, not the code: n8n would replace a message naming ECONNRESET & co with its own.
		message = `Could not reach Hero for ${details.request} (${NETWORK_FAILURES[code] ?? 'no response'})`;
		description = details.mayHaveBeenProcessed
			? `The connection failed after the request was sent (${code}), so Hero may have processed it. It was not sent again, to avoid doing it twice: check in Hero before retrying.`
			: `${details.networkMessage ?? 'No answer'} (${code}). Check the network and the Base URL of the credential.`;
	} else {
		const heroText = describeHeroErrorBody(details.body);
		message = headlineFor(status, details.request);
		if (status === 400 && heroText) message = `${message}: ${heroText}`;
		description =
			heroText && status !== 400 ? `Hero said: ${heroText}` : `Request: ${details.request}`;
		({ message, description } = inferredEndpointHint(details, message) ?? { message, description });
	}
	const errorResponse: JsonObject = {
		message: cleanErrorText(message, secrets),
		description: cleanErrorText(description, secrets),
		httpCode: status === undefined ? null : String(status),
		request: cleanErrorText(details.request, secrets),
	};
	if (details.body !== undefined) {
		errorResponse.heroResponse = cleanErrorValue(details.body, secrets) as JsonObject;
	}
	return new NodeApiError(node, errorResponse, {
		message: cleanErrorText(message, secrets),
		description: cleanErrorText(description, secrets),
		httpCode: status === undefined ? undefined : String(status),
		itemIndex: details.itemIndex,
	});
}
