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
	executions,
	heroApi,
	importExamples,
	sign,
	sleep,
	useStack,
	waitFor,
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
	const ourUrl = () => `${stack.n8n.url}/webhook/${WEBHOOK_ID}/webhook`;

	/** The sandbox's webhooks whose URL is this trigger's. */
	async function atOurUrl() {
		const state = await control(stack, 'GET', '/state');
		return state.webhooks.filter((/** @type {any} */ hook) => hook.url === ourUrl());
	}

	/**
	 * Waits until the webhooks at our URL are exactly these events (n8n activates through an
	 * outbox: the public API answers before create()/delete() ran), then checks they stay so.
	 * @param {string[]} events
	 */
	async function settleAt(events) {
		const matches = async () => {
			const hooks = await atOurUrl();
			const got = hooks.map((/** @type {any} */ hook) => hook.event_type).sort();
			return JSON.stringify(got) === JSON.stringify([...events].sort()) ? hooks : undefined;
		};
		await waitFor(matches);
		await sleep(500);
		const hooks = await matches();
		assert.ok(
			hooks,
			`webhooks at our URL settle at ${JSON.stringify(events)}: ${JSON.stringify(await atOurUrl())}`,
		);
		return hooks;
	}

	before(async () => {
		stack.sandbox.reset();
		// The trigger alone: each delivery it accepts is one execution, nothing else runs.
		const example = readExample('appointment-confirmed-message.json');
		const trigger = structuredClone(
			example.nodes.find((/** @type {any} */ node) => node.type.endsWith('.heroHealthTrigger')),
		);
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
		[workflowId] = await importExamples(stack, [workflow]);
		const foreign = await heroApi(stack, 'POST', '/v1/webhooks', {
			url: 'http://127.0.0.1:9/someone-else',
			event_type: 'appointment.cancelled',
			description: 'another integration',
		});
		foreignId = String(foreign.id);
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
			const state = await control(stack, 'GET', '/state');
			assert.deepEqual(
				state.webhooks.map((/** @type {any} */ hook) => String(hook.id)),
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
			const [delivery] = (await control(stack, 'GET', '/deliveries')).data.filter(
				(/** @type {any} */ item) => item.url === ourUrl(),
			);
			assert.equal(delivery?.status, 200, JSON.stringify(delivery));

			// The same bytes and headers, sent twice more (as someone who captured it would).
			for (let i = 0; i < 2; i++) {
				const response = await fetch(ourUrl(), {
					method: 'POST',
					headers: delivery.headers,
					body: delivery.body,
				});
				assert.equal(response.status, 200, 'a replay is acknowledged');
				await response.arrayBuffer();
			}
			const runs = await waitFor(async () => {
				const list = await executions(stack, workflowId);
				return list.length > before ? list : undefined;
			});
			assert.ok(runs, 'the first delivery started a run');
			await sleep(2000); // nothing else may follow
			assert.equal((await executions(stack, workflowId)).length, before + 1, 'exactly one run');

			// The same event sent anew (a new timestamp, so a new signature) still starts its own run.
			const [hook] = await atOurUrl();
			const timestamp = String(Date.now());
			const fresh = await fetch(ourUrl(), {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-herohealth-timestamp': timestamp,
					'x-herohealth-signature': sign(hook.signing_key, timestamp, delivery.body),
				},
				body: delivery.body,
			});
			assert.equal(fresh.status, 200);
			const second = await waitFor(async () => {
				const list = await executions(stack, workflowId);
				return list.length > before + 1 ? list : undefined;
			});
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
