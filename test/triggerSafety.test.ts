import { createHmac } from 'crypto';
import { load } from 'js-yaml';
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import ts from 'typescript';

import { HeroHealthTrigger } from '../nodes/HeroHealthTrigger/HeroHealthTrigger.node';
import { EVENTS_NOT_IN_REFERENCE } from '../nodes/HeroHealthTrigger/registration';
import {
	forgetDeliveries,
	isReplay,
	MAX_ENTRIES,
	rememberedDeliveries,
} from '../nodes/HeroHealthTrigger/replay';
import { BASE_URL } from './helpers/constants';
import { hero, useHeroMocks } from './helpers/hero';
import {
	atHero,
	createHookContext,
	createWebhookContext,
	listAtHero,
	PRODUCTION_URL,
} from './helpers/hookContext';

useHeroMocks();

// Files are read with the TypeScript compiler's `sys`: tests may not import `fs`.
const ROOT = (expect.getState().testPath ?? '').replace(/[\\/]test[\\/][^\\/]+$/, '');
const trigger = new HeroHealthTrigger();
const methods = trigger.webhookMethods.default;
const SIGNING_KEY = ['9a'.repeat(16), '3f'.repeat(16)].join('');
const ELSEWHERE = 'https://other-n8n.example.com/webhook/0a0b0c0d/webhook';

const calls = (requests: Array<{ method: string; url: string }>) =>
	requests.map((r) => `${r.method} ${r.url.replace(BASE_URL, '')}`);

describe('webhooks belong to the trigger by their URL', () => {
	it('create removes every webhook at its URL first, stored or not, and no other', async () => {
		listAtHero([
			atHero('5', 'appointment.confirmed'),
			atHero('6', 'appointment.confirmed', ELSEWHERE),
			atHero('7', 'prescription.issued'),
		]);
		hero().delete('/v1/webhooks/5').reply(200, {});
		hero().delete('/v1/webhooks/7').reply(200, {});
		hero().post('/v1/webhooks').reply(200, { id: '8' });
		const { context, requests, staticData } = createHookContext({
			parameters: { events: ['appointment.confirmed'] },
			// Stored from a copy of the workflow in another n8n: points elsewhere, never touched.
			staticData: {
				signingKey: SIGNING_KEY,
				webhooks: [{ id: '6', event: 'appointment.confirmed' }],
			},
		});
		await methods.create.call(context);
		expect(calls(requests)).toEqual([
			'GET /v1/webhooks',
			'DELETE /v1/webhooks/5',
			'DELETE /v1/webhooks/7',
			'POST /v1/webhooks',
		]);
		expect(staticData.webhooks).toEqual([{ id: '8', event: 'appointment.confirmed' }]);
	});

	it('an answer lost after Hero created a webhook leaves no orphan: the rollback finds it by URL', async () => {
		listAtHero([], [atHero('21', 'appointment.confirmed'), atHero('22', 'appointment.cancelled')]);
		hero()
			.post('/v1/webhooks', (body) => body.event_type === 'appointment.confirmed')
			.reply(200, { id: '21' });
		// Hero made 22, but the connection dropped before its answer arrived.
		hero()
			.post('/v1/webhooks', (body) => body.event_type === 'appointment.cancelled')
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
		hero().delete('/v1/webhooks/21').reply(200, {});
		hero().delete('/v1/webhooks/22').reply(200, {});
		const { context, requests, staticData } = createHookContext({
			parameters: { events: ['appointment.confirmed', 'appointment.cancelled'] },
		});
		await expect(methods.create.call(context)).rejects.toThrow(
			'Could not reach Hero for POST /v1/webhooks (connection dropped)',
		);
		expect(calls(requests).slice(-2)).toEqual(['DELETE /v1/webhooks/21', 'DELETE /v1/webhooks/22']);
		expect(staticData).toEqual({});
	});

	it('falls back to the IDs it just created when Hero’s list cannot be read during the rollback', async () => {
		listAtHero([]);
		hero()
			.post('/v1/webhooks', (body) => body.event_type === 'appointment.confirmed')
			.reply(200, { id: '31' });
		hero()
			.post('/v1/webhooks', (body) => body.event_type === 'appointment.cancelled')
			.reply(500, { message: 'Internal error' });
		hero().get('/v1/webhooks').query(true).reply(403, { message: 'Forbidden' });
		hero().delete('/v1/webhooks/31').reply(200, {});
		const { context } = createHookContext({
			parameters: { events: ['appointment.confirmed', 'appointment.cancelled'] },
		});
		await expect(methods.create.call(context)).rejects.toThrow('Hero had a server error (500)');
	});

	it('delete removes every webhook at its URL and never a stored ID that points elsewhere', async () => {
		listAtHero([
			atHero('41', 'appointment.confirmed', ELSEWHERE),
			atHero('42', 'appointment.confirmed'),
			atHero('43', 'appointment.cancelled'),
		]);
		hero().delete('/v1/webhooks/42').reply(200, {});
		hero().delete('/v1/webhooks/43').reply(200, {});
		const { context, requests, staticData } = createHookContext({
			parameters: { events: ['appointment.confirmed'] },
			staticData: {
				signingKey: SIGNING_KEY,
				webhooks: [
					{ id: '41', event: 'appointment.confirmed' },
					{ id: '42', event: 'appointment.confirmed' },
				],
			},
		});
		await expect(methods.delete.call(context)).resolves.toBe(true);
		expect(calls(requests)).toEqual([
			'GET /v1/webhooks',
			'DELETE /v1/webhooks/42',
			'DELETE /v1/webhooks/43',
		]);
		// 41 is still at Hero (another n8n's): not deleted, and not forgotten either.
		expect(staticData).toEqual({
			signingKey: SIGNING_KEY,
			webhooks: [{ id: '41', event: 'appointment.confirmed' }],
		});
	});

	it('delete forgets a stored ID Hero no longer lists (gone), with the key', async () => {
		listAtHero([atHero('44', 'appointment.confirmed', ELSEWHERE)]);
		const { context, requests, staticData } = createHookContext({
			parameters: { events: ['appointment.confirmed'] },
			staticData: {
				signingKey: SIGNING_KEY,
				webhooks: [{ id: '45', event: 'appointment.confirmed' }],
			},
		});
		await expect(methods.delete.call(context)).resolves.toBe(true);
		expect(calls(requests)).toEqual(['GET /v1/webhooks']);
		expect(staticData).toEqual({});
	});

	it('delete deletes nothing blindly when Hero’s list cannot be read', async () => {
		hero().get('/v1/webhooks').query(true).reply(403, { message: 'Forbidden' });
		const { context, requests, staticData } = createHookContext({
			parameters: { events: ['appointment.confirmed'] },
			staticData: {
				signingKey: SIGNING_KEY,
				webhooks: [{ id: '51', event: 'appointment.confirmed' }],
			},
		});
		await expect(methods.delete.call(context)).rejects.toThrow('Hero refused access (403)');
		expect(calls(requests)).toEqual(['GET /v1/webhooks']);
		expect(staticData.webhooks).toEqual([{ id: '51', event: 'appointment.confirmed' }]);
	});

	it('checkExists is false when one more webhook than it stored points at its URL', async () => {
		listAtHero([atHero('61', 'appointment.confirmed'), atHero('62', 'appointment.confirmed')]);
		const { context } = createHookContext({
			parameters: { events: ['appointment.confirmed'] },
			staticData: {
				signingKey: SIGNING_KEY,
				webhooks: [{ id: '61', event: 'appointment.confirmed' }],
			},
		});
		await expect(methods.checkExists.call(context)).resolves.toBe(false);
	});
});

describe('the trigger knows its webhooks however Hero spells the URL (issue 23)', () => {
	// PRODUCTION_URL is https://n8n.example.com/webhook/<id>/webhook.
	const spellings: Array<[string, string]> = [
		['the host in capitals', PRODUCTION_URL.replace('n8n.example.com', 'N8N.example.com')],
		['the scheme in capitals', PRODUCTION_URL.replace('https://', 'HTTPS://')],
		['an explicit :443', PRODUCTION_URL.replace('n8n.example.com', 'n8n.example.com:443')],
		['a trailing ?', `${PRODUCTION_URL}?`],
		['a trailing /', `${PRODUCTION_URL}/`],
		['a trailing #', `${PRODUCTION_URL}#`],
	];
	const stored = () => ({
		signingKey: SIGNING_KEY,
		webhooks: [{ id: '71', event: 'appointment.confirmed' }],
	});

	it.each(spellings)(
		'deactivation deletes it (%s), and keeps the stored ID until then',
		async (_kind, url) => {
			listAtHero([atHero('71', 'appointment.confirmed', url)]);
			// The first delete fails: the ID and the key stay stored.
			hero().delete('/v1/webhooks/71').reply(500, { message: 'Database unavailable' });
			const first = createHookContext({
				parameters: { events: ['appointment.confirmed'] },
				staticData: stored(),
			});
			await expect(methods.delete.call(first.context)).rejects.toThrow(
				'Hero had a server error (500)',
			);
			expect(first.staticData).toEqual(stored());
			// The next one goes through: now both are forgotten.
			listAtHero([atHero('71', 'appointment.confirmed', url)]);
			hero().delete('/v1/webhooks/71').reply(200, {});
			const { context, requests, staticData } = createHookContext({
				parameters: { events: ['appointment.confirmed'] },
				staticData: first.staticData,
			});
			await expect(methods.delete.call(context)).resolves.toBe(true);
			expect(calls(requests)).toEqual(['GET /v1/webhooks', 'DELETE /v1/webhooks/71']);
			expect(staticData).toEqual({});
		},
	);

	it.each(spellings)('checkExists finds it (%s)', async (_kind, url) => {
		listAtHero([atHero('71', 'appointment.confirmed', url)]);
		const { context } = createHookContext({
			parameters: { events: ['appointment.confirmed'] },
			staticData: stored(),
		});
		await expect(methods.checkExists.call(context)).resolves.toBe(true);
	});

	it.each(spellings)('activation removes a leftover first (%s)', async (_kind, url) => {
		listAtHero([atHero('72', 'appointment.confirmed', url)]);
		hero().delete('/v1/webhooks/72').reply(200, {});
		hero().post('/v1/webhooks').reply(200, { id: '73' });
		const { context, requests, staticData } = createHookContext({
			parameters: { events: ['appointment.confirmed'] },
		});
		await methods.create.call(context);
		expect(calls(requests)).toEqual([
			'GET /v1/webhooks',
			'DELETE /v1/webhooks/72',
			'POST /v1/webhooks',
		]);
		expect(staticData.webhooks).toEqual([{ id: '73', event: 'appointment.confirmed' }]);
	});

	it('another path or another host is not its URL', async () => {
		listAtHero([
			atHero('74', 'appointment.confirmed', `${PRODUCTION_URL}x`),
			atHero('75', 'appointment.confirmed', PRODUCTION_URL.replace('n8n.example', 'n9n.example')),
			atHero('76', 'appointment.confirmed', PRODUCTION_URL.replace('/webhook/', '/WEBHOOK/')),
		]);
		const { context, requests } = createHookContext({
			parameters: { events: ['appointment.confirmed'] },
		});
		await expect(methods.delete.call(context)).resolves.toBe(true);
		expect(calls(requests)).toEqual(['GET /v1/webhooks']);
	});
});

describe('events Hero’s Create Webhook reference does not list', () => {
	const spec = load(ts.sys.readFile(`${ROOT}/spec/hero-openapi.yaml`) ?? '') as {
		components: { schemas: Record<string, IDataObject> };
	};
	const eventSchema = Object.values(spec.components.schemas).find(
		(schema) =>
			Array.isArray(schema['x-additional-values-seen']) &&
			Array.isArray(schema.enum) &&
			(schema.enum as string[]).includes('appointment.confirmed'),
	) as { enum: string[]; 'x-additional-values-seen': string[] };

	it('are exactly the spec’s values seen beyond the enum', () => {
		expect([...EVENTS_NOT_IN_REFERENCE].sort()).toEqual(
			[...eventSchema['x-additional-values-seen']].sort(),
		);
	});

	it('are marked in the event list, the others not', () => {
		const events = trigger.description.properties.find(
			(p) => p.name === 'events',
		) as INodeProperties;
		for (const option of events.options as INodePropertyOptions[]) {
			const marked = /Not in the event list of Hero’s Create Webhook reference/.test(
				option.description ?? '',
			);
			expect([option.value, marked]).toEqual([
				option.value,
				!eventSchema.enum.includes(option.value as string),
			]);
		}
	});

	it('a refused event is named in the activation error, which says to deselect it; the others are rolled back', async () => {
		listAtHero([], [atHero('71', 'appointment.confirmed')]);
		hero()
			.post('/v1/webhooks', (body) => body.event_type === 'appointment.confirmed')
			.reply(200, { id: '71' });
		hero()
			.post('/v1/webhooks', (body) => body.event_type === 'form-submission.created')
			.reply(400, {
				statusCode: 400,
				message: [
					{ code: 'invalid_enum_value', path: ['event_type'], received: 'form-submission.created' },
				],
			});
		hero().delete('/v1/webhooks/71').reply(200, {});
		const { context, staticData } = createHookContext({
			parameters: { events: ['appointment.confirmed', 'form-submission.created'] },
		});
		const error = (await methods.create.call(context).catch((e: unknown) => e)) as Error & {
			description: string;
		};
		expect(error.message).toBe(
			'Hero refused the event "form-submission.created": deselect it in Events, then activate again',
		);
		expect(error.description).toContain(
			'is not in the event list of Hero’s Create Webhook reference',
		);
		expect(error.description).toContain('event_type: invalid_enum_value');
		expect(error.description).toContain(
			'The webhooks made for the other events were removed again.',
		);
		expect(staticData).toEqual({});
	});
});

describe('deliveries', () => {
	beforeEach(() => forgetDeliveries());
	const event = {
		object: 'Appointment',
		id: '48213',
		practice_group_id: '731',
		event: 'appointment.confirmed',
	};
	const rawBody = JSON.stringify(event);

	function deliver(options: IDataObject, headers: Record<string, string | undefined>) {
		return createWebhookContext({
			parameters: { events: ['appointment.confirmed'], options },
			staticData: {
				signingKey: SIGNING_KEY,
				webhooks: [{ id: '1', event: 'appointment.confirmed' }],
			},
			rawBody,
			headers,
		});
	}
	const signed = (
		timestamp = String(Math.floor(Date.now() / 1000)),
		encoding: 'hex' | 'base64' = 'hex',
	) => ({
		'X-Herohealth-Timestamp': timestamp,
		'X-Herohealth-Signature': createHmac('sha256', SIGNING_KEY)
			.update(`${timestamp}.${rawBody}`)
			.digest(encoding),
	});

	it('the same signed delivery sent three times starts one execution; the copies are answered 200', async () => {
		const headers = signed();
		const results = [];
		for (let i = 0; i < 3; i++) {
			const { context, response } = deliver({}, headers);
			results.push({ result: await trigger.webhook.call(context), status: response.statusCode });
		}
		expect(results.filter(({ result }) => result.workflowData)).toHaveLength(1);
		expect(results.slice(1)).toEqual([
			{
				result: { webhookResponse: { received: true, ignored: 'delivery already received' } },
				status: undefined,
			},
			{
				result: { webhookResponse: { received: true, ignored: 'delivery already received' } },
				status: undefined,
			},
		]);
	});

	it('a copy with the signature re-encoded (base64, upper case) is the same delivery', async () => {
		const timestamp = String(Math.floor(Date.now() / 1000));
		const first = await trigger.webhook.call(deliver({}, signed(timestamp)).context);
		const base64 = await trigger.webhook.call(deliver({}, signed(timestamp, 'base64')).context);
		const upper = signed(timestamp);
		upper['X-Herohealth-Signature'] = upper['X-Herohealth-Signature'].toUpperCase();
		const shouted = await trigger.webhook.call(deliver({}, upper).context);
		expect([first, base64, shouted].map((result) => Boolean(result.workflowData))).toEqual([
			true,
			false,
			false,
		]);
	});

	it('another delivery (a new timestamp) starts its own execution', async () => {
		const now = Math.floor(Date.now() / 1000);
		const first = await trigger.webhook.call(deliver({}, signed(String(now - 1))).context);
		const second = await trigger.webhook.call(deliver({}, signed(String(now))).context);
		expect([first, second].map((result) => Boolean(result.workflowData))).toEqual([true, true]);
	});

	it('a refused delivery is not remembered: it cannot block the real one', async () => {
		const headers = signed();
		const forged = deliver({}, { ...headers, 'X-Herohealth-Signature': '0'.repeat(64) });
		await trigger.webhook.call(forged.context);
		expect(forged.response.statusCode).toBe(401);
		expect((await trigger.webhook.call(deliver({}, headers).context)).workflowData).toHaveLength(1);
	});

	it('remembers a signature until its timestamp leaves the window, and no longer', () => {
		const now = 1_000_000;
		expect(isReplay('a', now + 300_000, now)).toBe(false);
		expect(isReplay('a', now + 300_000, now + 299_999)).toBe(true);
		// Past the window the age check refuses it anyway; the entry is free to go.
		expect(isReplay('a', now + 900_000, now + 300_000)).toBe(false);
	});

	it('stays bounded: past MAX_ENTRIES the expired go, then the oldest', () => {
		const now = 5_000;
		for (let i = 0; i < MAX_ENTRIES; i++) isReplay(`old-${i}`, i < 100 ? now : now + 60_000, 0);
		expect(rememberedDeliveries()).toBe(MAX_ENTRIES);
		isReplay('new-1', now + 60_000, now + 1);
		expect(rememberedDeliveries()).toBe(MAX_ENTRIES - 100 + 1);
		for (let i = 0; i < 200; i++) isReplay(`new-more-${i}`, now + 60_000, now + 1);
		expect(rememberedDeliveries()).toBeLessThanOrEqual(MAX_ENTRIES);
		expect(isReplay('new-1', now + 60_000, now + 2)).toBe(true);
	});

	describe('with Verify Signature off', () => {
		it('the panel shows a warning notice only then, and says Include Full Record is not used', () => {
			const notice = trigger.description.properties.find(
				(p) => p.type === 'notice',
			) as INodeProperties;
			expect(notice.displayOptions).toEqual({ show: { 'options.verifySignature': [false] } });
			expect(notice.displayName).toMatch(/anyone who knows this URL can start the workflow/);
			expect(notice.displayName).toMatch(/Include Full Record is not used for such deliveries/);
		});

		it('Include Full Record fetches nothing by the IDs a sender chose', async () => {
			const { context, requests } = deliver({ verifySignature: false, resolveData: true }, {});
			const result = await trigger.webhook.call(context);
			expect(requests).toEqual([]);
			expect(result.workflowData?.[0].map((item) => item.json)).toEqual([
				{
					...event,
					record: null,
					recordError: {
						message: 'Not fetched: Verify Signature is off, so the event may not come from Hero',
					},
				},
			]);
		});
	});

	it('keeps signing keys out of the record it adds', async () => {
		hero()
			.get('/v1/appointments/48213')
			.reply(200, { id: '48213', webhook: { signing_key: SIGNING_KEY } });
		const { context } = deliver({ resolveData: true }, signed());
		const result = await trigger.webhook.call(context);
		expect(JSON.stringify(result.workflowData)).not.toContain(SIGNING_KEY);
		expect(result.workflowData?.[0][0].json.record).toEqual({
			id: '48213',
			webhook: { has_signing_key: true },
		});
	});
});
