// @ts-check
// Compatibility smoke: the package in a real n8n of the version $HERO_N8N_VERSION names (default
// the newest tested, 2.41.1), against the local Hero sandbox. `npm run test:compat` runs it on the
// oldest supported n8n and on the newest (scripts/compat.mjs); both are cached in
// ~/.cache/herohealth like the e2e runtime. What a user does first: n8n loads the nodes, the
// credential's Test, Message → Send, and the trigger's register / deliver / deregister.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
	N8N_VERSION,
	NODE_TYPES,
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
	forgedDeliveries,
	importForServer,
	importTrigger,
	nodeItems,
	reserveAndConfirm,
	runInServer,
	settleWebhooks,
	triggerNode,
	triggerUrl,
	useStack,
	waitForRuns,
	webhookIds,
	webhooksAt,
} from '../e2e/harness.mjs';

const version = process.env.HERO_N8N_VERSION || N8N_VERSION;

/** @type {import('../e2e/harness.mjs').Stack} */
let stack;
useStack((ready) => (stack = ready));

/** A route's counter in the sandbox. @param {any} counters @param {string} name */
const route = (counters, name) => counters.requests[name] ?? { received: 0, answered: {} };

test(`n8n ${version} loads both nodes and the credential`, async () => {
	const installed = JSON.parse(
		readFileSync(join(stack.runtime.n8nDir, 'node_modules', 'n8n', 'package.json'), 'utf8'),
	);
	assert.equal(installed.version, version, 'the n8n under test is the one asked for');
	const types = await stack.rest.call('GET', '/types/nodes.json');
	const names = new Set((Array.isArray(types) ? types : []).map((/** @type {any} */ t) => t.name));
	assert.ok(names.has(NODE_TYPES.action), `${NODE_TYPES.action} is loaded`);
	assert.ok(names.has(NODE_TYPES.trigger), `${NODE_TYPES.trigger} is loaded`);
	const credentials = await stack.rest.call('GET', '/types/credentials.json');
	assert.ok(credentials.some((/** @type {any} */ type) => type.name === 'heroHealthApi'));
});

test('the credential test passes with the right key and fails with a wrong one', async () => {
	/** @param {string} apiKey */
	const testWith = async (apiKey) =>
		await stack.rest.call('POST', '/rest/credentials/test', {
			credentials: {
				id: SANDBOX_CREDENTIAL.id,
				name: SANDBOX_CREDENTIAL.name,
				type: 'heroHealthApi',
				data: {
					apiKey,
					practiceGroupId: stack.sandbox.practiceGroupId,
					environment: 'custom',
					baseUrl: stack.sandbox.url,
				},
			},
		});
	stack.sandbox.reset();
	assert.equal((await testWith(stack.sandbox.apiKey)).status, 'OK');
	assert.equal((await testWith('not-the-sandbox-key')).status, 'Error');
	const me = route(stack.sandbox.counters(), 'GET /v1/me');
	assert.equal(me.answered['200'], 1);
	assert.ok(me.answered['401'] >= 1, JSON.stringify(me));
});

test('Message → Send sends exactly one SMS and outputs it', { timeout: 300_000 }, async () => {
	stack.sandbox.reset();
	const credentials = {
		heroHealthApi: { id: SANDBOX_CREDENTIAL.id, name: SANDBOX_CREDENTIAL.name },
	};
	const workflow = {
		id: 'HeroCompatSend01',
		name: 'Compatibility: Message → Send',
		active: false,
		settings: {},
		connections: { Start: { main: [[{ node: 'Send', type: 'main', index: 0 }]] } },
		nodes: [
			{
				id: randomUUID(),
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: randomUUID(),
				name: 'Send',
				type: 'n8n-nodes-herohealth.heroHealth',
				typeVersion: 1,
				position: [240, 0],
				credentials,
				parameters: {
					resource: 'message',
					operation: 'send',
					patientId: { __rl: true, mode: 'id', value: '1008' },
					messageType: 'sms',
					messageText: 'Your flu jab is due. Reply to book.',
					additionalFields: {},
				},
			},
		],
	};
	// Run by the server (a webhook stands in for the Manual Trigger): one n8n, no CLI start-up.
	const run = await runInServer(stack, await importForServer(stack, workflow));
	const [sent] = nodeItems(run, 'Send');
	const counters = stack.sandbox.counters();
	assert.equal(route(counters, 'POST /v1/messages/send').received, 1);
	assert.deepEqual(counters.messagesSent.byPatient, { 1008: 1 });
	const state = await control(stack, 'GET', '/state');
	const message = state.messages.find((/** @type {any} */ item) => item.id === sent.message_id);
	assert.ok(message, `the output's message ${sent.message_id} is the one Hero has`);
	assert.equal(message.content, 'Your flu jab is due. Reply to book.');
	assert.equal(counters.validationFailures, 0);
});

describe('Hero Health Trigger: register, deliver, deregister', () => {
	const example = readExample('appointment-confirmed-message.json');
	const url = () => triggerUrl(stack.n8n.url, triggerNode(example).webhookId);
	/** @type {string} */
	let workflowId;
	/** @type {string} */
	let foreignId;

	before(async () => {
		({ workflowId, foreignId } = await importTrigger(stack, example));
	});
	after(async () => {
		await deactivate(stack.n8n.url, stack.apiKey, workflowId).catch(() => undefined);
	});

	test('activating registers one signed webhook at the production URL', async () => {
		await activate(stack.n8n.url, stack.apiKey, workflowId);
		const hooks = await settleWebhooks(stack, `${stack.n8n.url}/`, 1);
		assert.equal(hooks[0].event_type, 'appointment.confirmed');
		assert.equal(hooks[0].url, url());
		assert.ok(hooks[0].signing_key?.length >= 32, 'a signing key was set');
	});

	test('a signed delivery starts one run; a forged one gets 401', { timeout: 60_000 }, async () => {
		const before = (await executions(stack, workflowId)).length;
		await reserveAndConfirm(stack, '1008');
		await stack.sandbox.settled();
		const deliveries = await deliveriesTo(stack, url());
		assert.equal(deliveries.length, 1);
		assert.equal(deliveries[0].status, 200);
		assert.ok(await waitForRuns(stack, workflowId, before + 1), 'the delivery started a run');
		const [hook] = await webhooksAt(stack, url());
		const [forged] = forgedDeliveries(hook.signing_key);
		assert.equal(await deliver(url(), forged), 401, forged.label);
	});

	test('deactivating removes exactly its own webhook', async () => {
		await deactivate(stack.n8n.url, stack.apiKey, workflowId);
		await settleWebhooks(stack, `${stack.n8n.url}/`, 0);
		assert.deepEqual(await webhookIds(stack), [foreignId]);
	});
});
