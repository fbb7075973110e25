import nock from 'nock';
import type { NodeOperationError } from 'n8n-workflow';

import { locator } from './helpers/constants';
import { hero } from './helpers/hero';
import { deduplicator, MemoryDeduplicator } from './helpers/deduplication';
import { itemsOf, runNode } from './helpers/run';
import { control, credentials } from './helpers/sandbox';
import { smsParts } from '../nodes/HeroHealth/helpers/sms';
import {
	isInside,
	localIso,
	nextStart,
	type SendingWindow,
} from '../nodes/HeroHealth/actions/message/sendingWindow';

/**
 * Message → Send's Campaign Options (issue 27) on n8n's engine against the local Hero sandbox, with
 * n8n's deduplication store in memory (test/helpers/deduplication.ts, the model of n8n's own).
 */

const SEND = 'POST /v1/messages/send';
const CREDITS = 'GET /v1/me/sms-credits';
const WORKFLOW_ID = 'hero-test-workflow';
/** The Hero Health node's ID in the harness: its own list holds the `unconfirmed` keys. */
const NODE_ID = 'hero-node-id';

interface SandboxMessage {
	id: string;
	patient_id: string;
	content: string;
	send_at?: string;
	scheduled_at?: string | null;
}

async function messagesInSandbox(): Promise<SandboxMessage[]> {
	return ((await control.state()).messages ?? []) as SandboxMessage[];
}

/** Requests the sandbox received, by route, leaving out routes with none. */
async function received(): Promise<Record<string, number>> {
	const counters = await control.counters();
	return Object.fromEntries(
		Object.entries(counters.requests)
			.filter(([, route]) => route.received > 0)
			.map(([name, route]) => [name, route.received]),
	);
}

const unconfirmed = (campaign: string, key: string) =>
	`herohealth-campaign\u001f${campaign}\u001f${key}\u001funconfirmed`;
const claimed = (campaign: string, key: string) =>
	`herohealth-campaign\u001f${campaign}\u001f${key}\u001fclaimed`;

function send(campaignOptions: Record<string, unknown>, extra: Record<string, unknown> = {}) {
	return {
		resource: 'message',
		operation: 'send',
		patientId: locator('={{ $json.patient_id }}'),
		messageType: 'sms',
		messageText: '={{ $json.text ?? "Your flu jab is due: book at the surgery." }}',
		additionalFields: {},
		campaignOptions,
		...extra,
	};
}

const patients = (...ids: string[]) => itemsOf(...ids.map((patient_id) => ({ patient_id })));

beforeEach(async () => {
	await control.reset();
	deduplicator.reset();
});

describe('Once per Campaign', () => {
	it('sends once; a re-run outputs "already sent" and sends nothing; another campaign sends again', async () => {
		const first = await runNode({
			parameters: send({ campaignName: 'Flu 2026' }),
			items: patients('1001', '1002', '1003'),
			credentials: credentials(),
		});
		expect(first.json.map((item) => [item.campaign_outcome, item.campaign_key])).toEqual([
			['sent', '1001'],
			['sent', '1002'],
			['sent', '1003'],
		]);
		expect(first.json[0]).toMatchObject({ campaign: 'Flu 2026', message_id: expect.any(String) });
		expect(await messagesInSandbox()).toHaveLength(3);
		// Sent: claimed, no longer unconfirmed.
		expect(deduplicator.has(WORKFLOW_ID, claimed('Flu 2026', '1002'))).toBe(true);
		expect(deduplicator.has(WORKFLOW_ID, unconfirmed('Flu 2026', '1002'), NODE_ID)).toBe(false);

		const again = await runNode({
			parameters: send({ campaignName: 'Flu 2026' }),
			items: patients('1003', '1002', '1004'),
			credentials: credentials(),
		});
		expect(again.json.map((item) => [item.campaign_outcome, item.campaign_key])).toEqual([
			['already sent', '1003'],
			['already sent', '1002'],
			['sent', '1004'],
		]);
		expect(again.output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect((await control.counters()).messagesSent.total).toBe(4);
		// The claim of an already-sent key wrote `unconfirmed` again; it is removed at once.
		expect(deduplicator.has(WORKFLOW_ID, unconfirmed('Flu 2026', '1002'), NODE_ID)).toBe(false);

		const other = await runNode({
			parameters: send({ campaignName: 'Covid 2026' }),
			items: patients('1002'),
			credentials: credentials(),
		});
		expect(other.json[0].campaign_outcome).toBe('sent');
		// n8n's store was never called twice at once.
		expect(deduplicator.maxOverlap).toBe(1);
	});

	it('keys by the item’s NHS number when it has one, else by Campaign Key or the Patient ID', async () => {
		const { json } = await runNode({
			parameters: send({ campaignName: 'Asthma' }),
			items: itemsOf({ patient_id: '1001', nhs_number: '999 000 0018' }, { patient_id: '1002' }),
			credentials: credentials(),
		});
		expect(json.map((item) => item.campaign_key)).toEqual(['9990000018', '1002']);

		const keyed = await runNode({
			parameters: send({ campaignName: 'Asthma', campaignKey: '={{ "row-" + $json.row }}' }),
			items: itemsOf({ patient_id: '1003', row: 7 }),
			credentials: credentials(),
		});
		expect(keyed.json[0].campaign_key).toBe('row-7');
	});

	it('forgets a send Hero refused, so that a re-run tries it again', async () => {
		// 1019 has no mobile number on record: Hero refuses an SMS to them (400).
		const { json } = await runNode({
			parameters: send({ campaignName: 'Flu 2026' }),
			items: patients('1001', '1019'),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(json[0].campaign_outcome).toBe('sent');
		expect(String(json[1].error)).toMatch(/400|mobile/i);
		expect(deduplicator.has(WORKFLOW_ID, claimed('Flu 2026', '1019'))).toBe(false);
		expect(deduplicator.has(WORKFLOW_ID, unconfirmed('Flu 2026', '1019'), NODE_ID)).toBe(false);

		const again = await runNode({
			parameters: send({ campaignName: 'Flu 2026' }),
			items: patients('1001', '1019'),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(again.json[0].campaign_outcome).toBe('already sent');
		expect(String(again.json[1].error)).toMatch(/400|mobile/i);
		expect((await received())[SEND]).toBe(3);
	});

	it('lists a send that may have reached Hero as "check in Hero" until a practice releases it', async () => {
		// Hero stores the message, then the connection drops before its answer (credits not read, so
		// that the drop hits the send).
		await control.config({ dropNext: 1 });
		const { json } = await runNode({
			parameters: send(
				{ campaignName: 'Flu 2026', checkSmsCredits: false },
				{ requestOptions: { concurrency: 1 } },
			),
			items: patients('1005', '1006'),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(json[0].error).toBeDefined();
		expect(json[1].campaign_outcome).toBe('sent');
		expect(await messagesInSandbox()).toHaveLength(2);

		const again = await runNode({
			parameters: send({ campaignName: 'Flu 2026' }),
			items: patients('1005', '1006'),
			credentials: credentials(),
		});
		expect(again.json.map((item) => item.campaign_outcome)).toEqual([
			'check in Hero',
			'already sent',
		]);
		expect((await control.counters()).messagesSent.total).toBe(2);

		// The practice checked 1005 in Hero (say, it was not there) and releases the key.
		const released = await runNode({
			parameters: {
				resource: 'message',
				operation: 'releaseCampaignKeys',
				campaignName: 'Flu 2026',
				campaignKey: '={{ $json.campaign_key }}',
			},
			items: itemsOf({ campaign_key: '1005' }),
			credentials: credentials(),
		});
		expect(released.json).toEqual([{ campaign: 'Flu 2026', campaign_key: '1005', released: true }]);
		expect(released.requests).toEqual([]);

		const third = await runNode({
			parameters: send({ campaignName: 'Flu 2026' }),
			items: patients('1005', '1006'),
			credentials: credentials(),
		});
		expect(third.json.map((item) => item.campaign_outcome)).toEqual(['sent', 'already sent']);
	});

	it('keeps at most Concurrency keys unconfirmed at any moment, in few calls to n8n’s store', async () => {
		const concurrency = 4;
		const ids = Array.from({ length: 60 }, (_, index) => String(1001 + (index % 18)));
		const items = ids.map((patient_id, row) => ({ patient_id, row }));
		const keys = items.map((item) => `row-${item.row}`);
		const hashes = new Set(keys.map((key) => MemoryDeduplicator.hash(unconfirmed('Big', key))));
		let most = 0;
		const check = deduplicator.checkProcessedAndRecord.bind(deduplicator);
		deduplicator.checkProcessedAndRecord = async (...args) => {
			const answer = await check(...args);
			const list = deduplicator.listOf(WORKFLOW_ID, NODE_ID);
			most = Math.max(most, list.filter((hash) => hashes.has(hash)).length);
			return answer;
		};
		deduplicator.latencyMs = 3;
		await control.config({ latencyMs: 10 });
		try {
			const { json } = await runNode({
				parameters: send(
					{ campaignName: 'Big', campaignKey: '={{ "row-" + $json.row }}' },
					{ requestOptions: { concurrency } },
				),
				items: itemsOf(...items),
				credentials: credentials(),
			});
			expect(json.every((item) => item.campaign_outcome === 'sent')).toBe(true);
		} finally {
			deduplicator.checkProcessedAndRecord = check;
		}
		expect(most).toBeGreaterThan(0);
		expect(most).toBeLessThanOrEqual(concurrency);
		const list = deduplicator.listOf(WORKFLOW_ID, NODE_ID);
		expect(list.filter((hash) => hashes.has(hash))).toEqual([]);
		expect(deduplicator.maxOverlap).toBe(1);
		// The workflow's list, which grows with every patient, is only read and written to claim, in
		// batches (fewer calls than items): confirmations go to the node's own small list.
		const workflowCalls = deduplicator.calls.filter((call) => call.scope === 'workflow');
		expect(workflowCalls.map((call) => call.method)).toEqual(
			workflowCalls.map(() => 'checkProcessedAndRecord'),
		);
		expect(workflowCalls.length).toBeLessThan(items.length);
		expect(workflowCalls.reduce((sum, call) => sum + call.values, 0)).toBe(items.length);
		expect(deduplicator.listOf(WORKFLOW_ID)).toHaveLength(items.length);
	});

	it('a claim cut off between its two writes leaves the patient to send again, not marked sent', async () => {
		const parameters = send({ campaignName: 'Cut', checkSmsCredits: false });
		const check = deduplicator.checkProcessedAndRecord.bind(deduplicator);
		deduplicator.checkProcessedAndRecord = async (items, scope, ...rest) => {
			// n8n dies after the node's `unconfirmed` is written, before the workflow's `claimed`.
			if (scope === 'workflow') throw new Error('the worker was stopped');
			return await check(items, scope, ...rest);
		};
		try {
			await expect(
				runNode({ parameters, items: patients('1001', '1002'), credentials: credentials() }),
			).rejects.toThrow(/the worker was stopped/);
		} finally {
			deduplicator.checkProcessedAndRecord = check;
		}
		expect((await received())[SEND]).toBeUndefined();
		expect(deduplicator.has(WORKFLOW_ID, unconfirmed('Cut', '1001'), NODE_ID)).toBe(true);

		const again = await runNode({
			parameters,
			items: patients('1001', '1002'),
			credentials: credentials(),
		});
		expect(again.json.map((item) => item.campaign_outcome)).toEqual(['sent', 'sent']);
		expect((await received())[SEND]).toBe(2);
	});

	it('a run stopped by a Hero failure forgets the sends it withheld and keeps the one that may have reached Hero', async () => {
		await control.config({ faultNext: 0, dropNext: 1 });
		await expect(
			runNode({
				parameters: send(
					{ campaignName: 'Stop', checkSmsCredits: false },
					{ requestOptions: { concurrency: 1 } },
				),
				items: patients('1001', '1002', '1003'),
				credentials: credentials(),
			}),
		).rejects.toThrow();
		expect(deduplicator.has(WORKFLOW_ID, unconfirmed('Stop', '1001'), NODE_ID)).toBe(true);
		for (const key of ['1002', '1003']) {
			expect(deduplicator.has(WORKFLOW_ID, claimed('Stop', key))).toBe(false);
		}
	});

	it('sends nothing when n8n’s store fails, and says why', async () => {
		deduplicator.failWith = new Error('database is locked');
		await expect(
			runNode({
				parameters: send({ campaignName: 'Flu 2026' }),
				items: patients('1001', '1002'),
				credentials: credentials(),
			}),
		).rejects.toThrow(/database is locked/);
		expect((await received())[SEND]).toBeUndefined();
	});
});

describe('a failed send keeps its campaign keys exactly when the stop report calls it possibly sent', () => {
	// One rule for "may Hero have acted" in the package: transport/retry.ts's failureOutcome, which
	// the transport notes in the run's outcomes and the stop report and Campaign Options both read.
	afterEach(() => nock.cleanAll());

	type Answer = (scope: nock.Interceptor) => nock.Scope;
	const cases: Array<[string, Answer, boolean]> = [
		['400 (Hero refused it)', (s) => s.reply(400, { message: 'No mobile number' }), false],
		['408', (s) => s.reply(408, { message: 'Request Timeout' }), false],
		['429, no retries left', (s) => s.reply(429, {}, { 'retry-after': '0' }), false],
		['503 with Retry-After', (s) => s.reply(503, {}, { 'retry-after': '0' }), false],
		['503 without Retry-After', (s) => s.reply(503, {}), true],
		['500', (s) => s.reply(500, {}), true],
		['502', (s) => s.reply(502, {}), true],
		[
			'connection reset after the request left',
			(s) => s.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
			true,
		],
		[
			'connection refused',
			(s) => s.replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
			false,
		],
	];

	it.each(cases)('%s', async (_case, answer, possiblySent) => {
		const parameters = send(
			{ campaignName: 'Rule', checkSmsCredits: false },
			{ requestOptions: { maxRetries: 0 } },
		);
		answer(hero().post('/v1/messages/send'));
		const { output } = await runNode({ parameters, items: patients('1001'), continueOnFail: true });
		const error = String(output[0].json.error);
		expect(/possibly sent/.test(error)).toBe(possiblySent);
		expect(deduplicator.has(WORKFLOW_ID, claimed('Rule', '1001'))).toBe(possiblySent);
		expect(deduplicator.has(WORKFLOW_ID, unconfirmed('Rule', '1001'), NODE_ID)).toBe(possiblySent);

		// The re-run: "check in Hero" with nothing sent, or the send tried again.
		const resend = possiblySent
			? undefined
			: hero().post('/v1/messages/send').reply(200, { message_id: 'm2' });
		const again = await runNode({ parameters, items: patients('1001') });
		expect(again.json[0].campaign_outcome).toBe(possiblySent ? 'check in Hero' : 'sent');
		expect(again.requests).toHaveLength(possiblySent ? 0 : 1);
		expect(resend?.isDone() ?? true).toBe(true);
	});
});

describe('Preview', () => {
	it('runs every check, outputs what would go to Hero and a summary, and calls nothing that changes Hero', async () => {
		const long = 'Dear patient, '.repeat(15); // 210 GSM-7 characters: 2 parts
		const { json, output, requests } = await runNode({
			parameters: {
				...send({ preview: true, campaignName: 'Flu 2026' }),
				messageType: '={{ $json.channel }}',
			},
			items: itemsOf(
				{ patient_id: '1001', channel: 'sms', text: long },
				{ patient_id: '1002', channel: 'sms', text: 'Your jab is due 😀' },
				{ patient_id: '1003', channel: 'email', text: 'Hello' },
			),
			credentials: credentials(),
		});
		expect(json).toHaveLength(4);
		expect(json[0]).toMatchObject({
			preview: true,
			patient_id: '1001',
			message_type: 'sms',
			message: long.trim(),
			sms_parts: 2,
			sms_encoding: 'GSM-7',
			campaign: 'Flu 2026',
			campaign_key: '1001',
		});
		expect(json[1]).toMatchObject({ sms_parts: 1, sms_encoding: 'UCS-2' });
		expect(json[2]).not.toHaveProperty('sms_parts');
		expect(json[3]).toEqual({
			summary: true,
			preview: true,
			messages: 3,
			by_channel: { sms: 2, email: 1 },
			sms_parts: 3,
			sms_credits: 1000,
			enough_sms_credits: true,
			// Reading n8n's record would write to it: the preview says it did not read it.
			campaign_note: expect.stringMatching(/^Preview does not read the campaign record/),
		});
		expect(output[3].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(requests.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual(
			[CREDITS],
		);
		expect(await received()).toEqual({ [CREDITS]: 1 });
		expect(deduplicator.calls).toEqual([]);
	});

	it('still refuses a bad item before anything, as a real run would', async () => {
		await expect(
			runNode({
				parameters: {
					...send({ preview: true }),
					additionalFields: { recipientContactDetail: '={{ $json.mobile }}' },
				},
				items: itemsOf({ patient_id: '1001', mobile: '12345' }),
				credentials: credentials(),
			}),
		).rejects.toThrow(/not a UK mobile/);
		expect(await received()).toEqual({});
	});
});

describe('SMS credits before the first SMS', () => {
	const longText = 'x'.repeat(153 * 6); // 6 parts each: the longest SMS the node sends (918)

	it('stops with nothing sent when the run needs more parts than are left, saying both', async () => {
		const items = Array.from({ length: 167 }, (_, row) => ({
			patient_id: String(1001 + (row % 18)),
			text: longText,
		}));
		await expect(
			runNode({
				parameters: send({}),
				items: itemsOf(...items),
				credentials: credentials(),
			}),
		).rejects.toThrow(/needs 1002 SMS parts and the practice has 1000 left\. Nothing was sent/);
		expect(await received()).toEqual({ [CREDITS]: 1 });
	});

	it('says so in the stop report (every item not sent) and, in a campaign, how to re-run', async () => {
		const items = Array.from({ length: 167 }, (_, row) => ({
			patient_id: String(1001 + row),
			text: longText,
		}));
		const error = await runNode({
			parameters: send({ campaignName: 'Flu 2026' }),
			items: itemsOf(...items),
			credentials: credentials(),
		}).catch((thrown: NodeOperationError) => thrown);
		expect(error).toBeInstanceOf(Error);
		const { message, description, context } = error as NodeOperationError;
		expect(message).toMatch(/Nothing was sent.*0 of 167 items done, 0 possibly sent, 167 not sent/);
		expect(description).toMatch(/patients an earlier run already messaged are counted here too/);
		expect(context).toMatchObject({ itemsDone: [], itemsUncertain: [], failures: [] });
		expect(context.itemsNotDone).toHaveLength(167);
		expect(deduplicator.calls).toEqual([]);
		expect(await received()).toEqual({ [CREDITS]: 1 });
	});

	it('reads the credits once and sends when they suffice; can be turned off; not read without SMS', async () => {
		const ok = await runNode({
			parameters: send({}),
			items: itemsOf({ patient_id: '1001', text: longText }, { patient_id: '1002' }),
			credentials: credentials(),
		});
		expect(ok.json).toHaveLength(2);
		expect(await received()).toEqual({ [CREDITS]: 1, [SEND]: 2 });

		await control.reset();
		await runNode({
			parameters: send({ checkSmsCredits: false }),
			items: patients('1001'),
			credentials: credentials(),
		});
		expect(await received()).toEqual({ [SEND]: 1 });

		await control.reset();
		await runNode({
			parameters: { ...send({}), messageType: 'email' },
			items: patients('1001'),
			credentials: credentials(),
		});
		expect(await received()).toEqual({ [SEND]: 1 });
	});
});

describe('Sending window', () => {
	const window = { start: '08:00', end: '20:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] };
	const at = (iso: string) => {
		jest.useFakeTimers({
			now: new Date(iso),
			doNotFake: [
				'nextTick',
				'setImmediate',
				'clearImmediate',
				'setTimeout',
				'clearTimeout',
				'setInterval',
				'clearInterval',
				'queueMicrotask',
				'hrtime',
				'performance',
			],
		});
	};
	afterEach(() => jest.useRealTimers());

	it('refuses the run outside the window with nothing sent, saying when it opens', async () => {
		at('2026-03-28T21:00:00Z'); // Saturday evening in London
		await expect(
			runNode({
				parameters: send({ sendingWindow: { window: { ...window, outside: 'refuse' } } }),
				items: patients('1001'),
				credentials: credentials(),
				timezone: 'Europe/London',
			}),
		).rejects.toThrow(/Outside the sending window \(Europe\/London\): nothing was sent/);
		expect(await received()).toEqual({});
	});

	it('the refusal is a stop report: every item not sent', async () => {
		at('2026-03-28T21:00:00Z');
		const error = await runNode({
			parameters: send({ sendingWindow: { window: { ...window, outside: 'refuse' } } }),
			items: patients('1001', '1002', '1003'),
			credentials: credentials(),
			timezone: 'Europe/London',
		}).catch((thrown: NodeOperationError) => thrown);
		expect((error as NodeOperationError).context).toEqual({
			itemsDone: [],
			itemsUncertain: [],
			itemsNotDone: [0, 1, 2],
			failures: [],
		});
		expect((error as NodeOperationError).description).toMatch(/Not sent: items 0–2\./);
		expect(await received()).toEqual({});
	});

	it.each([
		// Spring: the clocks go forward on Sunday 29 March 2026; Monday 08:00 is 07:00 UTC.
		['2026-03-28T21:00:00Z', '2026-03-30T07:00:00.000Z'],
		// Autumn: back on Sunday 25 October 2026; Monday 08:00 is 08:00 UTC.
		['2026-10-23T19:30:00Z', '2026-10-26T08:00:00.000Z'],
		// Before the window on a weekday: the same morning.
		['2026-03-31T05:00:00Z', '2026-03-31T07:00:00.000Z'],
	])('schedules each message for the next start when it is %s', async (now, sendAt) => {
		at(now);
		const { requests } = await runNode({
			parameters: send({ sendingWindow: { window: { ...window, outside: 'schedule' } } }),
			items: patients('1001', '1002'),
			credentials: credentials(),
			timezone: 'Europe/London',
		});
		const sends = requests.filter((request) => request.url.endsWith('/v1/messages/send'));
		expect(sends.map((request) => (request.body as { send_at?: string }).send_at)).toEqual([
			sendAt,
			sendAt,
		]);
	});

	it('sends at once inside the window (a Wednesday at 10:00 in London, summer time)', async () => {
		at('2026-07-01T09:00:00Z');
		const { requests } = await runNode({
			parameters: send({ sendingWindow: { window: { ...window, outside: 'refuse' } } }),
			items: patients('1001'),
			credentials: credentials(),
			timezone: 'Europe/London',
		});
		const body = requests.find((request) => request.url.endsWith('/v1/messages/send'))?.body;
		expect(body).not.toHaveProperty('send_at');
	});

	it('works out the window on both sides of a clock change', () => {
		const london: SendingWindow = {
			start: 8 * 60,
			end: 20 * 60,
			days: new Set(['mon', 'tue', 'wed', 'thu', 'fri']),
			timeZone: 'Europe/London',
		};
		// Friday 27 March 2026, 07:30 UTC = 07:30 GMT: closed; 08:00 GMT: open.
		expect(isInside(london, Date.parse('2026-03-27T07:30:00Z'))).toBe(false);
		expect(isInside(london, Date.parse('2026-03-27T08:00:00Z'))).toBe(true);
		// Monday 30 March, after the change: 07:00 UTC = 08:00 BST is open, 19:00 UTC = 20:00 BST closed.
		expect(isInside(london, Date.parse('2026-03-30T06:59:00Z'))).toBe(false);
		expect(isInside(london, Date.parse('2026-03-30T07:00:00Z'))).toBe(true);
		expect(isInside(london, Date.parse('2026-03-30T19:00:00Z'))).toBe(false);
		expect(
			localIso(nextStart(london, Date.parse('2026-03-28T12:00:00Z')) ?? 0, 'Europe/London'),
		).toBe('2026-03-30T08:00:00+01:00');
		expect(
			localIso(nextStart(london, Date.parse('2026-10-24T12:00:00Z')) ?? 0, 'Europe/London'),
		).toBe('2026-10-26T08:00:00+00:00');
	});

	it('refuses a window that is not one of a day', async () => {
		await expect(
			runNode({
				parameters: send({
					sendingWindow: { window: { ...window, start: '20:00', end: '08:00' } },
				}),
				items: patients('1001'),
				credentials: credentials(),
			}),
		).rejects.toThrow(/not a window of one day/);
		expect(await received()).toEqual({});
	});
});

describe('SMS parts (helpers/sms.ts)', () => {
	it.each([
		['', 'GSM-7', 0, 0],
		['a'.repeat(160), 'GSM-7', 160, 1],
		['a'.repeat(161), 'GSM-7', 161, 2],
		['a'.repeat(306), 'GSM-7', 306, 2],
		['a'.repeat(307), 'GSM-7', 307, 3],
		['€'.repeat(80), 'GSM-7', 160, 1],
		['£ and é are GSM-7', 'GSM-7', 17, 1],
		['ç'.repeat(70), 'UCS-2', 70, 1],
		['ç'.repeat(71), 'UCS-2', 71, 2],
		['😀'.repeat(35), 'UCS-2', 70, 1],
		['“quotes”', 'UCS-2', 8, 1],
	])('%j is %s, %i characters, %i parts', (text, encoding, characters, parts) => {
		expect(smsParts(text)).toEqual({ encoding, characters, parts });
	});

	it('Simplify output says how many parts an SMS takes', async () => {
		const { json } = await runNode({
			parameters: { ...send({}), messageText: 'a'.repeat(200), simple: true },
			items: patients('1001'),
			credentials: credentials(),
		});
		expect(json[0]).toMatchObject({ sms_parts: 2, sms_encoding: 'GSM-7' });
	});
});
