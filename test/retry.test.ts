import {
	IDEMPOTENT_METHODS,
	retryDecision,
	type AttemptFailure,
	type RetryDecision,
} from '../nodes/HeroHealth/transport/retry';

/**
 * retryDecision, the one function HeroClient asks after a failed attempt, by table: every failure a
 * GET (safe to repeat) and a POST (not safe) can meet, before Max Retries is reached and at it. The
 * expected answers are written out from the rule documented above mayResend (README, "Retries"),
 * not computed from it.
 */

const MAX_RETRIES = 5;

type Failure = Omit<AttemptFailure, 'safe'>;

/** [what happened, the failure, decision while attempts are left, decision at Max Retries] */
type Row = [string, Failure, RetryDecision, RetryDecision];

const GET_ROWS: Row[] = [
	// A read does nothing twice: resent after 429, 502, 503, 504 and any network failure, and its
	// final failure is "not sent" whatever it was.
	['429', { status: 429 }, 'resend', 'notSent'],
	['429 with Retry-After', { status: 429, retryAfter: true }, 'resend', 'notSent'],
	['500', { status: 500 }, 'notSent', 'notSent'],
	['500 with Retry-After', { status: 500, retryAfter: true }, 'notSent', 'notSent'],
	['502', { status: 502 }, 'resend', 'notSent'],
	['502 with Retry-After', { status: 502, retryAfter: true }, 'resend', 'notSent'],
	['503', { status: 503 }, 'resend', 'notSent'],
	['503 with Retry-After', { status: 503, retryAfter: true }, 'resend', 'notSent'],
	['504', { status: 504 }, 'resend', 'notSent'],
	['404', { status: 404 }, 'notSent', 'notSent'],
	['ECONNRESET', { networkCode: 'ECONNRESET' }, 'resend', 'notSent'],
	['ECONNREFUSED', { networkCode: 'ECONNREFUSED' }, 'resend', 'notSent'],
	['ETIMEDOUT', { networkCode: 'ETIMEDOUT' }, 'resend', 'notSent'],
];

const POST_ROWS: Row[] = [
	// A write is resent only when Hero surely did not act on it: 429, 503 with Retry-After, and a
	// connection that was never made. Any other 5xx or a connection lost after sending leaves it
	// "possibly sent", at once: it is never resent.
	['429', { status: 429 }, 'resend', 'notSent'],
	['429 with Retry-After', { status: 429, retryAfter: true }, 'resend', 'notSent'],
	['500', { status: 500 }, 'possiblySent', 'possiblySent'],
	['500 with Retry-After', { status: 500, retryAfter: true }, 'possiblySent', 'possiblySent'],
	['502', { status: 502 }, 'possiblySent', 'possiblySent'],
	['502 with Retry-After', { status: 502, retryAfter: true }, 'possiblySent', 'possiblySent'],
	['503', { status: 503 }, 'possiblySent', 'possiblySent'],
	['503 with Retry-After', { status: 503, retryAfter: true }, 'resend', 'notSent'],
	['504', { status: 504 }, 'possiblySent', 'possiblySent'],
	['404', { status: 404 }, 'notSent', 'notSent'],
	['ECONNRESET', { networkCode: 'ECONNRESET' }, 'possiblySent', 'possiblySent'],
	['ECONNREFUSED', { networkCode: 'ECONNREFUSED' }, 'resend', 'notSent'],
	['ETIMEDOUT', { networkCode: 'ETIMEDOUT' }, 'possiblySent', 'possiblySent'],
];

/** [method, what happened, decision while attempts are left, at Max Retries, the failure] */
const table = (['GET', 'POST'] as const).flatMap((method) =>
	(method === 'GET' ? GET_ROWS : POST_ROWS).map(
		([what, failure, before, at]) => [method, what, before, at, failure] as const,
	),
);

describe('retryDecision: resend, or the final outcome (possiblySent / notSent)', () => {
	it('GET is safe to repeat and POST is not', () => {
		expect(IDEMPOTENT_METHODS.has('GET')).toBe(true);
		expect(IDEMPOTENT_METHODS.has('POST')).toBe(false);
	});

	it.each(table)(
		'%s, %s: %s before Max Retries, %s at it',
		(method, _what, before, at, failure) => {
			const attempt: AttemptFailure = { ...failure, safe: IDEMPOTENT_METHODS.has(method) };
			// Attempts left: the first attempt, and the last one before Max Retries.
			expect(retryDecision(attempt, 0, MAX_RETRIES)).toBe(before);
			expect(retryDecision(attempt, MAX_RETRIES - 1, MAX_RETRIES)).toBe(before);
			// attempt == Max Retries: no resend, whatever the failure.
			expect(retryDecision(attempt, MAX_RETRIES, MAX_RETRIES)).toBe(at);
			// Max Retries 0: the first failure is already final.
			expect(retryDecision(attempt, 0, 0)).toBe(at);
		},
	);
});
