import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { HeroHealthTrigger } from '../nodes/HeroHealthTrigger/HeroHealthTrigger.node';
import { forgetDeliveries } from '../nodes/HeroHealthTrigger/replay';
import { createHookContext, createWebhookContext } from './helpers/hookContext';
import { runNode } from './helpers/run';
import { control, credentials, type Delivery, sandboxUrl } from './helpers/sandbox';

/**
 * Contract tests of the trigger's safety against the local Hero sandbox: which webhooks it
 * removes, what it says when Hero refuses an event, and how often a real signed delivery starts
 * the workflow. Nothing listens at the URLs: the sandbox logs the deliveries it tried.
 */

const trigger = new HeroHealthTrigger();
const methods = trigger.webhookMethods.default;
const N8N_URL = 'http://127.0.0.1:9';
const OUR_WEBHOOK_ID = '11111111-2222-4333-8444-555555555555';
const OUR_URL = `${N8N_URL}/webhook/${OUR_WEBHOOK_ID}/webhook`;
const OTHER_URL = 'http://127.0.0.1:9/webhook/99999999-8888-4777-8666-555555555555/webhook';

async function heroWebhooks(): Promise<IDataObject[]> {
	return (await control.state()).webhooks as IDataObject[];
}

/** A webhook made at Hero by someone else (the node's Webhook → Create), as Hero answers it. */
async function createAtHero(url: string, eventType: string): Promise<string> {
	const { json } = await runNode({
		credentials: credentials(),
		parameters: { resource: 'webhook', operation: 'create', url, eventType, additionalFields: {} },
	});
	return String(json[0].id);
}

function hook(staticData: IDataObject, events: string[]) {
	return createHookContext({
		parameters: { events },
		staticData,
		n8nUrl: N8N_URL,
		webhookId: OUR_WEBHOOK_ID,
		credentials: credentials(),
	});
}

beforeEach(async () => {
	await control.reset();
	forgetDeliveries();
});

describe('contract: the trigger’s webhooks are those at its URL', () => {
	it('activation removes a webhook left at its URL; deactivation removes every one there; others stay', async () => {
		const leftover = await createAtHero(OUR_URL, 'appointment.confirmed');
		const foreign = await createAtHero(OTHER_URL, 'appointment.confirmed');
		// Static data copied with the workflow from another n8n: its stored ID is the foreign webhook.
		const staticData: IDataObject = { webhooks: [{ id: foreign, event: 'appointment.confirmed' }] };

		await methods.create.call(
			hook(staticData, ['appointment.confirmed', 'appointment.cancelled']).context,
		);
		let webhooks = await heroWebhooks();
		expect(webhooks.map((item) => item.id)).not.toContain(leftover);
		expect(webhooks.filter((item) => item.url === OUR_URL).map((item) => item.event_type)).toEqual([
			'appointment.confirmed',
			'appointment.cancelled',
		]);
		expect(webhooks.find((item) => item.id === foreign)).toMatchObject({ url: OTHER_URL });

		// One more at its URL that it never stored (an activation whose answer was lost).
		const orphan = await createAtHero(OUR_URL, 'prescription.issued');
		await expect(
			methods.checkExists.call(
				hook(staticData, ['appointment.confirmed', 'appointment.cancelled']).context,
			),
		).resolves.toBe(false);
		await methods.delete.call(hook(staticData, ['appointment.confirmed']).context);
		webhooks = await heroWebhooks();
		expect(webhooks.map((item) => [item.id, item.url])).toEqual([[foreign, OTHER_URL]]);
		expect(webhooks.map((item) => item.id)).not.toContain(orphan);
		expect(staticData).toEqual({});
	});

	it('a Hero that refuses an event outside its reference: the error names it, the others are rolled back', async () => {
		await control.config({ referenceWebhookEventsOnly: true });
		const staticData: IDataObject = {};
		const error = (await methods.create
			.call(hook(staticData, ['appointment.confirmed', 'write-to-record.failed']).context)
			.catch((e: unknown) => e)) as Error & { description: string };
		expect(error.message).toBe(
			'Hero refused the event "write-to-record.failed": deselect it in Events, then activate again',
		);
		expect(error.description).toMatch(/^"write-to-record\.failed" is not in the event list/);
		expect(error.description).toContain('event_type: Invalid enum value');
		expect(await heroWebhooks()).toEqual([]);
		expect(staticData).toEqual({});
		expect(JSON.stringify(error)).not.toMatch(/signing_key":"[0-9a-f]{64}/);

		// Deselected, the activation goes through.
		await expect(
			methods.create.call(hook(staticData, ['appointment.confirmed']).context),
		).resolves.toBe(true);
		expect((await heroWebhooks()).map((item) => item.event_type)).toEqual([
			'appointment.confirmed',
		]);
	});
});

describe('contract: a delivery replayed', () => {
	async function finishedDelivery(): Promise<Delivery> {
		for (let attempt = 0; attempt < 100; attempt++) {
			const [delivery] = await control.deliveries();
			if (delivery?.finished_at) return delivery;
			await sleep(20);
		}
		throw new Error('The sandbox did not finish the webhook delivery');
	}

	it('the sandbox’s signed delivery sent three times starts one execution', async () => {
		const staticData: IDataObject = {};
		const events = ['appointment.cancelled'];
		await methods.create.call(hook(staticData, events).context);
		await axios.post(`${sandboxUrl()}/__sandbox/appointments/40001/cancel`);
		const delivery = await finishedDelivery();

		const started = [];
		for (let i = 0; i < 3; i++) {
			const { context, response } = createWebhookContext({
				parameters: { events, options: {} },
				staticData,
				rawBody: delivery.body,
				headers: delivery.headers,
				credentials: credentials(),
			});
			const result = await trigger.webhook.call(context);
			expect(response.statusCode).toBeUndefined();
			started.push(result.workflowData?.[0].length ?? 0);
		}
		expect(started).toEqual([1, 0, 0]);
		await methods.delete.call(hook(staticData, events).context);
	});
});

describe('contract: no signing key in the output', () => {
	it('Custom API Call GET /v1/webhooks lists the trigger’s webhooks without their key', async () => {
		const staticData: IDataObject = {};
		await methods.create.call(hook(staticData, ['appointment.confirmed']).context);
		const { json } = await runNode({
			credentials: credentials(),
			parameters: {
				resource: 'customApiCall',
				operation: 'request',
				method: 'GET',
				path: '/v1/webhooks',
				queryParameters: {},
				returnAllPages: true,
			},
		});
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({ url: OUR_URL, has_signing_key: true });
		expect(JSON.stringify(json)).not.toContain(String(staticData.signingKey));
	});
});
