import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	failureOutcome,
	mayResend,
	retryAfterMs,
	type AttemptFailure,
} from '../nodes/HeroHealth/transport/retry';
import { sortItems, stopReportText } from '../nodes/HeroHealth/transport/outcomes';
import { hero } from './helpers/hero';
import { itemsOf, locator, runNode } from './helpers/run';
import { control, credentials } from './helpers/sandbox';
import { startRecording } from './helpers/wire.cjs';

/**
 * A run that stops puts every item in exactly one of three lists (issue 23): done (with Hero's ID),
 * possibly sent (the request may have reached Hero), not sent. The rule for resending and the
 * sorting are pure functions, tested by table; the lists are then checked against the sandbox,
 * whose store shows what Hero really holds.
 */

type StopError = Error & {
	description?: string;
	context?: {
		itemsDone?: Array<{ item: number; hero: string }>;
		itemsUncertain?: number[];
		itemsNotDone?: number[];
		failures?: Array<{ item: number; message: string }>;
	};
};

describe('the retry rule (mayResend) and where a final failure puts its item (failureOutcome)', () => {
	// [what happened, safe to repeat, Retry-After given, resent?, outcome when final]
	const table: Array<[string, AttemptFailure, boolean, 'possiblySent' | 'notSent']> = [
		['write, 429', { status: 429, safe: false }, true, 'notSent'],
		[
			'write, 429 with Retry-After',
			{ status: 429, retryAfter: true, safe: false },
			true,
			'notSent',
		],
		[
			'write, 503 with Retry-After',
			{ status: 503, retryAfter: true, safe: false },
			true,
			'notSent',
		],
		['write, 503 without Retry-After', { status: 503, safe: false }, false, 'possiblySent'],
		['write, 500', { status: 500, safe: false }, false, 'possiblySent'],
		['write, 502', { status: 502, safe: false }, false, 'possiblySent'],
		['write, 504', { status: 504, safe: false }, false, 'possiblySent'],
		['write, 400', { status: 400, safe: false }, false, 'notSent'],
		['write, 404', { status: 404, safe: false }, false, 'notSent'],
		['write, 409', { status: 409, safe: false }, false, 'notSent'],
		['write, connection reset', { networkCode: 'ECONNRESET', safe: false }, false, 'possiblySent'],
		['write, timeout', { networkCode: 'ECONNABORTED', safe: false }, false, 'possiblySent'],
		['write, aborted on Stop', { networkCode: 'ERR_CANCELED', safe: false }, false, 'possiblySent'],
		['write, no code', { safe: false }, false, 'possiblySent'],
		['write, connection refused', { networkCode: 'ECONNREFUSED', safe: false }, true, 'notSent'],
		['write, host not found', { networkCode: 'ENOTFOUND', safe: false }, true, 'notSent'],
		['read, 503', { status: 503, safe: true }, true, 'notSent'],
		['read, 502', { status: 502, safe: true }, true, 'notSent'],
		['read, 504', { status: 504, safe: true }, true, 'notSent'],
		['read, 500', { status: 500, safe: true }, false, 'notSent'],
		['read, 404', { status: 404, safe: true }, false, 'notSent'],
		['read, connection reset', { networkCode: 'ECONNRESET', safe: true }, true, 'notSent'],
	];
	it.each(table)('%s', (_case, failure, resend, outcome) => {
		expect(mayResend(failure)).toBe(resend);
		expect(failureOutcome(failure)).toBe(outcome);
	});

	it('never resends a write whose failure leaves it possibly sent', () => {
		for (const [, failure] of table) {
			if (!failure.safe && failureOutcome(failure) === 'possiblySent') {
				expect(mayResend(failure)).toBe(false);
			}
		}
	});
});

describe('Retry-After is read defensively', () => {
	it.each([
		['missing', undefined],
		['blank', ' '],
		['empty', ''],
		['negative', '-3'],
		['repeated, joined', '1, 2'],
		['repeated, as an array', ['1', '2']],
		['unparseable', 'soon'],
		['a number that is not finite', Number.POSITIVE_INFINITY],
		['a date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT'],
		['a loose date', '2099-01-01'],
	])('%s: undefined, so the node uses its own backoff', (_case, value) => {
		expect(retryAfterMs(value === undefined ? {} : { 'retry-after': value as string })).toBe(
			undefined,
		);
	});

	it('reads seconds and HTTP dates', () => {
		expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
		expect(retryAfterMs({ 'retry-after': ' 1.5 ' })).toBe(1500);
		expect(retryAfterMs({ 'retry-after': '0' })).toBe(0);
		const inAMinute = new Date(Date.now() + 60_000).toUTCString();
		const wait = retryAfterMs({ 'retry-after': inAMinute }) ?? 0;
		expect(wait).toBeGreaterThan(55_000);
		expect(wait).toBeLessThanOrEqual(60_000);
	});
});

describe('sortItems and the report text', () => {
	it('puts every item in exactly one list, and the text says the same as the lists', () => {
		const done = new Map([
			[0, 'message_id 1'],
			[3, 'message_id 2'],
		]);
		const sorted = sortItems(6, done, new Set([1, 3, 4]));
		expect(sorted).toEqual({
			done: [
				{ item: 0, hero: 'message_id 1' },
				{ item: 3, hero: 'message_id 2' },
			],
			possiblySent: [1, 4],
			notSent: [2, 5],
		});
		const text = stopReportText(6, sorted, [
			{ item: 1, message: 'Could not reach Hero' },
			{ item: 2, message: 'Hero rejected the request' },
		]);
		expect(text.summary).toBe('The node stopped: 2 of 6 items done, 2 possibly sent, 2 not sent');
		expect(text.lines).toEqual([
			'The node stopped: 2 of 6 items done, 2 possibly sent, 2 not sent.',
			'Done (Hero answered; n8n keeps no output for a node that fails, so here they are with Hero’s ID): item 0: message_id 1; item 3: message_id 2.',
			'Possibly sent (the request may have reached Hero): items 1, 4.',
			'Not sent: items 2, 5.',
			'Failures: item 1: Could not reach Hero; item 2: Hero rejected the request.',
			'Check the possibly-sent items in Hero, then re-run the not-sent ones (see the README: "When a run stops").',
		]);
	});
});

const SEND = 'POST /v1/messages/send';
const sendParameters = {
	resource: 'message',
	operation: 'send',
	patientId: locator('={{ $json.patientId }}'),
	messageType: 'sms',
	messageText: '={{ $json.text }}',
	additionalFields: {},
	// These runs count and fault the sends themselves; the SMS-credit read Send makes first by
	// default is tested in campaignOptions.test.ts.
	campaignOptions: { checkSmsCredits: false },
};
const rowsFor = (...patients: string[]) => {
	const run = Math.random().toString(36).slice(2, 8);
	return itemsOf(...patients.map((patientId, row) => ({ patientId, text: `Stop ${run} ${row}` })));
};
const storedMessages = async () =>
	((await control.state()).messages ?? []) as Array<{ id: string; content: string }>;

describe('against the sandbox', () => {
	beforeEach(async () => {
		await control.reset();
	});

	it('a dropped answer after a stored send is possibly sent, not "not done"', async () => {
		await control.config({ dropNext: 1 });
		const error = (await runNode({
			parameters: { ...sendParameters, requestOptions: { concurrency: 1 } },
			items: rowsFor('1001', '1002', '1003'),
			credentials: credentials(),
		}).catch((thrown: unknown) => thrown)) as StopError;

		// Hero holds the first message: it must not be offered for a re-run.
		expect((await storedMessages()).length).toBe(1);
		expect((await control.counters()).requests[SEND].received).toBe(1);
		expect(error.context?.itemsDone).toEqual([]);
		expect(error.context?.itemsUncertain).toEqual([0]);
		expect(error.context?.itemsNotDone).toEqual([1, 2]);
		expect(error.message).toMatch(
			/^Could not reach Hero for POST \/v1\/messages\/send \(connection dropped\): possibly sent, check in Hero before sending it again\. The node stopped: 0 of 3 items done, 1 possibly sent, 2 not sent$/,
		);
		expect(error.description).toContain(
			'Possibly sent (the request may have reached Hero): items 0.',
		);
		expect(error.description).toContain('Not sent: items 1–2.');
		expect(error.description).toContain(
			'Check the possibly-sent items in Hero, then re-run the not-sent ones',
		);
	});

	it('with Continue On Fail, each failed item says its outcome', async () => {
		await control.config({ dropNext: 1 });
		const { output } = await runNode({
			parameters: {
				...sendParameters,
				patientId: locator('={{ $json.patientId }}'),
				requestOptions: { concurrency: 1 },
			},
			items: rowsFor('1001', '999999', '1003'),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(output.map((item) => item.json.message_id ?? item.json.error)).toEqual([
			'Could not reach Hero for POST /v1/messages/send (connection dropped): possibly sent, check in Hero before sending it again',
			expect.not.stringMatching(/possibly sent/),
			expect.any(String),
		]);
		expect((await storedMessages()).length).toBe(2);
	});

	it('Stop with six sends out lists every aborted send as possibly sent', async () => {
		// Hero stores each message at once and answers after a second: all six are out at Stop.
		await control.config({ latencyMs: 1000 });
		let stop = () => {};
		const recording = startRecording((started) => {
			if (started === 6) void sleep(200).then(() => stop());
		});
		let error: StopError | undefined;
		try {
			error = (await runNode({
				parameters: sendParameters,
				items: rowsFor('1001', '1002', '1003', '1004', '1005', '1006'),
				credentials: credentials(),
				onStart: (execution) => {
					stop = () => execution.cancel();
				},
			}).catch((thrown: unknown) => thrown)) as StopError;
		} finally {
			recording.stop();
		}
		expect((await storedMessages()).length).toBe(6);
		expect(error?.message).toMatch(
			/^The execution was stopped\. The node stopped: 0 of 6 items done, 6 possibly sent, 0 not sent$/,
		);
		expect(error?.context?.itemsUncertain).toEqual([0, 1, 2, 3, 4, 5]);
		expect(error?.context?.itemsNotDone).toEqual([]);
		expect(error?.description).toContain(
			'Possibly sent (the request may have reached Hero): items 0–5.',
		);
		expect(error?.description).not.toMatch(/Not sent/);
	}, 30_000);
});

describe('with nock: two failures in one run', () => {
	afterEach(() => nock.cleanAll());

	it('both are reported, each in its list, and the item Hero answered is done', async () => {
		// Patient 2's answer never comes back: the connection drops after the request was sent.
		hero()
			.post('/v1/messages/send', (body: IDataObject) => body.patient_id === '1')
			.delay(50)
			.reply(404, { message: 'No patient found' })
			.post('/v1/messages/send', (body: IDataObject) => body.patient_id === '2')
			.delay(80)
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.post('/v1/messages/send', (body: IDataObject) => body.patient_id === '3')
			.delay(20)
			.reply(200, { message_id: 'm3' });

		const error = (await runNode({
			parameters: sendParameters,
			items: itemsOf(
				{ patientId: '1', text: 'a' },
				{ patientId: '2', text: 'b' },
				{ patientId: '3', text: 'c' },
			),
		}).catch((thrown: unknown) => thrown)) as StopError;

		expect(error.message).toBe(
			'Hero found nothing at POST /v1/messages/send (404): check the ID. The node stopped: 1 of 3 items done, 1 possibly sent, 1 not sent',
		);
		expect(error.context?.itemsDone).toEqual([{ item: 2, hero: 'message_id m3' }]);
		expect(error.context?.itemsUncertain).toEqual([1]);
		expect(error.context?.itemsNotDone).toEqual([0]);
		expect(error.context?.failures?.map(({ item }) => item)).toEqual([0, 1]);
		expect(error.description).toMatch(
			/Failures: item 0: Hero found nothing[^;]*; item 1: Could not reach Hero/,
		);
	});
});

describe('Request Options numbers are checked before any request (issue 22 point 3)', () => {
	afterEach(() => nock.cleanAll());

	it.each([
		[
			'concurrency',
			'={{ "ten" }}',
			'Request Options → Concurrency must be a whole number from 1 to 20, not "ten"',
		],
		['concurrency', 0, 'Request Options → Concurrency must be a whole number from 1 to 20, not 0'],
		[
			'concurrency',
			2.5,
			'Request Options → Concurrency must be a whole number from 1 to 20, not 2.5',
		],
		[
			'maxRequestsPerSecond',
			'={{ "fast" }}',
			'Request Options → Max Requests per Second must be a number from 0 to 10000, not "fast"',
		],
		[
			'maxRequestsPerSecond',
			-1,
			'Request Options → Max Requests per Second must be a number from 0 to 10000, not -1',
		],
		[
			'timeoutSeconds',
			'={{ "" }}',
			'Request Options → Timeout (Seconds) must be a number from 1 to 3600, not ""',
		],
		[
			'timeoutSeconds',
			0,
			'Request Options → Timeout (Seconds) must be a number from 1 to 3600, not 0',
		],
		[
			'maxRetries',
			'={{ 1/0 }}',
			'Request Options → Max Retries must be a whole number from 0 to 10, not Infinity',
		],
		['maxRetries', 11, 'Request Options → Max Retries must be a whole number from 0 to 10, not 11'],
	])('%s = %p fails fast, naming the option, with nothing sent', async (option, value, message) => {
		const scope = hero().post('/v1/messages/send').reply(200, { message_id: 'm1' });
		const started = Date.now();
		await expect(
			runNode({
				parameters: { ...sendParameters, requestOptions: { [option]: value } },
				items: itemsOf({ patientId: '1', text: 'a' }),
			}),
		).rejects.toThrow(message);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(scope.isDone()).toBe(false);
	});

	it('a number given as text from an expression is read as that number', async () => {
		const scope = hero().post('/v1/messages/send').reply(200, { message_id: 'm1' });
		const { json } = await runNode({
			parameters: { ...sendParameters, requestOptions: { concurrency: '={{ "3" }}' } },
			items: itemsOf({ patientId: '1', text: 'a' }),
		});
		expect(json[0].message_id).toBe('m1');
		expect(scope.isDone()).toBe(true);
	});
});
