// @ts-check
// End-to-end safety of the Hero Health Trigger in a real n8n 2.41.1 against the sandbox: a webhook
// left at Hero with the trigger's URL does not outlive the trigger, and a delivery replayed within
// Maximum Delivery Age starts one execution only. Its own n8n and sandbox (harness.mjs).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	SANDBOX_CREDENTIAL,
	activate,
	deactivate,
	readExample,
} from '../../scripts/n8n-runtime.mjs';
import {
	control,
	deliver,
	deliveriesTo,
	executions,
	heroApi,
	importTrigger,
	settleWebhooks,
	signedHeaders,
	sleep,
	triggerNode,
	triggerUrl,
	useStack,
	waitForRuns,
	webhookIds,
	webhooksAt,
} from './harness.mjs';

/** @type {import('./harness.mjs').Stack} */
let stack;
useStack((ready) => (stack = ready));

describe('Hero Health Trigger: orphans and replays', () => {
	const WEBHOOK_ID = '3d7e9b20-5a41-4c6f-8e2d-9b0c1a2f3e4d';
	/** @type {string} */
	let workflowId;
	/** @type {string} */
	let foreignId;
	const ourUrl = () => triggerUrl(stack.n8n.url, WEBHOOK_ID);

	/** Waits until the webhooks at our URL are exactly these events. @param {string[]} events */
	const settleAt = (events) => settleWebhooks(stack, ourUrl(), events);

	before(async () => {
		// The trigger alone: each delivery it accepts is one execution, nothing else runs.
		const example = readExample('appointment-confirmed-message.json');
		const trigger = structuredClone(triggerNode(example));
		trigger.webhookId = WEBHOOK_ID;
		trigger.parameters.events = ['appointment.cancelled'];
		const workflow = {
			...example,
			id: 'HeroTriggerSafety',
			name: 'Hero Health: trigger safety',
			nodes: [trigger],
			connections: {},
			pinData: {},
		};
		({ workflowId, foreignId } = await importTrigger(stack, workflow));
	});

	after(async () => {
		await deactivate(stack.n8n.url, stack.apiKey, workflowId).catch(() => undefined);
	});

	test(
		'a webhook left at Hero with this trigger’s URL before activation is gone after deactivation',
		{ timeout: 120_000 },
		async () => {
			// As an activation whose answer never came back would have left it.
			const leftover = await heroApi(stack, 'POST', '/v1/webhooks', {
				url: ourUrl(),
				event_type: 'prescription.issued',
				signing_key: 'a-key-nobody-holds-any-more',
			});
			await activate(stack.n8n.url, stack.apiKey, workflowId);
			const hooks = await settleAt(['appointment.cancelled']);
			assert.ok(
				hooks.every((/** @type {any} */ hook) => String(hook.id) !== String(leftover.id)),
				'activation removed the leftover',
			);

			// Another one appears at our URL while active: deactivation removes it too.
			await heroApi(stack, 'POST', '/v1/webhooks', {
				url: ourUrl(),
				event_type: 'appointment.confirmed',
			});
			await deactivate(stack.n8n.url, stack.apiKey, workflowId);
			await settleAt([]);
			assert.deepEqual(
				await webhookIds(stack),
				[foreignId],
				'only the other integration’s webhook is left',
			);
		},
	);

	test(
		'a delivery replayed within the window starts one execution only',
		{ timeout: 120_000 },
		async () => {
			await activate(stack.n8n.url, stack.apiKey, workflowId);
			await settleAt(['appointment.cancelled']);
			const before = (await executions(stack, workflowId)).length;

			// The practice cancels the seeded appointment 40001: the sandbox delivers the signed event.
			await control(stack, 'POST', '/appointments/40001/cancel');
			await stack.sandbox.settled();
			const [delivery] = await deliveriesTo(stack, ourUrl());
			assert.equal(delivery?.status, 200, JSON.stringify(delivery));

			// The same bytes and headers, sent twice more (as someone who captured it would).
			for (let i = 0; i < 2; i++) {
				assert.equal(await deliver(ourUrl(), delivery), 200, 'a replay is acknowledged');
			}
			assert.ok(
				await waitForRuns(stack, workflowId, before + 1),
				'the first delivery started a run',
			);
			await sleep(2000); // nothing else may follow
			assert.equal((await executions(stack, workflowId)).length, before + 1, 'exactly one run');

			// The same event sent anew (a new timestamp, so a new signature) still starts its own run.
			const [hook] = await webhooksAt(stack, ourUrl());
			const headers = signedHeaders(hook.signing_key, String(Date.now()), delivery.body);
			assert.equal(await deliver(ourUrl(), { headers, body: delivery.body }), 200);
			const second = await waitForRuns(stack, workflowId, before + 2);
			assert.equal(second?.length, before + 2, 'the new delivery starts a run');
		},
	);
});

describe('credential test with a Custom Base URL over plain http', () => {
	/** @param {string} baseUrl */
	async function testCredential(baseUrl) {
		return await stack.rest.call('POST', '/rest/credentials/test', {
			credentials: {
				id: SANDBOX_CREDENTIAL.id,
				name: SANDBOX_CREDENTIAL.name,
				type: 'heroHealthApi',
				data: {
					apiKey: stack.sandbox.apiKey,
					practiceGroupId: stack.sandbox.practiceGroupId,
					environment: 'custom',
					baseUrl,
				},
			},
		});
	}

	test('fails off this machine, saying why, and passes on loopback', async () => {
		const refused = await testCredential('http://hero.example.org');
		assert.equal(refused.status, 'Error', JSON.stringify(refused));
		assert.match(
			refused.message,
			/would travel unencrypted\. Use https:\/\/, or http:\/\/ only to this machine/,
		);
		const local = await testCredential(stack.sandbox.url);
		assert.equal(local.status, 'OK', JSON.stringify(local));
	});
});
