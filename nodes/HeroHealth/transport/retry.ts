import type { IDataObject } from 'n8n-workflow';

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** Longest single wait we honour from a Retry-After header before giving up on the request. */
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

export function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const value = headers?.['retry-after'];
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
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
