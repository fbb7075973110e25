import nock from 'nock';
import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeType,
} from 'n8n-workflow';

import { FAKE_CREDENTIAL_VALUE, BASE_URL, PRACTICE_GROUP_ID, locator } from './helpers/constants';
import { itemsOf, runNode } from './helpers/run';
import { describeHeroErrorBody } from '../nodes/HeroHealth/transport/errors';
import { FIRST_PAGE_INDEX, HeroClient } from '../nodes/HeroHealth/transport';
import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';

const hero = () => nock(BASE_URL);

/** A dropped connection, as Node reports it. */
const connectionReset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

afterEach(() => {
	nock.cleanAll();
});

const sendParameters = {
	resource: 'message',
	operation: 'send',
	patientId: locator('98765'),
	messageType: 'sms',
	messageText: 'Your flu jab is due',
	additionalFields: {},
	// These tests count the sends; reading the SMS credits first is tested in campaignOptions.test.ts.
	campaignOptions: { checkSmsCredits: false },
};

describe('transport: paging', () => {
	const searchAll = {
		resource: 'patient',
		operation: 'getAll',
		returnAll: true,
		filters: {},
	};

	it('starts at page_index 0', () => {
		expect(FIRST_PAGE_INDEX).toBe(0);
	});

	it('Return All walks every page (four pages of 100, then a short one)', async () => {
		const total = 430;
		const scope = hero();
		for (let page = 0; page * 100 < total; page++) {
			const size = Math.min(100, total - page * 100);
			scope
				.get('/v1/patients')
				.query({ page_index: page, page_size: 100 })
				.reply(200, {
					data: Array.from({ length: size }, (_, i) => ({ id: String(page * 100 + i) })),
					count: total,
				});
		}
		const { json } = await runNode({ parameters: searchAll });
		expect(json).toHaveLength(total);
		expect(json[0]).toEqual({ id: '0' });
		expect(json[429]).toEqual({ id: '429' });
		expect(scope.isDone()).toBe(true);
	});

	it('stops at an exact multiple of the page size using count', async () => {
		const scope = hero();
		for (let page = 0; page < 4; page++) {
			scope
				.get('/v1/patients')
				.query({ page_index: page, page_size: 100 })
				.reply(200, {
					data: Array.from({ length: 100 }, (_, i) => ({ id: `${page}-${i}` })),
					count: 400,
				});
		}
		const { json } = await runNode({ parameters: searchAll });
		expect(json).toHaveLength(400);
		expect(scope.isDone()).toBe(true);
	});

	it('Limit asks for no more than needed, across pages when the limit is over 100', async () => {
		const scope = hero()
			.get('/v1/patients')
			.query({ page_index: 0, page_size: 100 })
			.reply(200, { data: Array.from({ length: 100 }, (_, i) => ({ id: String(i) })), count: 1000 })
			.get('/v1/patients')
			.query({ page_index: 1, page_size: 100 })
			.reply(200, {
				data: Array.from({ length: 100 }, (_, i) => ({ id: String(100 + i) })),
				count: 1000,
			});
		const { json } = await runNode({ parameters: { ...searchAll, returnAll: false, limit: 150 } });
		expect(json).toHaveLength(150);
		expect(json[149]).toEqual({ id: '149' });
		expect(scope.isDone()).toBe(true);
	});
});

describe('transport: retries', () => {
	// A test that times out with fake timers on must not leave them on for the next one.
	afterEach(() => {
		jest.useRealTimers();
	});

	it('retries a 429 after the Retry-After the server gives, and sends the message once', async () => {
		const scope = hero()
			.post('/v1/messages/send')
			.reply(429, { message: 'Too many requests' }, { 'Retry-After': '1' })
			.post('/v1/messages/send')
			.reply(200, { message_id: 'm1', content: 'Your flu jab is due', created_at: 'now' });
		const started = Date.now();
		const { json } = await runNode({ parameters: sendParameters });
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(json[0]).toMatchObject({ message_id: 'm1' });
		expect(scope.isDone()).toBe(true);
	});

	it('retries a 429 without Retry-After, and a 503 with one, with backoff', async () => {
		const scope = hero()
			.post('/v1/messages/send')
			.reply(429, {})
			.post('/v1/messages/send')
			.reply(503, {}, { 'Retry-After': '0' })
			.post('/v1/messages/send')
			.reply(200, { message_id: 'm2' });
		const { json } = await runNode({ parameters: sendParameters });
		expect(json[0]).toMatchObject({ message_id: 'm2' });
		expect(scope.isDone()).toBe(true);
	});

	it('does not resend a send after a 503 without Retry-After: it may have reached Hero', async () => {
		const scope = hero().post('/v1/messages/send').reply(503, { message: 'Unavailable' });
		const error = (await runNode({ parameters: sendParameters }).catch(
			(e: unknown) => e,
		)) as Error & {
			description?: string;
			context?: IDataObject;
		};
		expect(error.message).toMatch(/^Hero had a server error \(503\)/);
		expect(error.description).toMatch(/Hero may have processed this request/);
		expect(error.context).toMatchObject({ itemsDone: [], itemsUncertain: [0], itemsNotDone: [] });
		expect(scope.isDone()).toBe(true);
	});

	it('retries a read after a 503 without Retry-After', async () => {
		const scope = hero().get('/v1/me').reply(503, {}).get('/v1/me').reply(200, { id: 'me' });
		const { json } = await runNode({
			parameters: {
				resource: 'customApiCall',
				operation: 'request',
				method: 'GET',
				path: '/v1/me',
			},
		});
		expect(json[0]).toMatchObject({ id: 'me' });
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['blank', ' '],
		['negative', '-3'],
		['repeated', '1, 2'],
		['unparseable', 'soon'],
	])('a %s Retry-After falls back to the backoff, not to no wait', async (_kind, value) => {
		const scope = hero()
			.post('/v1/messages/send')
			.reply(429, {}, { 'Retry-After': value })
			.post('/v1/messages/send')
			.reply(200, { message_id: 'm3' });
		const started = Date.now();
		const { json } = await runNode({ parameters: sendParameters });
		// The first backoff is 250–500 ms.
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
		expect(json[0]).toMatchObject({ message_id: 'm3' });
		expect(scope.isDone()).toBe(true);
	});

	it('caps a very long Retry-After and says so when retries run out', async () => {
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		try {
			hero().post('/v1/messages/send').times(2).reply(429, {}, { 'Retry-After': '86400' });
			let settled = false;
			const run = runNode({
				// A long timeout: the fake clock must not end the request itself.
				parameters: { ...sendParameters, requestOptions: { maxRetries: 1, timeoutSeconds: 3600 } },
			})
				.then(
					() => undefined,
					(e: unknown) => e as Error & { description?: string },
				)
				.finally(() => {
					settled = true;
				});
			// Replies come over real sockets, between fake waits: advance until the run ends. The
			// node waits 120 s, not a day, so it ends well inside 2,000 fake seconds.
			for (let i = 0; i < 2_000 && !settled; i++) await jest.advanceTimersByTimeAsync(1_000);
			const error = await run;
			expect(error?.message).toMatch(/rate limit was reached \(429\)/);
			expect(error?.description).toMatch(
				/Hero asked to wait 86400 s before retrying \(Retry-After\); the node waits at most 120 s/,
			);
		} finally {
			jest.useRealTimers();
		}
	});

	it('gives up after Max Retries with a readable rate-limit error', async () => {
		hero().post('/v1/messages/send').times(2).reply(429, {}, { 'Retry-After': '0' });
		await expect(
			runNode({ parameters: { ...sendParameters, requestOptions: { maxRetries: 1 } } }),
		).rejects.toThrow('Hero’s rate limit was reached (429) and retries ran out');
	});

	it('does not resend a POST whose connection dropped after sending', async () => {
		const scope = hero().post('/v1/messages/send').replyWithError(connectionReset());
		const error = await runNode({ parameters: sendParameters }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe(
			'Could not reach Hero for POST /v1/messages/send (connection dropped): possibly sent, check in Hero before sending it again',
		);
		expect((error as NodeApiError).description).toMatch(
			/may have processed it\. It was not sent again/,
		);
		expect(scope.isDone()).toBe(true);
	});

	it('does not resend a POST that timed out after sending', async () => {
		const scope = hero().post('/v1/messages/send').delay(1500).reply(200, { message_id: 'late' });
		await expect(
			runNode({ parameters: { ...sendParameters, requestOptions: { timeoutSeconds: 1 } } }),
		).rejects.toThrow('Could not reach Hero for POST /v1/messages/send (timed out)');
		expect(scope.isDone()).toBe(true);
	});

	it('retries a read whose connection dropped', async () => {
		const scope = hero()
			.get('/v1/patients/1')
			.replyWithError(connectionReset())
			.get('/v1/patients/1')
			.reply(200, { id: '1' });
		const { json } = await runNode({
			parameters: { resource: 'patient', operation: 'get', patientId: locator('1'), options: {} },
		});
		expect(json).toEqual([{ id: '1' }]);
		expect(scope.isDone()).toBe(true);
	});

	it('does not retry a POST answered 502 (it may have been processed upstream)', async () => {
		const scope = hero().post('/v1/messages/send').reply(502, 'Bad Gateway');
		await expect(runNode({ parameters: sendParameters })).rejects.toThrow(
			'Hero had a server error (502)',
		);
		expect(scope.isDone()).toBe(true);
	});
});

describe('transport: errors', () => {
	it('renders Hero’s 400 issue list as field: expected type', async () => {
		hero()
			.post('/v1/messages/send')
			.reply(400, {
				error: true,
				statusCode: 400,
				message: [
					{ code: 'invalid_type', expected: 'string', received: 'undefined', path: ['patient_id'] },
					{
						code: 'too_small',
						message: 'String must contain at least 1 character(s)',
						path: ['message_string'],
					},
				],
			});
		await expect(runNode({ parameters: sendParameters })).rejects.toThrow(
			'Hero rejected the request (POST /v1/messages/send): patient_id: expected string, received undefined; message_string: String must contain at least 1 character(s)',
		);
	});

	it.each([
		[401, 'Hero did not accept the API key (401)'],
		[403, 'lacks the scope for this operation, or the practice group ID does not belong to it'],
		[404, 'Hero found nothing at POST /v1/messages/send (404): check the ID'],
		[500, 'Hero had a server error (500) for POST /v1/messages/send'],
	])('explains a %i', async (status, text) => {
		hero()
			.post('/v1/messages/send')
			.reply(status, { error: true, statusCode: status, message: 'nope' });
		await expect(
			runNode({ parameters: { ...sendParameters, requestOptions: { maxRetries: 0 } } }),
		).rejects.toThrow(text);
	});

	it('never puts the API key in an error, even when Hero echoes it back', async () => {
		hero()
			.post('/v1/messages/send')
			.reply(401, {
				error: true,
				statusCode: 401,
				message: `Unknown key ${FAKE_CREDENTIAL_VALUE}`,
			});
		const error = (await runNode({ parameters: sendParameters }).catch(
			(e: unknown) => e,
		)) as NodeApiError;
		const everything = JSON.stringify({
			message: error.message,
			description: error.description,
			context: error.context,
			cause: error.cause,
			messages: error.messages,
		});
		expect(everything).not.toContain(FAKE_CREDENTIAL_VALUE);
		expect(everything).toContain('[redacted]');
	});

	it('never puts the API key in Continue On Fail output of a network failure', async () => {
		hero().post('/v1/messages/send').replyWithError(connectionReset());
		const { output } = await runNode({ parameters: sendParameters, continueOnFail: true });
		expect(JSON.stringify(output.map((item) => item.json))).not.toContain(FAKE_CREDENTIAL_VALUE);
		expect(output[0].json.error).toBe(
			'Could not reach Hero for POST /v1/messages/send (connection dropped): possibly sent, check in Hero before sending it again',
		);
	});

	it('describes bodies of each shape', () => {
		expect(
			describeHeroErrorBody({
				message: [{ code: 'invalid_type', expected: 'string', path: ['nhs_number'] }],
			}),
		).toBe('nhs_number: expected string');
		expect(describeHeroErrorBody({ message: 'No patient found' })).toBe('No patient found');
		expect(describeHeroErrorBody({ error: 'Unauthorised' })).toBe('Unauthorised');
		expect(describeHeroErrorBody('')).toBeUndefined();
	});
});

describe('transport: headers and base URL', () => {
	it('sends both auth headers to the custom base URL, tolerating a trailing slash', async () => {
		const scope = nock('http://127.0.0.1:4010')
			.matchHeader('x-api-key', FAKE_CREDENTIAL_VALUE)
			.matchHeader('x-practice-group-id', PRACTICE_GROUP_ID)
			.get('/v1/patients/5')
			.reply(200, { id: '5' });
		const { json, requests } = await runNode({
			credentials: {
				apiKey: FAKE_CREDENTIAL_VALUE,
				practiceGroupId: PRACTICE_GROUP_ID,
				environment: 'custom',
				baseUrl: 'http://127.0.0.1:4010/',
			},
			parameters: { resource: 'patient', operation: 'get', patientId: locator('5'), options: {} },
		});
		expect(json).toEqual([{ id: '5' }]);
		expect(requests[0].url).toBe('http://127.0.0.1:4010/v1/patients/5');
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['staging', 'https://api.staging.htech.app'],
		['mock', 'https://developer.herohealth.net/_mock/apis/public-api/openapi'],
	])('uses the %s base URL', async (environment, url) => {
		nock(url)
			.get(/\/v1\/patients\/5$/)
			.reply(200, { id: '5' });
		const { requests } = await runNode({
			credentials: {
				apiKey: FAKE_CREDENTIAL_VALUE,
				practiceGroupId: PRACTICE_GROUP_ID,
				environment,
			},
			parameters: { resource: 'patient', operation: 'get', patientId: locator('5'), options: {} },
		});
		expect(requests[0].url).toBe(`${url}/v1/patients/5`);
	});
});

describe('router: concurrency and order', () => {
	it('keeps output order and pairing when later items answer first, and never exceeds the concurrency', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		const count = 12;
		hero()
			.post('/v1/messages/send')
			.times(count)
			.delay(5)
			.reply(200, function (_uri, body) {
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				const patient = (body as { patient_id: string }).patient_id;
				// Later items answer sooner, so completion order is the reverse of input order.
				return new Promise((resolve) => {
					const wait = (count - Number(patient)) * 3;
					void new Promise((r) => r(undefined)).then(async () => {
						await import('n8n-workflow').then(({ sleep }) => sleep(wait));
						inFlight--;
						resolve({ message_id: `m${patient}` });
					});
				});
			});
		const { output } = await runNode({
			items: itemsOf(...Array.from({ length: count }, (_, i) => ({ n: i }))),
			parameters: {
				...sendParameters,
				patientId: locator('={{ $json.n }}'),
				requestOptions: { concurrency: 4 },
			},
		});
		expect(output.map((item) => item.json.message_id)).toEqual(
			Array.from({ length: count }, (_, i) => `m${i}`),
		);
		expect(output.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: count }, (_, i) => ({ item: i })),
		);
		expect(maxInFlight).toBeLessThanOrEqual(4);
		expect(maxInFlight).toBeGreaterThan(1);
	});

	it('without Continue On Fail, a bad item stops the node before anything is sent', async () => {
		const scope = hero().post('/v1/messages/send').reply(200, { message_id: 'm0' });
		await expect(
			runNode({
				items: itemsOf({ n: 0 }, { n: 1 }, { n: 2 }),
				parameters: {
					...sendParameters,
					messageText: "={{ $json.n === 1 ? '   ' : 'hello' }}",
					requestOptions: { concurrency: 1 },
				},
			}),
		).rejects.toThrow('Message is empty (item 1)');
		// Every item is checked before the first request: item 0 was not sent either.
		expect(scope.isDone()).toBe(false);
	});
});

describe('transport: concurrency', () => {
	/** Answers every send after `delayMs`; patients listed in `busyOnce` get a 503 (Retry-After 1 s) first. */
	function answerSends(count: number, delayMs: number, busyOnce: string[] = []) {
		const refused = new Set<string>();
		hero()
			.post('/v1/messages/send')
			.times(count)
			.delay(delayMs)
			.reply((_uri, body) => {
				const patient = (body as { patient_id: string }).patient_id;
				if (busyOnce.includes(patient) && !refused.has(patient)) {
					refused.add(patient);
					return [503, {}, { 'Retry-After': '1' }];
				}
				return [200, { message_id: `m${patient}` }];
			});
	}
	const manyItems = (count: number) => itemsOf(...Array.from({ length: count }, (_, n) => ({ n })));
	const perItemPatient = { ...sendParameters, patientId: locator('={{ $json.n }}') };

	it('keeps at most Concurrency requests out, with more items than that in progress', async () => {
		answerSends(30, 10);
		const { json, requests } = await runNode({
			items: manyItems(30),
			parameters: { ...perItemPatient, requestOptions: { concurrency: 3 } },
		});
		expect(json.map((item) => item.message_id)).toEqual(
			Array.from({ length: 30 }, (_, i) => `m${i}`),
		);
		expect(Math.max(...requests.map((request) => request.inFlight))).toBe(3);
	});

	it('at Concurrency 1, sends one request at a time in item order', async () => {
		answerSends(6, 5);
		const { requests } = await runNode({
			items: manyItems(6),
			parameters: { ...perItemPatient, requestOptions: { concurrency: 1 } },
		});
		expect(requests.map((request) => (request.body as IDataObject).patient_id)).toEqual([
			'0',
			'1',
			'2',
			'3',
			'4',
			'5',
		]);
		expect(requests.every((request) => request.inFlight === 1)).toBe(true);
	});

	it('spaces request starts at least a millisecond apart', async () => {
		answerSends(12, 5);
		const { requests } = await runNode({
			items: manyItems(12),
			parameters: { ...perItemPatient, requestOptions: { concurrency: 6 } },
		});
		const starts = requests.map((request) => request.startedAt).sort((a, b) => a - b);
		const gaps = starts.slice(1).map((start, i) => start - starts[i]);
		// The gate allows a start 1 ms after the last one; the helper sees it a few microtasks later.
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0.9);
	});

	it('frees the slot of a request waiting to be retried, so other items go on', async () => {
		answerSends(6, 5, ['0', '1']);
		const { json, requests } = await runNode({
			items: manyItems(4),
			parameters: { ...perItemPatient, requestOptions: { concurrency: 2 } },
		});
		expect(json.map((item) => item.message_id)).toEqual(['m0', 'm1', 'm2', 'm3']);
		const patients = requests.map((request) => (request.body as IDataObject).patient_id);
		// Items 0 and 1 wait a second for their retries; items 2 and 3 are sent meanwhile, not after.
		expect(patients).toEqual(['0', '1', '2', '3', '0', '1']);
		expect(Math.max(...requests.map((request) => request.inFlight))).toBe(2);
	});
});

describe('throttle', () => {
	/** Answers every send, recording arrival times; answers 429 to the request numbers given. */
	function recordSends(count: number, rateLimited: number[] = []) {
		const arrivals: number[] = [];
		let n = 0;
		hero()
			.post('/v1/messages/send')
			.times(count)
			.reply(() => {
				const index = n++;
				arrivals.push(Date.now());
				return rateLimited.includes(index)
					? [429, {}, { 'Retry-After': '0' }]
					: [200, { message_id: `m${index}` }];
			});
		return arrivals;
	}

	it('caps request starts at Max Requests per Second for the whole node', async () => {
		const arrivals = recordSends(6);
		await runNode({
			items: itemsOf(...Array.from({ length: 6 }, (_, i) => ({ n: i }))),
			parameters: {
				...sendParameters,
				requestOptions: { concurrency: 6, maxRequestsPerSecond: 10 },
			},
		});
		// Timers may fire a little early or late on a busy machine: judge the mean spacing.
		expect((arrivals[5] - arrivals[0]) / 5).toBeGreaterThanOrEqual(90);
	});

	it('after a 429, slows every request down to the rate Hero accepted, and loses nothing', async () => {
		// Requests 0–4 succeed at full speed, the 6th meets a 429; then the node must space requests out.
		const arrivals = recordSends(15, [5]);
		const { json } = await runNode({
			items: itemsOf(...Array.from({ length: 14 }, (_, i) => ({ n: i }))),
			parameters: { ...sendParameters, requestOptions: { concurrency: 5 } },
		});
		expect(json).toHaveLength(14);
		expect(json.every((item) => typeof item.message_id === 'string')).toBe(true);
		// Requests 6–9 were already on their way when the 429 came (arrivals 6–10); every request started
		// after it is spaced: five accepted in the last second give about 4 per second, 235 ms apart.
		const throttled = arrivals.slice(11);
		expect(
			(throttled[throttled.length - 1] - throttled[0]) / (throttled.length - 1),
		).toBeGreaterThanOrEqual(180);
	});
});

describe('transport: query arrays', () => {
	it('repeats the name for array values, as OpenAPI form/explode does', async () => {
		const scope = hero()
			.get('/v1/patients/7/attachments')
			.query((query) => {
				expect(query).toEqual({ ids: ['1', '2'], 'status[]': ['open', 'closed'] });
				return true;
			})
			.reply(200, { data: [], count: 0 });
		// The transport called straight from a node on n8n's engine, so n8n's HTTP helper serialises.
		const callsTransport: INodeType = {
			description: new HeroHealth().description,
			async execute(this: IExecuteFunctions) {
				const answer = await new HeroClient(this).send({
					method: 'GET',
					path: '/v1/patients/7/attachments',
					qs: { ids: ['1', '2'], 'status[]': ['open', 'closed'] },
				});
				return [[{ json: answer as IDataObject }]];
			},
		};
		const { requests } = await runNode({
			nodeType: callsTransport,
			parameters: { resource: 'consultation', operation: 'getAll', returnAll: true },
		});
		expect(scope.isDone()).toBe(true);
		expect(requests[0].query).toBe('ids=1&ids=2&status%5B%5D=open&status%5B%5D=closed');
	});
});
