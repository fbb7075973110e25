// @ts-check
// `npm run test:queue`: the package in n8n's queue mode. PostgreSQL + Redis (Debian's, installed
// with apt-get when missing), one main instance, two workers (concurrency 1) and one webhook
// processor of n8n 2.41.1, against the Hero sandbox. Proves that the trigger registers its webhooks
// once and verifies deliveries on the webhook processor, that campaigns run on the workers against
// one shared rate limit with nothing lost or sent twice, and what a worker killed mid-campaign does
// to its rows. Prints its figures at the end; 7–11 minutes on 2 busy cores after the first install.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { isValidNhsNumber } from '../../sandbox/seed.mjs';
import {
	NODE_TYPES,
	activate,
	deactivate,
	importCredential,
	importWorkflows,
	readExample,
	sandboxCredential,
} from '../../scripts/n8n-runtime.mjs';
import {
	control,
	deliver,
	deliveriesTo,
	forgedDeliveries,
	heroApi,
	importExamples,
	importTrigger,
	parseCsv,
	reserveAndConfirm,
	settleWebhooks,
	sleep,
	triggerNode,
	triggerUrl,
	waitFor,
	webhookIds,
	webhooksAt,
} from '../e2e/harness.mjs';
import { startQueueStack } from './stack.mjs';

/** @type {import('./stack.mjs').QueueStack} */
let stack;
/** @type {any} the same fields as the e2e harness's stack, for its helpers */
let harnessStack;
/** Figures printed at the end. @type {string[]} */
const report = [];

before(
	async () => {
		stack = await startQueueStack();
		harnessStack = stack;
	},
	{ timeout: 20 * 60_000 },
);

after(async () => {
	for (const line of report) console.log(line);
	await stack?.stop();
});

/** A route's counter in the sandbox. @param {any} counters @param {string} route */
function route(counters, route) {
	return counters.requests[route] ?? { received: 0, answered: {} };
}

/**
 * Executions of a workflow, newest first, from the main instance's public API.
 * @param {string} workflowId @returns {Promise<any[]>}
 */
async function executionsOf(workflowId) {
	const response = await fetch(
		`${stack.n8n.url}/api/v1/executions?workflowId=${workflowId}&limit=250`,
		{ headers: { 'X-N8N-API-KEY': stack.apiKey, accept: 'application/json' } },
	);
	if (response.status !== 200) throw new Error(`GET executions → ${response.status}`);
	return (await response.json()).data;
}

const TERMINAL = new Set(['success', 'error', 'crashed', 'canceled']);

/** Waits until the workflow has `count` executions, all finished. @param {string} workflowId @param {number} count @param {number} [timeoutMs] */
async function finishedExecutions(workflowId, count, timeoutMs = 180_000) {
	const list = await waitFor(async () => {
		const all = await executionsOf(workflowId);
		return all.length >= count && all.every((run) => TERMINAL.has(run.status)) ? all : undefined;
	}, timeoutMs);
	assert.ok(
		list,
		`workflow ${workflowId}: ${count} finished execution(s) within ${timeoutMs / 1000} s`,
	);
	return list;
}

/**
 * POSTs to a production webhook on the webhook processor. A 404 means n8n has not finished
 * registering the workflow's webhook (activation goes through an outbox) and nothing started, so
 * it is tried again; anything else is returned.
 * @param {string} path @param {unknown} body
 */
async function startByWebhook(path, body) {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const response = await fetch(`${stack.webhook.url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		await response.text();
		if (response.status !== 404 || Date.now() > deadline) return response.status;
		await sleep(500);
	}
}

// -------------------------------------------------------------------------------------------------

describe('Hero Health Trigger in queue mode (activation on main, deliveries on the webhook processor)', () => {
	const example = readExample('appointment-confirmed-message.json');
	const productionUrl = () => triggerUrl(stack.webhook.url, triggerNode(example).webhookId);
	/** @type {string} */
	let workflowId;
	/** @type {string} */
	let foreignWebhookId;
	/** @type {string[]} */
	let registeredIds = [];
	let slotsTaken = 0;

	/** Waits until our webhooks (those pointing at the webhook processor) number `count`. @param {number} count */
	const settleAt = (count) =>
		settleWebhooks(harnessStack, `${stack.webhook.url}/`, count, {
			timeoutMs: 30_000,
			quietMs: 2000,
		});

	/** Reserves the next free GP slot for the patient and confirms it: Hero sends the event. @param {string} patientId */
	async function confirmAppointment(patientId) {
		const reserved = await reserveAndConfirm(harnessStack, patientId, { index: slotsTaken++ });
		await stack.sandbox.settled();
		const deliveries = (await deliveriesTo(harnessStack, productionUrl())).filter(
			(/** @type {any} */ delivery) => JSON.parse(delivery.body).id === String(reserved.id),
		);
		return { appointmentId: String(reserved.id), deliveries };
	}

	/**
	 * Waits for the run a delivery started; checks it succeeded on a worker and texted the patient.
	 * @param {number} before executions before the delivery @param {string} patientId
	 */
	async function checkRunOnWorker(before, patientId) {
		const runs = await finishedExecutions(workflowId, before + 1, 60_000);
		await sleep(1500); // nothing else may follow
		const all = await executionsOf(workflowId);
		assert.equal(all.length, before + 1, 'exactly one run');
		assert.equal(runs[0].status, 'success');
		const worker = stack.workerOf(String(runs[0].id));
		assert.ok(worker, `execution ${runs[0].id} ran on a worker`);
		for (const name of ['main', 'webhook']) {
			const log = readFileSync(join(stack.root, `${name}.log`), 'utf8');
			assert.ok(!log.includes(`Worker started execution ${runs[0].id} (`), `not on ${name}`);
		}
		const state = await control(harnessStack, 'GET', '/state');
		const texts = state.messages.filter(
			(/** @type {any} */ message) =>
				message.patient_id === patientId && /is confirmed\./.test(message.content),
		);
		assert.equal(texts.length, 1, `patient ${patientId} texted once`);
		return worker.name;
	}

	before(async () => {
		({ workflowId, foreignId: foreignWebhookId } = await importTrigger(harnessStack, example));
	});

	after(async () => {
		await deactivate(stack.n8n.url, stack.apiKey, workflowId).catch(() => undefined);
	});

	test('activating on the main instance registers the webhook once (not once per process), at the webhook processor', async () => {
		const created0 = route(stack.sandbox.counters(), 'POST /v1/webhooks').received;
		await activate(stack.n8n.url, stack.apiKey, workflowId);
		const hooks = await settleAt(1);
		assert.equal(hooks[0].url, productionUrl());
		assert.equal(hooks[0].event_type, 'appointment.confirmed');
		assert.equal(route(stack.sandbox.counters(), 'POST /v1/webhooks').received - created0, 1);
		registeredIds = hooks.map((/** @type {any} */ hook) => String(hook.id));
	});

	test(
		'a signed delivery to the webhook processor is verified with the key the main instance stored, and runs on a worker',
		{ timeout: 90_000 },
		async () => {
			const before = (await executionsOf(workflowId)).length;
			const { deliveries } = await confirmAppointment('1008');
			assert.equal(deliveries.length, 1);
			assert.equal(deliveries[0].status, 200);
			const worker = await checkRunOnWorker(before, '1008');
			report.push(`trigger: signed delivery verified on the webhook processor, run on ${worker}`);
		},
	);

	test('forged or unsigned deliveries get 401 and start nothing', { timeout: 60_000 }, async () => {
		const before = (await executionsOf(workflowId)).length;
		const sent0 = stack.sandbox.counters().messagesSent.total;
		const [hook] = await webhooksAt(harnessStack, productionUrl());
		for (const forged of forgedDeliveries(hook.signing_key)) {
			assert.equal(await deliver(productionUrl(), forged), 401, forged.label);
		}
		await sleep(2000);
		assert.equal((await executionsOf(workflowId)).length, before, 'no run started');
		assert.equal(stack.sandbox.counters().messagesSent.total, sent0);
	});

	test(
		'restarting the main instance neither duplicates nor orphans webhooks; deliveries run while it is down',
		{ timeout: 300_000 },
		async () => {
			const counters0 = stack.sandbox.counters();
			const before = (await executionsOf(workflowId)).length;
			/** @type {Awaited<ReturnType<typeof confirmAppointment>> | undefined} */
			let whileDown;
			await stack.restartMain(async () => {
				// Only the webhook processor, the workers, Redis and PostgreSQL are running now.
				whileDown = await confirmAppointment('1007');
				await waitFor(
					async () => stack.sandbox.counters().messagesSent.byPatient['1007'] === 1,
					60_000,
				);
			});
			assert.equal(whileDown?.deliveries[0]?.status, 200, 'delivered while the main was down');
			assert.equal(stack.sandbox.counters().messagesSent.byPatient['1007'], 1);
			await sleep(5000); // the main re-activates its workflows at start-up
			const hooks = await settleAt(1);
			assert.deepEqual(
				hooks.map((/** @type {any} */ hook) => String(hook.id)),
				registeredIds,
				'the same webhook as before the restart',
			);
			const counters = stack.sandbox.counters();
			for (const name of ['POST /v1/webhooks', 'DELETE /v1/webhooks/{id}']) {
				assert.equal(route(counters, name).received, route(counters0, name).received, `no ${name}`);
			}
			await checkRunOnWorker(before, '1007');
			// and the next delivery after the restart is verified and runs too
			const { deliveries } = await confirmAppointment('1006');
			assert.equal(deliveries[0].status, 200);
			await checkRunOnWorker(before + 1, '1006');
			report.push(
				'trigger: main restarted: same webhook at Hero, 0 created, 0 deleted; a delivery while it was down ran on a worker',
			);
		},
	);

	test('deactivating removes exactly our webhook', async () => {
		await deactivate(stack.n8n.url, stack.apiKey, workflowId);
		await settleAt(0);
		assert.deepEqual(await webhookIds(harnessStack), [foreignWebhookId]);
	});
});

// -------------------------------------------------------------------------------------------------

/** Patients of the sandbox's seed with a mobile number (1019 has none). */
const PATIENTS = Array.from({ length: 18 }, (_, i) => String(1001 + i));

/**
 * Webhook (answers at once) → Code (`rows` rows, each text naming the run and row) → Hero Health
 * Message → Send, with the node's defaults unless `requestOptions` says otherwise.
 * @param {string} name @param {{ id: string, name: string }} credential
 * @param {Record<string, number>} [requestOptions]
 */
function campaignWorkflow(name, credential, requestOptions = {}) {
	const path = `queue-campaign-${name}-${randomBytes(3).toString('hex')}`;
	return {
		path,
		name: `queue campaign ${name}`,
		nodes: [
			{
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
			},
			{
				parameters: {
					jsCode: [
						"const { rows, runId } = $('Webhook').first().json.body;",
						`const patients = ${JSON.stringify(PATIENTS)};`,
						'return Array.from({ length: rows }, (_, i) => ({',
						'  json: { row: i, patientId: patients[i % patients.length], text: `Campaign ${runId} row ${i}` },',
						'}));',
					].join('\n'),
				},
				id: randomUUID(),
				name: 'Rows',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
			},
			{
				parameters: {
					resource: 'message',
					operation: 'send',
					patientId: { __rl: true, mode: 'id', value: '={{ $json.patientId }}' },
					messageType: 'sms',
					messageText: '={{ $json.text }}',
					additionalFields: {},
					...(Object.keys(requestOptions).length ? { requestOptions } : {}),
				},
				id: randomUUID(),
				name: 'Send',
				type: NODE_TYPES.action,
				typeVersion: 1,
				position: [400, 0],
				credentials: { heroHealthApi: credential },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * A pass-through proxy to the sandbox that counts answers by status per first path segment
 * (`/a/v1/...` → campaign a), so that each campaign's 429s are counted on the wire; `sends` counts
 * the answers to message sends only (Send also reads the SMS credits once before the first SMS).
 * @param {string} target
 * @returns {Promise<{ url: string, counts: Record<string, Record<string, number>>,
 *   sends: Record<string, Record<string, number>>, close: () => Promise<void> }>}
 */
async function countingProxy(target) {
	/** @type {Record<string, Record<string, number>>} */
	const counts = {};
	/** @type {Record<string, Record<string, number>>} */
	const sends = {};
	const server = http.createServer((request, response) => {
		const match = /^\/([a-z0-9]+)(\/.*)$/.exec(request.url ?? '');
		if (!match) return void response.writeHead(404).end();
		const [, prefix, rest] = match;
		const upstream = http.request(
			new URL(rest, target),
			{ method: request.method, headers: request.headers },
			(answer) => {
				const status = String(answer.statusCode);
				for (const tally of rest.startsWith('/v1/messages/send') ? [counts, sends] : [counts]) {
					const byStatus = (tally[prefix] ??= {});
					byStatus[status] = (byStatus[status] ?? 0) + 1;
				}
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			},
		);
		upstream.on('error', () => response.destroy());
		request.pipe(upstream);
	});
	await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${address.port}`,
		counts,
		sends,
		close: () => new Promise((done) => server.close(() => done(undefined))),
	};
}

/**
 * Messages in the sandbox whose text starts with `prefix` and goes on with a row number: rows
 * missing from 0..rows-1 and rows sent more than once.
 * @param {string} prefix @param {number} rows @param {RegExp} [pattern] captures the row tag
 */
async function rowCounts(prefix, rows, pattern) {
	const state = await control(harnessStack, 'GET', '/state');
	/** @type {Map<string, number>} */
	const seen = new Map();
	for (const message of state.messages) {
		const content = String(message.content ?? '');
		const tag = pattern
			? pattern.exec(content)?.[1]
			: content.startsWith(prefix)
				? content.slice(prefix.length)
				: undefined;
		if (tag !== undefined) seen.set(tag, (seen.get(tag) ?? 0) + 1);
	}
	let duplicated = 0;
	for (const count of seen.values()) duplicated += count - 1;
	return { seen, sent: seen.size, duplicated, lost: rows - seen.size };
}

describe('two campaigns at once, one per worker, against one shared rate limit', () => {
	const RATE = 20; // requests per second for both campaigns together
	const ROWS = 150; // per campaign
	/** @type {Awaited<ReturnType<typeof countingProxy>>} */
	let proxy;
	/** @type {Record<string, ReturnType<typeof campaignWorkflow> & { workflowId: string }>} */
	const campaigns = {};

	before(async () => {
		proxy = await countingProxy(stack.sandbox.url);
		// a, b: the node's defaults; c, d: Max Requests per Second = the limit / 2 campaigns
		for (const key of ['a', 'b', 'c', 'd']) {
			const credential = {
				id: `QueueCampaign${key.toUpperCase()}0`.padEnd(16, '0'),
				name: `Hero sandbox (campaign ${key})`,
			};
			await importCredential(
				stack.runtime,
				stack.env,
				sandboxCredential(
					{
						url: `${proxy.url}/${key}`,
						apiKey: stack.sandbox.apiKey,
						practiceGroupId: stack.sandbox.practiceGroupId,
					},
					credential,
				),
			);
			/** @type {Record<string, number>} */
			const requestOptions = key === 'c' || key === 'd' ? { maxRequestsPerSecond: RATE / 2 } : {};
			const workflow = campaignWorkflow(key, credential, requestOptions);
			const [workflowId] = await importWorkflows(stack.runtime, stack.env, [workflow]);
			await activate(stack.n8n.url, stack.apiKey, workflowId);
			campaigns[key] = { ...workflow, workflowId };
		}
	});

	after(async () => {
		await proxy?.close();
	});

	/**
	 * Starts two campaigns at the same moment and checks them against the sandbox's messages.
	 * @param {string[]} keys @param {string} label
	 */
	async function runPair(keys, label) {
		stack.sandbox.reset();
		stack.sandbox.setConfig({ rateLimitPerSecond: RATE, retryAfterSeconds: 1 });
		const runId = randomBytes(3).toString('hex');
		const t0 = Date.now();
		const statuses = await Promise.all(
			keys.map((key) =>
				startByWebhook(campaigns[key].path, { rows: ROWS, runId: `${runId}-${key}` }),
			),
		);
		assert.deepEqual(statuses, [200, 200]);
		/** @type {any[]} */
		const runs = [];
		for (const key of keys) {
			const [run] = await finishedExecutions(campaigns[key].workflowId, 1, 240_000);
			runs.push(run);
		}
		const wall = (Date.now() - t0) / 1000;
		const seconds = (/** @type {any} */ run) =>
			(Date.parse(run.stoppedAt) - Date.parse(run.startedAt)) / 1000;
		const firstStart = Math.min(...runs.map((run) => Date.parse(run.startedAt)));
		const lastStop = Math.max(...runs.map((run) => Date.parse(run.stoppedAt)));
		const busy = (lastStop - firstStart) / 1000;
		const floor = (2 * ROWS) / RATE;
		const workers = runs.map((run) => stack.workerOf(String(run.id))?.name);
		const counters = stack.sandbox.counters();
		stack.sandbox.setConfig({ rateLimitPerSecond: 0 });

		const lines = [];
		for (const [index, key] of keys.entries()) {
			const counts = await rowCounts(`Campaign ${runId}-${key} row `, ROWS);
			const answers = proxy.counts[key] ?? {};
			lines.push(
				`${key} on ${workers[index]} ${seconds(runs[index]).toFixed(1)} s, ${answers['429'] ?? 0} 429s, ` +
					`sent ${counts.sent}, lost ${counts.lost}, duplicated ${counts.duplicated}`,
			);
			assert.equal(runs[index].status, 'success');
			assert.equal(counts.lost, 0, `campaign ${key}: 0 lost`);
			assert.equal(counts.duplicated, 0, `campaign ${key}: 0 duplicated`);
			assert.equal(proxy.sends[key]?.['200'], ROWS, `campaign ${key}: one 200 per row`);
		}
		report.push(
			`campaigns, ${label}: 2 × ${ROWS} messages at a shared ${RATE}/s: ${busy.toFixed(1)} s from first start to last stop ` +
				`(${wall.toFixed(1)} s wall), floor ${floor.toFixed(1)} s; ${lines.join('; ')} (load average ${loadavg()[0].toFixed(1)})`,
		);
		assert.ok(workers.every(Boolean), `both ran on workers (${workers.join(', ')})`);
		assert.notEqual(workers[0], workers[1], 'one campaign per worker');
		assert.equal(counters.messagesSent.total, 2 * ROWS);
		assert.equal(counters.validationFailures, 0);
	}

	test(
		"node defaults (each run learns the rate from Hero's 429s): every row sent exactly once, one campaign per worker",
		{ timeout: 300_000 },
		async () => await runPair(['a', 'b'], 'node defaults'),
	);

	test(
		'Max Requests per Second = limit / 2 on each: every row sent exactly once, one campaign per worker',
		{ timeout: 300_000 },
		async () => await runPair(['c', 'd'], `Max Requests per Second ${RATE / 2} each`),
	);
});

// -------------------------------------------------------------------------------------------------

/** `count` valid NHS numbers in the 999 test range, none of them the seed's. @param {number} count */
function nhsNumbers(count) {
	/** @type {string[]} */
	const numbers = [];
	for (let base = 999300000; numbers.length < count; base++) {
		for (let check = 0; check <= 9; check++) {
			if (isValidNhsNumber(`${base}${check}`)) {
				numbers.push(`${base}${check}`);
				break;
			}
		}
	}
	return numbers;
}

describe('a worker killed in the middle of a recall campaign (examples/recall-campaign.json)', () => {
	const ROWS = 120;
	const RATE = 20;
	const tagOf = /^Dear (Q\d+),/;
	/** @type {string} */
	let workflowId;
	/** @type {string} */
	let path;
	const example = readExample('recall-campaign.json');
	// The example's Send node keeps the campaign (Campaign Options → Once per Campaign) in n8n's
	// database: a kill leaves at most Concurrency sends uncertain, which a re-run reports "check in
	// Hero" instead of sending. Concurrency: the node's Request Options, else the node's default
	// (DEFAULT_CONCURRENCY, read from the build the stack loads into n8n).
	const concurrencyOfSend = () =>
		Number(
			example.nodes.find((/** @type {any} */ node) => node.name === 'Send Recall Message')
				.parameters.requestOptions?.concurrency ??
				createRequire(import.meta.url)('../../dist/nodes/HeroHealth/transport/client.js')
					.DEFAULT_CONCURRENCY,
		);
	// One row's patient has no mobile number: Hero refuses that send in every run ('error'), and the
	// node forgets it, so each run tries it again.
	const REFUSED = 'Q005';
	/** @type {string | undefined} */
	let killedExecution;
	/** Messages per row (tag) in Hero before the re-run. @type {Map<string, number>} */
	let seenBeforeRerun = new Map();

	before(async () => {
		stack.sandbox.reset();
		// One practice patient per row, so that every row is its own NHS number and the message
		// ("Dear Q007, ...") names its row.
		const numbers = nhsNumbers(ROWS);
		const lines = ['nhs_number,date_of_birth,first_name,last_name'];
		for (const [index, nhsNumber] of numbers.entries()) {
			const tag = `Q${String(index).padStart(3, '0')}`;
			await heroApi(harnessStack, 'POST', '/v1/patients/register', {
				nhs_number: nhsNumber,
				dob: '1980-01-01',
				first_name: tag,
				last_name: 'Queue',
				...(tag === REFUSED ? {} : { mobile: `07700900${String(index).padStart(3, '0')}` }),
			});
			lines.push(`${nhsNumber},1980-01-01,${tag},Queue`);
		}
		writeFileSync(join(stack.filesDir, 'queue-recall.csv'), `${lines.join('\n')}\n`);

		// The example starts from a Manual Trigger; in queue mode a production run starts from a
		// trigger, so that node becomes a Webhook of the same name.
		path = `queue-recall-${randomBytes(3).toString('hex')}`;
		const workflow = structuredClone(example);
		workflow.id = undefined;
		const start = workflow.nodes.find(
			(/** @type {any} */ node) => node.type === 'n8n-nodes-base.manualTrigger',
		);
		Object.assign(start, {
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		});
		const settings = workflow.nodes.find((/** @type {any} */ node) => node.name === 'Settings');
		for (const field of settings.parameters.assignments.assignments) {
			if (field.name === 'inputFile')
				field.value = field.value.replace('recall-sample.csv', 'queue-recall.csv');
			if (field.name === 'resultsFile')
				field.value = field.value.replace('recall-results.csv', 'queue-recall-results.csv');
		}
		[workflowId] = await importExamples(harnessStack, [workflow]);
		await activate(stack.n8n.url, stack.apiKey, workflowId);
	});

	test(
		'the execution is not re-run by the other worker, n8n marks it failed, and every message sent is in Hero',
		{ timeout: 300_000 },
		async () => {
			stack.sandbox.setConfig({ rateLimitPerSecond: RATE, retryAfterSeconds: 1 });
			assert.equal(await startByWebhook(path, {}), 200);
			const running = await waitFor(async () => {
				const [run] = await executionsOf(workflowId);
				return run && stack.workerOf(String(run.id)) ? run : undefined;
			}, 60_000);
			assert.ok(running, 'the campaign started on a worker');
			killedExecution = String(running.id);
			const worker = /** @type {NonNullable<ReturnType<typeof stack.workerOf>>} */ (
				stack.workerOf(killedExecution)
			);
			const other = stack.workers.find((item) => item !== worker);
			// Kill the worker (and its task runner) once a quarter of the rows have gone out.
			const reached = await waitFor(
				async () => stack.sandbox.counters().messagesSent.total >= ROWS / 4,
				120_000,
			);
			assert.ok(reached, 'a quarter of the messages went out');
			process.kill(-worker.pid, 'SIGKILL');
			const killedAt = Date.now();
			const sentAtKill = stack.sandbox.counters().messagesSent.total;
			await worker.exited;

			const [run] = await finishedExecutions(workflowId, 1, 180_000);
			const noticed = (Date.now() - killedAt) / 1000;
			const details = await fetch(
				`${stack.n8n.url}/api/v1/executions/${killedExecution}?includeData=true`,
				{ headers: { 'X-N8N-API-KEY': stack.apiKey } },
			).then((response) => response.json());
			const error = details.data?.resultData?.error;
			stack.sandbox.setConfig({ rateLimitPerSecond: 0 });
			const counts = await rowCounts('', ROWS, tagOf);
			seenBeforeRerun = counts.seen;
			report.push(
				`kill: ${worker.name} killed (SIGKILL) after ${sentAtKill} of ${ROWS} messages; n8n marked execution ${killedExecution} ` +
					`"${run.status}" ${noticed.toFixed(0)} s later (${error?.message ?? 'no error message'}); ` +
					`in Hero: ${counts.sent} rows messaged, ${counts.duplicated} twice, ${ROWS - counts.sent} not; ` +
					`n8n kept ${Object.keys(details.data?.resultData?.runData ?? {}).length} node outputs of the run, and no results sheet`,
			);
			assert.equal(String(run.id), killedExecution);
			assert.notEqual(run.status, 'success');
			assert.ok(
				!readFileSync(/** @type {any} */ (other).log, 'utf8').includes(
					`Worker started execution ${killedExecution} (`,
				),
				'the other worker did not run the killed execution again',
			);
			assert.equal(counts.duplicated, 0, 'no row messaged twice');
			assert.ok(counts.sent >= sentAtKill && counts.sent < ROWS, 'the run stopped part-way');
		},
	);

	test(
		're-running the example over the same sheet: nobody messaged twice, at most Concurrency rows left to check in Hero, the refused row tried again',
		{ timeout: 300_000 },
		async () => {
			assert.ok(killedExecution, 'the kill test ran');
			const before = (await executionsOf(workflowId)).length;
			assert.equal(await startByWebhook(path, {}), 200);
			const [run] = await finishedExecutions(workflowId, before + 1, 240_000);
			assert.equal(run.status, 'success', 'the re-run finished and wrote its results sheet');
			const counts = await rowCounts('', ROWS, tagOf);
			const sheet = parseCsv(
				readFileSync(join(stack.filesDir, 'queue-recall-results.csv'), 'utf8'),
			);
			assert.equal(sheet.length, ROWS, 'a line per row in the results sheet');
			/** @type {Record<string, string[]>} rows (tags) by outcome */
			const byOutcome = {};
			for (const line of sheet) {
				const tag = `Q${String(Number(line.row) - 2).padStart(3, '0')}`;
				assert.equal(line.first_name, tag);
				(byOutcome[line.outcome] ??= []).push(tag);
				const now = counts.seen.get(tag) ?? 0;
				const earlier = seenBeforeRerun.get(tag) ?? 0;
				if (tag === REFUSED) {
					// refused by Hero in both runs (or left uncertain by the kill): never messaged
					assert.equal(now, 0, `${tag}: never messaged`);
					assert.ok(['error', 'check in Hero'].includes(line.outcome), `${tag}: ${line.outcome}`);
				} else if (line.outcome === 'check in Hero') {
					// a send the kill left without an answer: sent then or not at all, never by the re-run
					assert.equal(now, earlier, `${tag}: not sent by the re-run`);
					assert.ok(now <= 1, `${tag}: messaged at most once`);
				} else {
					assert.equal(now, 1, `${tag} (${line.outcome}): messaged exactly once`);
					assert.equal(line.outcome, earlier ? 'already sent' : 'sent', tag);
				}
			}
			const uncertain = byOutcome['check in Hero'] ?? [];
			const CONCURRENCY = concurrencyOfSend();
			assert.ok(CONCURRENCY >= 1, `Concurrency ${CONCURRENCY}`);
			const twice = [...counts.seen.values()].filter((count) => count > 1).length;
			report.push(
				`re-run on ${stack.workerOf(String(run.id))?.name}: status ${run.status}; ` +
					`${seenBeforeRerun.size} rows messaged before the kill, ${(byOutcome['already sent'] ?? []).length} of them logged "sent" ` +
					`and reported "already sent"; ${uncertain.length} rows left uncertain (Concurrency ${CONCURRENCY}) reported "check in Hero" ` +
					`(${uncertain.filter((tag) => seenBeforeRerun.has(tag)).length} of them had been messaged); ` +
					`${(byOutcome.sent ?? []).length} sent by the re-run; ${twice} rows messaged twice`,
			);
			assert.equal(twice, 0, 'no row messaged twice');
			assert.ok(
				uncertain.filter((tag) => tag !== REFUSED).length <= CONCURRENCY,
				`${uncertain.length} uncertain rows, at most Concurrency (${CONCURRENCY})`,
			);
			assert.deepEqual(byOutcome.error ?? [], uncertain.includes(REFUSED) ? [] : [REFUSED]);
			assert.equal(
				(byOutcome.sent ?? []).length +
					(byOutcome['already sent'] ?? []).length +
					uncertain.length +
					(byOutcome.error ?? []).length,
				ROWS,
				'every row sent, already sent, to check in Hero, or refused',
			);
		},
	);
});
