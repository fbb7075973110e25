import nock from 'nock';

import { BASE_URL, FAKE_CREDENTIAL_VALUE, PRACTICE_GROUP_ID } from './constants';

/** A nock scope for Hero's production base URL that only matches requests with both auth headers. */
export const hero = () =>
	nock(BASE_URL)
		.matchHeader('x-api-key', FAKE_CREDENTIAL_VALUE)
		.matchHeader('x-practice-group-id', PRACTICE_GROUP_ID);

/**
 * For a test file that fakes Hero with nock: no request may leave the machine, and every
 * interceptor a test sets up must have been called by the end of that test.
 */
export function useHeroMocks(): void {
	beforeAll(() => {
		nock.disableNetConnect();
		// The contract tests' sandbox runs on loopback.
		nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
	});
	afterAll(() => nock.enableNetConnect());
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
}

/** Hero's answer to Practice Group → Get SMS Credits, which Message → Send reads before the first SMS. */
export const smsCredits = (count = 1000) =>
	hero().get('/v1/me/sms-credits').reply(200, { sms_credit_count: count });
