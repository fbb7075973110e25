import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { HeroHealthTrigger } from '../nodes/HeroHealthTrigger/HeroHealthTrigger.node';
import { forgetDeliveries } from '../nodes/HeroHealthTrigger/replay';
import { BASE_URL, FAKE_CREDENTIAL_VALUE } from './helpers/constants';
import {
	atHero,
	createHookContext,
	createWebhookContext,
	listAtHero,
	PRODUCTION_URL,
	TEST_URL,
	WORKFLOW,
	type DeliveryOptions,
} from './helpers/hookContext';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const trigger = new HeroHealthTrigger();
const methods = trigger.webhookMethods.default;

// Built at run time so the linter does not take it for a hard-coded secret.
const SIGNING_KEY = ['5e'.repeat(16), 'c7'.repeat(16)].join('');

const ALL_EVENTS = [
	'appointment.cancelled',
	'appointment.confirmed',
	'appointment.rescheduled',
	'form-submission.created',
	'patient.added-to-sequence',
	'patient.medical-record-updated',
	'prescription.issued',
	'write-to-record.failed',
	'write-to-record.succeeded',
];

describe('description', () => {
	const { description } = trigger;

	it('is a trigger named heroHealthTrigger with no inputs, using the Hero credential', () => {
		expect(description.name).toBe('heroHealthTrigger');
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.credentials).toEqual([{ name: 'heroHealthApi', required: true }]);
		expect(description.webhooks).toEqual([
			expect.objectContaining({ name: 'default', httpMethod: 'POST', responseMode: 'onReceived' }),
		]);
	});

	it('is not offered as an AI tool', () => {
		expect(description).not.toHaveProperty('usableAsTool');
	});

	it('offers exactly Hero’s nine event types, with Hero’s values', () => {
		const events = description.properties.find((p) => p.name === 'events');
		expect(events?.type).toBe('multiOptions');
		const values = (events?.options as Array<{ value: string }>).map((o) => o.value);
		expect([...values].sort()).toEqual(ALL_EVENTS);
	});

	it('verifies signatures with a 300 s window and does not fetch records by default', () => {
		const options = description.properties.find((p) => p.name === 'options');
		const defaults = Object.fromEntries(
			(options?.options as Array<{ name: string; default: unknown }>).map((o) => [
				o.name,
				o.default,
			]),
		);
		expect(defaults).toEqual({ verifySignature: true, maxAgeSeconds: 300, resolveData: false });
	});
});

describe('create (activation)', () => {
	it('registers one Hero webhook per event, all with this node’s URL and one fresh key', async () => {
		listAtHero([]);
		const bodies: IDataObject[] = [];
		hero()
			.post('/v1/webhooks', (body) => bodies.push(body) > 0)
			.times(3)
			.reply(200, (_, body) => ({
				id: String(100 + bodies.length),
				event_type: (body as IDataObject).event_type,
				url: PRODUCTION_URL,
				created_at: '2024-05-31T16:08:37Z',
				updated_at: '2024-05-31T16:08:37Z',
			}));
		const { context, staticData } = createHookContext({
			parameters: {
				events: ['appointment.confirmed', 'prescription.issued', 'form-submission.created'],
			},
		});

		await expect(methods.create.call(context)).resolves.toBe(true);

		expect(bodies.map((b) => b.event_type)).toEqual([
			'appointment.confirmed',
			'prescription.issued',
			'form-submission.created',
		]);
		const key = bodies[0].signing_key as string;
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		for (const body of bodies) {
			expect(body).toEqual({
				url: PRODUCTION_URL,
				event_type: body.event_type,
				description: `n8n workflow "${WORKFLOW.name}" (ID ${WORKFLOW.id}), node "Hero Health Trigger"`,
				signing_key: key,
			});
		}
		expect(staticData).toEqual({
			signingKey: key,
			webhooks: [
				{ id: '101', event: 'appointment.confirmed' },
				{ id: '102', event: 'prescription.issued' },
				{ id: '103', event: 'form-submission.created' },
			],
		});
	});

	it('makes a new signing key on every activation', async () => {
		const keys: string[] = [];
		listAtHero([], []);
		hero()
			.post('/v1/webhooks', (body) => keys.push(body.signing_key) > 0)
			.times(2)
			.reply(200, { id: '7', event_type: 'appointment.confirmed' });
		for (let i = 0; i < 2; i++) {
			const { context } = createHookContext({ parameters: { events: ['appointment.confirmed'] } });
			await methods.create.call(context);
		}
		expect(keys[0]).not.toBe(keys[1]);
	});

	it('registers the test URL when n8n listens for a test event, and says so', async () => {
		listAtHero([]);
		hero()
			.post('/v1/webhooks', {
				url: TEST_URL,
				event_type: 'patient.medical-record-updated',
				description: `n8n workflow "${WORKFLOW.name}" (ID ${WORKFLOW.id}), node "Hero Health Trigger", test URL`,
				signing_key: /^[0-9a-f]{64}$/,
			})
			.reply(200, { id: '55', event_type: 'patient.medical-record-updated', url: TEST_URL });
		const { context, staticData } = createHookContext({
			mode: 'manual',
			parameters: { events: ['patient.medical-record-updated'] },
		});
		await methods.create.call(context);
		expect(staticData.webhooks).toEqual([{ id: '55', event: 'patient.medical-record-updated' }]);
	});

	it('reads the ID from a {data} envelope too', async () => {
		listAtHero([]);
		hero()
			.post('/v1/webhooks')
			.reply(200, { data: { id: 88, event_type: 'prescription.issued' } });
		const { context, staticData } = createHookContext({
			parameters: { events: ['prescription.issued'] },
		});
		await methods.create.call(context);
		expect(staticData.webhooks).toEqual([{ id: '88', event: 'prescription.issued' }]);
	});

	it('deletes the webhooks already made when a later one fails, then reports the failure', async () => {
		listAtHero(
			[],
			[atHero('201', 'appointment.confirmed'), atHero('202', 'appointment.cancelled')],
		);
		const created: string[] = [];
		hero()
			.post('/v1/webhooks', (body) => {
				created.push(body.event_type);
				return body.event_type !== 'write-to-record.failed';
			})
			.times(2)
			.reply(200, () => ({ id: String(200 + created.length) }));
		hero()
			.post('/v1/webhooks', (body) => body.event_type === 'write-to-record.failed')
			.reply(400, {
				statusCode: 400,
				error: 'Bad Request',
				message: [{ code: 'invalid_enum_value', path: ['event_type'] }],
			});
		const deleted: string[] = [];
		hero()
			.delete(/\/v1\/webhooks\/\d+$/)
			.times(2)
			.reply(200, (uri) => {
				deleted.push(uri.split('/').pop() as string);
				return {};
			});
		const { context, staticData } = createHookContext({
			parameters: {
				events: ['appointment.confirmed', 'appointment.cancelled', 'write-to-record.failed'],
			},
		});

		await expect(methods.create.call(context)).rejects.toThrow(
			'Hero refused the event "write-to-record.failed": deselect it in Events, then activate again',
		);
		expect(deleted).toEqual(['201', '202']);
		expect(staticData).toEqual({});
	});

	it('says which webhooks it could not remove after a failure', async () => {
		listAtHero([], [atHero('301', 'appointment.confirmed')]);
		hero()
			.post('/v1/webhooks', (body) => body.event_type === 'appointment.confirmed')
			.reply(200, { id: '301' });
		hero()
			.post('/v1/webhooks', (body) => body.event_type === 'appointment.cancelled')
			.reply(500, { message: 'Internal error' });
		hero().delete('/v1/webhooks/301').reply(403, { message: 'Forbidden' });
		const { context } = createHookContext({
			parameters: { events: ['appointment.confirmed', 'appointment.cancelled'] },
		});

		const error = await methods.create.call(context).catch((e: unknown) => e);
		expect(error).toMatchObject({
			message:
				'Hero had a server error (500) for POST /v1/webhooks: possibly sent, check in Hero before sending it again',
			description: expect.stringContaining(
				'could not all be removed: 301 (appointment.confirmed): Hero refused access (403)',
			),
		});
	});

	it('rolls back and fails when Hero answers without an ID', async () => {
		// The one Hero made without saying its ID is at this URL too, and goes as well.
		listAtHero(
			[],
			[atHero('401', 'appointment.confirmed'), atHero('402', 'appointment.rescheduled')],
		);
		hero().delete('/v1/webhooks/402').reply(200, {});
		hero()
			.post('/v1/webhooks', (body) => body.event_type === 'appointment.confirmed')
			.reply(200, { id: '401' });
		hero()
			.post('/v1/webhooks', (body) => body.event_type === 'appointment.rescheduled')
			.reply(200, { event_type: 'appointment.rescheduled' });
		hero().delete('/v1/webhooks/401').reply(200, {});
		const { context, staticData } = createHookContext({
			parameters: { events: ['appointment.confirmed', 'appointment.rescheduled'] },
		});
		await expect(methods.create.call(context)).rejects.toThrow(
			'Hero created the webhook for appointment.rescheduled but did not return its ID',
		);
		expect(staticData).toEqual({});
	});

	it('keeps the signing key out of the error even when Hero echoes the request', async () => {
		listAtHero([], []);
		let sentKey = '';
		hero()
			.post('/v1/webhooks', (body) => {
				sentKey = body.signing_key;
				return true;
			})
			.reply(400, (_, body) => ({
				message: `signing_key ${(body as IDataObject).signing_key} is not accepted`,
			}));
		const { context } = createHookContext({ parameters: { events: ['prescription.issued'] } });
		const error = await methods.create.call(context).catch((e: unknown) => e);
		expect(sentKey).toMatch(/^[0-9a-f]{64}$/);
		expect((error as { description: string }).description).toContain('[redacted]');
		expect(JSON.stringify(error)).not.toContain(sentKey);
		expect(JSON.stringify({ ...(error as object) })).not.toContain(sentKey);
	});

	it('removes the webhooks of an earlier activation before creating new ones', async () => {
		listAtHero([
			atHero('11', 'appointment.confirmed'),
			atHero('12', 'prescription.issued'),
			atHero('14', 'appointment.confirmed', 'https://elsewhere.example.com/hook'),
		]);
		hero().delete('/v1/webhooks/11').reply(200, {});
		hero().delete('/v1/webhooks/12').reply(404, { message: 'Not found' });
		hero().post('/v1/webhooks').reply(200, { id: '13' });
		const { context, staticData } = createHookContext({
			parameters: { events: ['appointment.confirmed'] },
			staticData: {
				signingKey: SIGNING_KEY,
				webhooks: [
					{ id: '11', event: 'appointment.confirmed' },
					{ id: '12', event: 'prescription.issued' },
				],
			},
		});
		await methods.create.call(context);
		expect(staticData.webhooks).toEqual([{ id: '13', event: 'appointment.confirmed' }]);
		expect(staticData.signingKey).not.toBe(SIGNING_KEY);
	});

	it('asks for an event before calling Hero', async () => {
		const { context, requests } = createHookContext({ parameters: { events: [] } });
		await expect(methods.create.call(context)).rejects.toThrow(
			'Choose at least one event to listen for',
		);
		expect(requests).toEqual([]);
	});
});

describe('checkExists', () => {
	const stored = () => ({
		signingKey: SIGNING_KEY,
		webhooks: [
			{ id: '101', event: 'appointment.confirmed' },
			{ id: '102', event: 'prescription.issued' },
		],
	});
	const parameters = { events: ['appointment.confirmed', 'prescription.issued'] };
	const heroWebhook = (id: string, event_type: string, url = PRODUCTION_URL) => ({
		id,
		event_type,
		url,
		created_at: '2024-05-31T16:08:37Z',
		updated_at: '2024-05-31T16:08:37Z',
	});
	const listOnce = (data: IDataObject[]) =>
		hero()
			.get('/v1/webhooks')
			.query({ page_index: '0', page_size: '100' })
			.reply(200, { data, count: data.length });

	it('is true when every stored webhook is still in Hero with this URL and its event', async () => {
		listOnce([
			heroWebhook('9', 'appointment.confirmed', 'https://elsewhere.example.com/hook'),
			heroWebhook('101', 'appointment.confirmed'),
			heroWebhook('102', 'prescription.issued'),
		]);
		const { context, staticData, requests } = createHookContext({
			parameters,
			staticData: stored(),
		});
		await expect(methods.checkExists.call(context)).resolves.toBe(true);
		expect(staticData).toEqual(stored());
		expect(requests.map((r) => r.method)).toEqual(['GET']);
	});

	it('reads every page of Hero’s webhook list', async () => {
		const others = Array.from({ length: 100 }, (_, i) =>
			heroWebhook(String(1000 + i), 'appointment.cancelled', 'https://other.example.com/x'),
		);
		hero()
			.get('/v1/webhooks')
			.query({ page_index: '0', page_size: '100' })
			.reply(200, { data: others, count: 102 });
		hero()
			.get('/v1/webhooks')
			.query({ page_index: '1', page_size: '100' })
			.reply(200, {
				data: [
					heroWebhook('101', 'appointment.confirmed'),
					heroWebhook('102', 'prescription.issued'),
				],
				count: 102,
			});
		const { context } = createHookContext({ parameters, staticData: stored() });
		await expect(methods.checkExists.call(context)).resolves.toBe(true);
	});

	it('compares with the test URL when n8n listens for a test event', async () => {
		listOnce([
			heroWebhook('101', 'appointment.confirmed'),
			heroWebhook('102', 'prescription.issued'),
		]);
		const { context } = createHookContext({ mode: 'manual', parameters, staticData: stored() });
		await expect(methods.checkExists.call(context)).resolves.toBe(false);
	});

	it.each([
		['a stored webhook is gone', [heroWebhook('101', 'appointment.confirmed')]],
		[
			'a webhook points at another URL',
			[
				heroWebhook('101', 'appointment.confirmed'),
				heroWebhook('102', 'prescription.issued', 'https://n8n.example.com/webhook/other/webhook'),
			],
		],
		[
			'a webhook carries another event',
			[heroWebhook('101', 'appointment.confirmed'), heroWebhook('102', 'appointment.cancelled')],
		],
	])('is false when %s, and changes nothing', async (_, data) => {
		listOnce(data);
		const { context, staticData, requests } = createHookContext({
			parameters,
			staticData: stored(),
		});
		await expect(methods.checkExists.call(context)).resolves.toBe(false);
		expect(staticData).toEqual(stored());
		expect(requests.map((r) => r.method)).toEqual(['GET']);
	});

	it('is false without asking Hero when nothing is stored', async () => {
		const { context, requests } = createHookContext({ parameters });
		await expect(methods.checkExists.call(context)).resolves.toBe(false);
		expect(requests).toEqual([]);
	});

	it('is false without asking Hero when the chosen events changed', async () => {
		const { context, requests } = createHookContext({
			parameters: {
				events: ['appointment.confirmed', 'prescription.issued', 'patient.added-to-sequence'],
			},
			staticData: stored(),
		});
		await expect(methods.checkExists.call(context)).resolves.toBe(false);
		expect(requests).toEqual([]);
	});

	it('does not adopt a matching webhook it did not create', async () => {
		listOnce([heroWebhook('500', 'appointment.confirmed')]);
		const { context, staticData } = createHookContext({
			parameters: { events: ['appointment.confirmed'] },
			staticData: {
				signingKey: SIGNING_KEY,
				webhooks: [{ id: '101', event: 'appointment.confirmed' }],
			},
		});
		await expect(methods.checkExists.call(context)).resolves.toBe(false);
		expect(staticData.webhooks).toEqual([{ id: '101', event: 'appointment.confirmed' }]);
	});

	it('reports a failure to list webhooks', async () => {
		hero().get('/v1/webhooks').query(true).reply(401, { message: 'Invalid API key' });
		const { context } = createHookContext({ parameters, staticData: stored() });
		await expect(methods.checkExists.call(context)).rejects.toThrow(
			'Hero did not accept the API key (401)',
		);
	});
});

describe('delete (deactivation)', () => {
	const stored = () => ({
		signingKey: SIGNING_KEY,
		webhooks: [
			{ id: '101', event: 'appointment.confirmed' },
			{ id: '102', event: 'prescription.issued' },
			{ id: '103', event: 'write-to-record.failed' },
		],
	});
	const parameters = { events: ['appointment.confirmed'] };
	const storedAtHero = () =>
		listAtHero([
			atHero('101', 'appointment.confirmed'),
			atHero('102', 'prescription.issued'),
			atHero('103', 'write-to-record.failed'),
		]);

	it('deletes exactly the stored webhooks and forgets them and the key', async () => {
		storedAtHero();
		hero().delete('/v1/webhooks/101').reply(200, {});
		hero().delete('/v1/webhooks/102').reply(204);
		hero().delete('/v1/webhooks/103').reply(200, { deleted: true });
		const { context, staticData, requests } = createHookContext({
			parameters,
			staticData: stored(),
		});
		await expect(methods.delete.call(context)).resolves.toBe(true);
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
			`GET ${BASE_URL}/v1/webhooks`,
			`DELETE ${BASE_URL}/v1/webhooks/101`,
			`DELETE ${BASE_URL}/v1/webhooks/102`,
			`DELETE ${BASE_URL}/v1/webhooks/103`,
		]);
		expect(staticData).toEqual({});
	});

	it('counts a webhook already gone (404) as deleted', async () => {
		storedAtHero();
		hero().delete('/v1/webhooks/101').reply(404, { message: 'Webhook not found' });
		hero().delete('/v1/webhooks/102').reply(200, {});
		hero().delete('/v1/webhooks/103').reply(404);
		const { context, staticData } = createHookContext({ parameters, staticData: stored() });
		await expect(methods.delete.call(context)).resolves.toBe(true);
		expect(staticData).toEqual({});
	});

	it('reports any other failure and keeps the webhooks it could not delete', async () => {
		storedAtHero();
		hero().delete('/v1/webhooks/101').reply(200, {});
		hero().delete('/v1/webhooks/102').reply(500, { message: 'Database unavailable' });
		hero().delete('/v1/webhooks/103').reply(200, {});
		const { context, staticData } = createHookContext({ parameters, staticData: stored() });
		await expect(methods.delete.call(context)).rejects.toThrow(
			'Hero had a server error (500) for DELETE /v1/webhooks/102',
		);
		expect(staticData).toEqual({
			signingKey: SIGNING_KEY,
			webhooks: [{ id: '102', event: 'prescription.issued' }],
		});
	});

	it('names every webhook it could not delete', async () => {
		storedAtHero();
		hero().delete('/v1/webhooks/101').reply(403, { message: 'Forbidden' });
		hero().delete('/v1/webhooks/102').reply(200, {});
		hero().delete('/v1/webhooks/103').reply(400, { message: 'Bad id' });
		const { context, staticData } = createHookContext({ parameters, staticData: stored() });
		const error = await methods.delete.call(context).catch((e: unknown) => e);
		expect(error).toMatchObject({
			message: 'Could not delete 2 Hero webhooks',
			description: expect.stringMatching(
				/^101 \(appointment\.confirmed\): .*; 103 \(write-to-record\.failed\): /,
			),
		});
		expect((staticData.webhooks as IDataObject[]).map((w) => w.id)).toEqual(['101', '103']);
	});

	it('asks Hero for webhooks at its URL even when nothing was stored, and deletes none if none', async () => {
		listAtHero([]);
		const { context, requests } = createHookContext({ parameters });
		await expect(methods.delete.call(context)).resolves.toBe(true);
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE_URL}/v1/webhooks`]);
	});
});

describe('webhook (a delivery)', () => {
	// Many tests here deliver the same signed body; the replay cache would refuse all but the first.
	beforeEach(() => forgetDeliveries());
	const appointmentEvent = {
		object: 'Appointment',
		id: '48213',
		practice_group_id: '731',
		event: 'appointment.confirmed',
	};
	const rawOf = (event: IDataObject) => JSON.stringify(event);
	const nowSeconds = () => String(Math.floor(Date.now() / 1000));
	const hmac = (key: string, timestamp: string, raw: string) =>
		createHmac('sha256', key).update(`${timestamp}.${raw}`).digest();

	interface Signed {
		event?: IDataObject;
		rawBody?: string;
		timestamp?: string;
		/** Signature header; by default lowercase hex of the correct HMAC. */
		signature?: (digest: ReturnType<typeof hmac>) => string;
		key?: string;
		options?: IDataObject;
		events?: string[];
		headers?: Record<string, string | undefined>;
		staticData?: IDataObject;
		withoutRawBody?: boolean;
	}

	function deliver(signed: Signed = {}) {
		const rawBody = signed.rawBody ?? rawOf(signed.event ?? appointmentEvent);
		const timestamp = signed.timestamp ?? nowSeconds();
		const digest = hmac(signed.key ?? SIGNING_KEY, timestamp, rawBody);
		const options: DeliveryOptions = {
			parameters: {
				events: signed.events ?? ['appointment.confirmed', 'appointment.cancelled'],
				options: signed.options ?? {},
			},
			staticData: signed.staticData ?? {
				signingKey: SIGNING_KEY,
				webhooks: [{ id: '101', event: 'appointment.confirmed' }],
			},
			rawBody,
			headers: {
				'X-Herohealth-Timestamp': timestamp,
				'X-Herohealth-Signature': (signed.signature ?? ((d) => d.toString('hex')))(digest),
				'Content-Type': 'application/json',
				...signed.headers,
			},
			withoutRawBody: signed.withoutRawBody,
		};
		const { context, response, requests } = createWebhookContext(options);
		return {
			run: () => trigger.webhook.call(context),
			response,
			requests,
		};
	}

	async function expectAccepted(signed: Signed) {
		const { run, response } = deliver(signed);
		const result = await run();
		expect(response.statusCode).toBeUndefined();
		expect(result.workflowData).toHaveLength(1);
		expect(result.workflowData?.[0]).toHaveLength(1);
		return result.workflowData?.[0][0].json;
	}

	async function expectRefused(signed: Signed, reason: RegExp) {
		const { run, response, requests } = deliver(signed);
		const result = await run();
		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(401);
		expect(response.ended).toBe(true);
		expect((response.body as IDataObject).message).toMatch(reason);
		expect(requests).toEqual([]);
	}

	describe('signature', () => {
		it('starts one execution with the event for a correctly signed delivery', async () => {
			await expect(expectAccepted({})).resolves.toEqual(appointmentEvent);
		});

		it.each([
			['lowercase hex', (d: Buffer) => d.toString('hex')],
			['uppercase hex', (d: Buffer) => d.toString('hex').toUpperCase()],
			['base64', (d: Buffer) => d.toString('base64')],
			['sha256= and hex', (d: Buffer) => `sha256=${d.toString('hex')}`],
			['sha256= and base64', (d: Buffer) => `sha256=${d.toString('base64')}`],
		])('accepts a signature in %s', async (_, signature) => {
			await expectAccepted({ signature });
		});

		it('checks the raw bytes received, not the body re-serialised', async () => {
			const pretty = JSON.stringify(appointmentEvent, null, 2);
			await expectAccepted({ rawBody: pretty });
			// The same delivery signed over the compact form does not match the bytes received.
			await expectRefused(
				{
					rawBody: pretty,
					signature: () => hmac(SIGNING_KEY, nowSeconds(), rawOf(appointmentEvent)).toString('hex'),
				},
				/does not match/,
			);
		});

		it('falls back to the compact JSON body only when n8n kept no raw body', async () => {
			await expectAccepted({ withoutRawBody: true });
			await expectRefused(
				{ withoutRawBody: true, rawBody: JSON.stringify(appointmentEvent, null, 2) },
				/does not match/,
			);
		});

		it('refuses a signature made with another key', async () => {
			await expectRefused({ key: `${SIGNING_KEY.slice(0, -1)}0` }, /does not match/);
		});

		it('refuses a delivery whose body was changed after signing', async () => {
			const signedRaw = rawOf(appointmentEvent);
			const tampered = rawOf({ ...appointmentEvent, id: '48214' });
			await expectRefused(
				{
					rawBody: tampered,
					signature: () => hmac(SIGNING_KEY, nowSeconds(), signedRaw).toString('hex'),
				},
				/does not match/,
			);
		});

		it('refuses a delivery whose timestamp was changed after signing', async () => {
			const sent = nowSeconds();
			await expectRefused(
				{
					timestamp: String(Number(sent) - 5),
					signature: () => hmac(SIGNING_KEY, sent, rawOf(appointmentEvent)).toString('hex'),
				},
				/does not match/,
			);
		});

		it.each([
			['signature', 'X-Herohealth-Signature', /X-Herohealth-Signature header is missing/],
			['timestamp', 'X-Herohealth-Timestamp', /X-Herohealth-Timestamp header is missing/],
		])('refuses a delivery without the %s header', async (_, header, reason) => {
			await expectRefused({ headers: { [header]: undefined } }, reason);
		});

		it('refuses a malformed signature and a malformed timestamp', async () => {
			await expectRefused({ signature: () => 'sha256=xyz' }, /does not match/);
			await expectRefused({ timestamp: 'Friday' }, /not a Unix time or an ISO 8601 date/);
		});

		it('refuses every delivery while it holds no signing key', async () => {
			await expectRefused({ staticData: {} }, /holds no signing key/);
		});

		it('accepts unsigned deliveries when verification is turned off', async () => {
			const event = await expectAccepted({
				options: { verifySignature: false },
				headers: { 'X-Herohealth-Signature': undefined, 'X-Herohealth-Timestamp': undefined },
			});
			expect(event).toEqual(appointmentEvent);
		});
	});

	describe('timestamp window', () => {
		const secondsAgo = (s: number) => String(Math.floor(Date.now() / 1000) - s);
		const msAgo = (s: number) => String(Date.now() - s * 1000);
		const isoAgo = (s: number) => new Date(Date.now() - s * 1000).toISOString();

		it.each([
			['Unix seconds', secondsAgo(10)],
			['Unix milliseconds', msAgo(10)],
			['ISO 8601', isoAgo(10)],
			['ISO 8601 a little ahead', isoAgo(-10)],
		])('accepts a current timestamp in %s', async (_, timestamp) => {
			await expectAccepted({ timestamp });
		});

		it.each([
			['stale, in seconds', secondsAgo(400)],
			['in the future, in seconds', secondsAgo(-400)],
			['stale, in milliseconds', msAgo(400)],
			['in the future, in milliseconds', msAgo(-400)],
			['stale, ISO 8601', isoAgo(400)],
			['in the future, ISO 8601', isoAgo(-400)],
		])('refuses a timestamp %s', async (_, timestamp) => {
			await expectRefused({ timestamp }, /more than 300 seconds away/);
		});

		it('uses the configured maximum age', async () => {
			await expectRefused(
				{ timestamp: secondsAgo(90), options: { maxAgeSeconds: 60 } },
				/more than 60 seconds away/,
			);
			await expectAccepted({ timestamp: secondsAgo(90), options: { maxAgeSeconds: 120 } });
		});

		it('keeps the 300 s window when the maximum age is not a usable number', async () => {
			for (const maxAgeSeconds of ['soon', -5, null]) {
				await expectRefused(
					{ timestamp: secondsAgo(400), options: { maxAgeSeconds } },
					/more than 300 seconds away/,
				);
			}
		});

		it('does not check the age when the maximum age is 0', async () => {
			await expectAccepted({ timestamp: secondsAgo(86_400), options: { maxAgeSeconds: 0 } });
		});
	});

	describe('events', () => {
		it('answers 200 and starts nothing for an event the workflow did not choose', async () => {
			const { run, response } = deliver({
				event: { ...appointmentEvent, event: 'appointment.rescheduled' },
			});
			const result = await run();
			expect(result.workflowData).toBeUndefined();
			expect(result.noWebhookResponse).toBeUndefined();
			expect(result.webhookResponse).toEqual({ received: true, ignored: 'event not selected' });
			expect(response.statusCode).toBeUndefined();
		});

		it('checks the signature before looking at the event', async () => {
			await expectRefused(
				{ event: { ...appointmentEvent, event: 'appointment.rescheduled' }, key: 'wrong' },
				/does not match/,
			);
		});

		it('starts nothing for a body that is not a Hero event', async () => {
			const { run } = deliver({ event: { hello: 'world' } });
			const result = await run();
			expect(result.workflowData).toBeUndefined();
		});
	});

	describe('Include Full Record', () => {
		it.each([
			[
				'Appointment',
				{ ...appointmentEvent },
				'/v1/appointments/48213',
				{ id: '48213', status: 'confirmed', start_time: '2024-06-03T09:10:00Z' },
			],
			[
				'Patient',
				{
					object: 'Patient',
					id: '98765',
					practice_group_id: '731',
					event: 'patient.medical-record-updated',
				},
				'/v1/patients/98765',
				{ id: '98765', first_name: 'Ada', nhs_number: '9990000018' },
			],
			[
				'Prescription',
				{
					object: 'Prescription',
					id: '9921',
					practice_group_id: '731',
					event: 'prescription.issued',
				},
				'/v1/prescriptions/9921',
				{ id: '9921', status: 'issued' },
			],
			[
				'Message',
				{
					object: 'Message',
					id: '6610',
					practice_group_id: '731',
					event: 'write-to-record.succeeded',
				},
				'/v1/messages/6610',
				{ id: '6610', write_to_record: { status: 'succeeded' } },
			],
			[
				'FormSubmission',
				{
					object: 'FormSubmission',
					id: '5540',
					practice_group_id: '731',
					event: 'form-submission.created',
				},
				'/v1/form_response/5540',
				{ id: '5540', answers: [{ question: 'Smoker?', answer: 'No' }] },
			],
		])('adds the full %s record beside the event', async (_, event, path, record) => {
			hero().get(path).reply(200, record);
			const { run, response, requests } = deliver({
				event,
				events: [event.event as string],
				options: { resolveData: true },
			});
			const result = await run();
			expect(response).toEqual({ statusCode: 200, ended: true });
			expect(result.noWebhookResponse).toBe(true);
			expect(result.workflowData?.[0].map((item) => item.json)).toEqual([{ ...event, record }]);
			expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE_URL}${path}`]);
		});

		it('finds the record from the event name when the event does not name its object', async () => {
			hero().get('/v1/messages/6611').reply(200, { id: '6611' });
			const event = { id: '6611', practice_group_id: '731', event: 'write-to-record.failed' };
			const { run } = deliver({
				event,
				events: ['write-to-record.failed'],
				options: { resolveData: true },
			});
			const result = await run();
			expect(result.workflowData?.[0][0].json).toEqual({ ...event, record: { id: '6611' } });
		});

		it('gives record null when the record no longer exists', async () => {
			hero().get('/v1/appointments/48213').reply(404, { message: 'Not found' });
			const { run } = deliver({ options: { resolveData: true } });
			const result = await run();
			expect(result.workflowData?.[0][0].json).toEqual({ ...appointmentEvent, record: null });
		});

		it('still starts the execution, with the reason, when Hero cannot give the record', async () => {
			hero().get('/v1/appointments/48213').reply(500, { message: 'Internal error' });
			const { run, response } = deliver({ options: { resolveData: true } });
			const result = await run();
			expect(response.statusCode).toBe(200);
			expect(result.workflowData?.[0].map((item) => item.json)).toEqual([
				{
					...appointmentEvent,
					record: null,
					recordError: expect.objectContaining({
						message: 'Hero had a server error (500) for GET /v1/appointments/48213',
						httpCode: '500',
					}),
				},
			]);
		});

		it('says so when Hero has no way to read the object', async () => {
			const event = {
				object: 'Sequence',
				id: '3',
				practice_group_id: '731',
				event: 'patient.added-to-sequence',
			};
			const { run, requests } = deliver({
				event,
				events: ['patient.added-to-sequence'],
				options: { resolveData: true },
			});
			const result = await run();
			expect(requests).toEqual([]);
			expect(result.workflowData?.[0][0].json).toEqual({
				...event,
				record: null,
				recordError: { message: 'Hero offers no way to read a "Sequence" record' },
			});
		});

		it('does not fetch anything for a refused delivery', async () => {
			await expectRefused({ options: { resolveData: true }, key: 'wrong' }, /does not match/);
		});
	});

	it('never puts the signing key or the API key in its output or its answers', async () => {
		hero().get('/v1/appointments/48213').reply(200, { id: '48213', signing_key: 'not ours' });
		const outputs: unknown[] = [];
		for (const signed of [
			{ options: { resolveData: true } },
			{},
			{ key: 'wrong' },
			{ event: { ...appointmentEvent, event: 'appointment.rescheduled' } },
		] as Signed[]) {
			const { run, response } = deliver(signed);
			outputs.push(await run(), response);
		}
		const text = JSON.stringify(outputs);
		expect(text).not.toContain(SIGNING_KEY);
		expect(text).not.toContain(FAKE_CREDENTIAL_VALUE);
	});
});
