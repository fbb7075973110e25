import type { IDataObject } from 'n8n-workflow';

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** Longest wait taken from a Retry-After header; a longer one is cut to this and named in the error. */
export const RETRY_AFTER_MAX_MS = 120_000;

/** Methods Hero can safely receive twice; anything else is resent only when it surely never arrived. */
export const IDEMPOTENT_METHODS = new Set<string>(['GET', 'HEAD', 'OPTIONS', 'DELETE']);
/** Network failures that happen before a request is sent, so a retry cannot duplicate it. */
export const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** How one attempt at a request failed: an HTTP answer, or no answer at all. */
export interface AttemptFailure {
	/** The HTTP status Hero (or a proxy in front of it) answered; undefined for a network failure. */
	status?: number;
	/** Node's code for a network failure (ECONNRESET, ETIMEDOUT, ERR_CANCELED …). */
	networkCode?: string;
	/** Whether the answer carried a usable Retry-After (see retryAfterMs). */
	retryAfter?: boolean;
	/** Whether the request is safe to repeat (IDEMPOTENT_METHODS). */
	safe: boolean;
}

/**
 * Whether a failed request may be sent again. The rule (also in the README, "Retries"):
 *
 * - Reads and deletes (GET, HEAD, OPTIONS, DELETE) are safe to repeat: resent after 429, 502, 503,
 *   504 and any network failure.
 * - A write (POST, PUT, PATCH) is resent only when Hero surely did not act on it:
 *   - 429: Hero's rate limit refuses before any work is done;
 *   - 503 *with* a Retry-After: a server turning requests away on purpose (overload, maintenance)
 *     and saying when to come back, which it does before handling them;
 *   - a network failure before the request left (connection refused, host not found).
 * - Not resent: a 503 without Retry-After, and 500, 502, 504. A balancer's 503 usually means the
 *   request never reached Hero's application, but the node cannot tell a balancer from the
 *   application, and proxies also answer 503 after forwarding a request whose connection then
 *   reset (Envoy's "upstream disconnect/reset before headers"); an application can answer 5xx
 *   after part of the work (the message stored, a later step failed). A message to a patient
 *   cannot be unsent, so such a write stops as "possibly sent" and the user checks it in Hero.
 *   Dropped connections and timeouts after the request was written count the same.
 */
export function mayResend(failure: AttemptFailure): boolean {
	const { status, networkCode, retryAfter, safe } = failure;
	if (status === undefined) {
		return safe || (networkCode !== undefined && NOT_SENT_CODES.has(networkCode));
	}
	if (status === 429) return true;
	if (status === 503) return safe || retryAfter === true;
	return safe && (status === 502 || status === 504);
}

/**
 * Where the final failure of a request puts its item in a stop report: `possiblySent` when the
 * request changes something in Hero and may have reached it, else `notSent` (it never left, Hero
 * surely refused it, or it only reads, so running it again does nothing twice).
 */
export function failureOutcome(failure: AttemptFailure): 'possiblySent' | 'notSent' {
	const { status, networkCode, retryAfter, safe } = failure;
	if (safe) return 'notSent';
	if (status === undefined) {
		return networkCode !== undefined && NOT_SENT_CODES.has(networkCode)
			? 'notSent'
			: 'possiblySent';
	}
	if (status < 500) return 'notSent';
	return status === 503 && retryAfter === true ? 'notSent' : 'possiblySent';
}

/** What happens after a failed attempt: send it again, or fail with the item's stop-report outcome. */
export type RetryDecision = 'resend' | 'possiblySent' | 'notSent';

/**
 * The retry rule as one pure function of the failure (status or network code, Retry-After, whether
 * the request is safe to repeat), the attempt (0 for the first) and the run's Max Retries.
 */
export function retryDecision(
	failure: AttemptFailure,
	attempt: number,
	maxRetries: number,
): RetryDecision {
	return attempt < maxRetries && mayResend(failure) ? 'resend' : failureOutcome(failure);
}

/**
 * The wait a Retry-After header asks for, in ms, or undefined when it gives none that can be
 * trusted: missing, blank, negative, not a number or a date, a date in the past, or given twice
 * (an array, or values joined with a comma). Those fall back to the node's own backoff, never to
 * no wait at all. "0" is a valid answer (retry at once).
 */
export function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const value = headers?.['retry-after'];
	if (typeof value === 'number')
		return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (!text) return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	// An HTTP date has one comma after the weekday ("Wed, 21 Oct 2026 07:28:00 GMT"); a list of
	// delays ("1, 2") or anything else Date.parse happens to read is refused.
	if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	const wait = date - Date.now();
	return wait > 0 ? wait : undefined;
}

export function backoffMs(attempt: number): number {
	const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
	// Full jitter on half the delay spreads retries of parallel requests apart.
	return exponential / 2 + Math.random() * (exponential / 2);
}

export function networkCodeOf(error: unknown): string | undefined {
	const err = error as { code?: unknown; cause?: { code?: unknown } };
	const code = err?.cause?.code ?? err?.code;
	return typeof code === 'string' ? code : undefined;
}

export function networkMessageOf(error: unknown): string | undefined {
	const err = error as { message?: unknown; cause?: { message?: unknown } };
	const message = err?.cause?.message ?? err?.message;
	return typeof message === 'string' ? message : undefined;
}
