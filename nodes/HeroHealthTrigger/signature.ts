import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Hero's webhook signature, as its security guide describes it: HMAC-SHA256, keyed with the
 * webhook's `signing_key`, over `{X-Herohealth-Timestamp}.{raw request body}`. The guide does not
 * say how the digest is encoded nor what the timestamp looks like, so verification accepts hex
 * (either case) or base64, with or without a `sha256=` prefix, and a timestamp in Unix seconds,
 * Unix milliseconds or ISO 8601.
 *
 * Pure functions only, so a test server can sign deliveries exactly the way the trigger checks them.
 */

export const TIMESTAMP_HEADER = 'x-herohealth-timestamp';
export const SIGNATURE_HEADER = 'x-herohealth-signature';

/** Raw body bytes as received (n8n's `req.rawBody`), or the body text. */
export type RawBody = Uint8Array | string;

function digest(signingKey: string, timestamp: string, rawBody: RawBody) {
	// The timestamp and the dot are text; the body goes in as the exact bytes received.
	return createHmac('sha256', signingKey).update(`${timestamp}.`).update(rawBody).digest();
}

/** The signature Hero sends for a delivery: HMAC-SHA256 of `${timestamp}.${rawBody}`, hex lowercase. */
export function sign(
	signingKey: string,
	timestamp: string,
	rawBody: RawBody,
	encoding: 'hex' | 'base64' = 'hex',
): string {
	return digest(signingKey, timestamp, rawBody).toString(encoding);
}

const NUMERIC = /^\d+(\.\d+)?$/;
const ISO_8601 =
	/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** Above this a number is read as milliseconds (1e11 seconds is in the year 5138). */
const MILLISECONDS_FROM = 1e11;

/**
 * Reads a timestamp header: Unix seconds (`1717171717`, decimals allowed), Unix milliseconds
 * (`1717171717000`) or ISO 8601 (`2024-05-31T16:08:37Z`; without a zone it is taken as UTC).
 * Answers milliseconds since the epoch, or undefined when the value is none of these.
 */
export function parseTimestamp(value: string | undefined): number | undefined {
	const text = (value ?? '').trim();
	if (NUMERIC.test(text)) {
		const number = Number(text);
		return number >= MILLISECONDS_FROM ? Math.floor(number) : Math.floor(number * 1000);
	}
	const iso = ISO_8601.exec(text);
	if (!iso) return undefined;
	const [, date, time, zone] = iso;
	let offset = (zone ?? 'Z').toUpperCase();
	if (offset !== 'Z') {
		const digits = offset.slice(1).replace(':', '');
		offset = `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2) || '00'}`;
	}
	const milliseconds = Date.parse(`${date}T${time}${offset}`);
	return Number.isNaN(milliseconds) ? undefined : milliseconds;
}

function sameText(a: string, b: string): boolean {
	const encoder = new TextEncoder();
	const left = encoder.encode(a);
	const right = encoder.encode(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether a signature header value is the HMAC of this delivery, in any accepted encoding. */
export function signatureMatches(
	signingKey: string,
	timestamp: string,
	rawBody: RawBody,
	signature: string,
): boolean {
	const given = signature.trim().replace(/^sha256=/i, '');
	const expected = digest(signingKey, timestamp, rawBody);
	if (/^[0-9a-f]{64}$/i.test(given)) {
		return sameText(expected.toString('hex'), given.toLowerCase());
	}
	// Base64, padded or not; base64url letters are read as their base64 equivalents.
	const base64 = given.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
	return sameText(expected.toString('base64').replace(/=+$/, ''), base64);
}

export interface DeliveryToVerify {
	/** The key the trigger gave Hero when it created the webhook. */
	signingKey: string | undefined;
	/** Header values as received; an array when a header came more than once. */
	signature: string | string[] | undefined;
	timestamp: string | string[] | undefined;
	rawBody: RawBody;
	/** Largest accepted distance between the timestamp and now, either way; 0 turns the check off. */
	maxAgeSeconds: number;
	/** Current time in milliseconds since the epoch. */
	now: number;
}

export type VerifyResult = { valid: true } | { valid: false; reason: string };

/** A header as one trimmed value; Node gives an array when a header came more than once. */
export function headerValue(value: string | string[] | undefined): string {
	return ((Array.isArray(value) ? value[0] : value) ?? '').trim();
}

/** Checks a delivery's signature and age; the reason says what was wrong, without any secret. */
export function verify(delivery: DeliveryToVerify): VerifyResult {
	const { signingKey, rawBody, maxAgeSeconds, now } = delivery;
	const signature = headerValue(delivery.signature);
	const timestamp = headerValue(delivery.timestamp);
	if (!signingKey) {
		return {
			valid: false,
			reason: 'This trigger holds no signing key: deactivate and activate the workflow again',
		};
	}
	if (!signature) return { valid: false, reason: 'The X-Herohealth-Signature header is missing' };
	if (!timestamp) return { valid: false, reason: 'The X-Herohealth-Timestamp header is missing' };
	if (maxAgeSeconds > 0) {
		const sentAt = parseTimestamp(timestamp);
		if (sentAt === undefined) {
			return {
				valid: false,
				reason: 'The X-Herohealth-Timestamp header is not a Unix time or an ISO 8601 date',
			};
		}
		if (Math.abs(now - sentAt) > maxAgeSeconds * 1000) {
			return {
				valid: false,
				reason: `The delivery's timestamp is more than ${maxAgeSeconds} seconds away from now`,
			};
		}
	}
	if (!signatureMatches(signingKey, timestamp, rawBody, signature)) {
		return { valid: false, reason: 'The signature does not match this delivery' };
	}
	return { valid: true };
}
