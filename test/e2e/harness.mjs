// @ts-check
// One real n8n 2.41.1 (with this package built and loaded) and one sandbox for the whole e2e suite.
// Not a test file itself: n8n.test.mjs imports it.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';

import {
	SANDBOX_CREDENTIAL,
	activate,
	buildPackage,
	copyExampleData,
	ensureRuntime,
	executeWorkflow,
	importCredential,
	importWorkflows,
	loadSandbox,
	n8nEnv,
	nodeItems,
	prepareWorkflow,
	publicApi,
	readExample,
	sandboxCredential,
	setupOwner,
	startN8n,
	webhookStarted,
} from '../../scripts/n8n-runtime.mjs';
import { ensureServices, startPostgres } from '../queue/services.mjs';

/** @param {number} ms */
export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Seconds since `t0`, one decimal. @param {number} t0 */
const since = (t0) => ((Date.now() - t0) / 1000).toFixed(1);

/**
 * Starts the stack: build, sandbox, n8n, owner + API key, the sandbox credential. With `postgres`,
 * n8n uses a PostgreSQL started for it (Debian's, installed with apt-get when missing, as test:queue
 * does) instead of SQLite; the stack then has `postgres` (its `env` gives host, port and user).
 * stop() ends n8n, the sandbox and PostgreSQL, in that order; Ctrl-C or SIGTERM kills what was
 * started.
 * @param {{ log?: (line: string) => void, postgres?: boolean }} [options]
 */
export async function startStack({
	log = (line) => console.log(`# ${line}`),
	postgres: onPostgres = false,
} = {}) {
	const t0 = Date.now();
	const root = mkdtempSync(join(tmpdir(), 'hero-e2e-'));
	const userFolder = join(root, 'n8n');
	const filesDir = join(root, 'files');
	/** Process groups started here (PostgreSQL, n8n), for Ctrl-C. */
	const groups = new Set();
	/** @param {number} pid */
	const track = (pid) => groups.add(pid);
	/** @type {Array<() => Promise<void> | void>} */
	const cleanups = [];
	/** @param {NodeJS.Signals} signal */
	const onSignal = (signal) => {
		for (const pid of groups) {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				// gone
			}
		}
		rmSync(root, { recursive: true, force: true });
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	const stop = async () => {
		for (const cleanup of cleanups.reverse()) {
			try {
				await cleanup();
			} catch {
				// best effort
			}
		}
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	};
	try {
		const runtime = await ensureRuntime();
		log(`runtime ready (${since(t0)} s)`);
		const extensions = buildPackage({ into: join(root, 'package-dist') });
		log(`package built (${since(t0)} s)`);
		let postgres;
		if (onPostgres) {
			const apt = ensureServices(log);
			if (apt.installed.length) log(`apt-get installed ${apt.installed.join(', ')}`);
			postgres = await startPostgres({ dir: join(root, 'postgres'), onSpawn: track });
			cleanups.push(() => postgres?.stop());
			log(`PostgreSQL :${postgres.port} ready (${since(t0)} s)`);
		}
		const env = postgres?.env ?? {};

		const { startSandbox } = await loadSandbox();
		const sandbox = await startSandbox({ port: 0 });
		cleanups.push(() => sandbox.stop());
		copyExampleData(filesDir);

		const n8n = await startN8n({ userFolder, filesDir, extensions, runtime, env, onSpawn: track });
		cleanups.push(() => n8n.stop());
		log(`n8n ${n8n.url} ready (${since(t0)} s); log ${n8n.log}`);

		const { rest, apiKey } = await setupOwner(n8n.url);
		if (!apiKey) throw new Error('no API key');
		const n8nEnvironment = n8nEnv(runtime, { userFolder, filesDir, extensions, env });
		await importCredential(runtime, n8nEnvironment, sandboxCredential(sandbox));
		log(`owner, API key and credential ready (${since(t0)} s)`);

		cleanups.push(() => {
			if (!process.env.HERO_E2E_KEEP) rmSync(root, { recursive: true, force: true });
		});
		return {
			root,
			userFolder,
			filesDir,
			runtime,
			env: n8nEnvironment,
			sandbox,
			n8n,
			rest,
			apiKey,
			postgres,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** @typedef {Awaited<ReturnType<typeof startStack>>} Stack */

/**
 * Starts the stack before a test file's tests and stops it after them.
 * @param {(stack: Stack) => void} ready called with the stack once it runs
 */
export function useStack(ready) {
	/** @type {Stack | undefined} */
	let stack;
	before(
		async () => {
			stack = await startStack();
			ready(stack);
		},
		{ timeout: 15 * 60_000 },
	);
	after(async () => {
		await stack?.stop();
	});
}

/**
 * Imports examples (by file name, or already-loaded workflow objects) ready for this n8n.
 * @param {Stack} stack @param {Array<string | Record<string, any>>} workflows
 */
export async function importExamples(stack, workflows) {
	const prepared = workflows.map((workflow) =>
		prepareWorkflow(typeof workflow === 'string' ? readExample(workflow) : workflow, {
			filesDir: stack.filesDir,
			credential: SANDBOX_CREDENTIAL,
		}),
	);
	return await importWorkflows(stack.runtime, stack.env, prepared);
}

/**
 * Runs a workflow with the CLI; on failure, throws with n8n's own error for the run.
 * @param {Stack} stack @param {string} id
 */
export async function runWorkflow(stack, id) {
	const result = await executeWorkflow(stack.runtime, stack.env, id);
	if (result.ok && !result.run?.data?.resultData?.error) return result.run;
	const latest = await executions(stack, id, true);
	const error = latest[0]?.data?.resultData?.error;
	throw new Error(
		`Workflow ${id} failed: ${error ? `${error.name}: ${error.message}` : 'see output'}\n${result.stdout.slice(-2000)}\n${result.stderr.slice(-1000)}`,
	);
}

export { nodeItems };

/**
 * Imports a workflow that starts from a Manual Trigger so that the n8n server runs it, as a user's
 * "Execute workflow" does: `n8n execute` (the CLI) does not load n8n's modules, so nodes such as
 * Data table only work in the server. The Manual Trigger becomes a Webhook trigger that answers
 * when the last node has run; the workflow is imported and activated. Run it with runInServer.
 * @param {Stack} stack @param {Record<string, any>} workflow
 * @returns {Promise<{ id: string, path: string }>}
 */
export async function importForServer(stack, workflow) {
	const { workflow: copy, path } = webhookStarted(workflow);
	const [id] = await importExamples(stack, [copy]);
	await activate(stack.n8n.url, stack.apiKey, id);
	if (!(await webhookIs(stack, path, true))) {
		throw new Error(`${copy.name}: its webhook was not registered`);
	}
	return { id, path };
}

/**
 * Waits until n8n has registered a POST webhook, or has removed it. Activation and deactivation go
 * through an outbox, so the API answers before the webhook changes. A GET to a registered POST
 * webhook answers 404 "…not registered for GET requests. Did you mean to make a POST request?";
 * to an unknown one, a 404 without that hint.
 * @param {Stack} stack @param {string} path @param {boolean} registered
 * @returns {Promise<boolean>} whether it got there in time
 */
export async function webhookIs(stack, path, registered) {
	return await waitFor(async () => {
		const response = await fetch(`${stack.n8n.url}/webhook/${path}`);
		const known = response.status !== 404 || /POST request/.test(await response.text());
		return known === registered;
	});
}

/**
 * Runs a workflow imported with importForServer once and answers its execution (with data), in the
 * shape nodeItems reads. Throws with n8n's error when the run failed.
 * @param {Stack} stack @param {{ id: string, path: string }} workflow
 */
export async function runInServer(stack, { id, path }) {
	const before = new Set((await executions(stack, id)).map((execution) => execution.id));
	const response = await fetch(`${stack.n8n.url}/webhook/${path}`, { method: 'POST' });
	const answer = await response.text();
	// n8n saves the execution right after it answers.
	const execution = await waitFor(async () => {
		const latest = (await executions(stack, id, true)).find((item) => !before.has(item.id));
		return latest?.finished || latest?.stoppedAt ? latest : undefined;
	});
	const error = execution?.data?.resultData?.error;
	if (!response.ok || !execution || error) {
		throw new Error(
			`Workflow ${id} failed: ${error ? `${error.name}: ${error.message}` : `webhook answered ${response.status} ${answer.slice(0, 500)}`}`,
		);
	}
	return execution;
}

/**
 * The executions of a workflow, newest first (public API).
 * @param {Stack} stack @param {string} workflowId @param {boolean} [includeData]
 * @returns {Promise<any[]>}
 */
export async function executions(stack, workflowId, includeData = false) {
	const answer = await publicApi(
		stack.n8n.url,
		stack.apiKey,
		'GET',
		`/executions?workflowId=${workflowId}&limit=250${includeData ? '&includeData=true' : ''}`,
	);
	if (answer.status !== 200) throw new Error(`GET executions → ${answer.status}`);
	return answer.body.data;
}

/**
 * Polls until `check` returns a truthy value or the time is up; answers the last value.
 * @template T
 * @param {() => Promise<T>} check @param {number} [timeoutMs]
 * @returns {Promise<T>}
 */
export async function waitFor(check, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value || Date.now() > deadline) return value;
		await sleep(250);
	}
}

/**
 * The sandbox's control API.
 * @param {Stack} stack @param {string} method @param {string} path @param {unknown} [body]
 */
export async function control(stack, method, path, body) {
	const response = await fetch(`${stack.sandbox.url}/__sandbox${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const answer = await response.json();
	if (!response.ok)
		throw new Error(`${method} /__sandbox${path} → ${response.status}: ${JSON.stringify(answer)}`);
	return answer;
}

/**
 * A call to the sandbox's Hero API with its key, as an outside party (not n8n) would make it.
 * @param {Stack} stack @param {string} method @param {string} path @param {unknown} [body]
 */
export async function heroApi(stack, method, path, body) {
	const response = await fetch(`${stack.sandbox.url}${path}`, {
		method,
		headers: {
			'x-api-key': stack.sandbox.apiKey,
			'x-practice-group-id': stack.sandbox.practiceGroupId,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const answer = await response.json().catch(() => undefined);
	if (!response.ok)
		throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(answer)}`);
	return answer;
}

/** Hero's webhook signature: hex HMAC-SHA256 of `${timestamp}.${body}`. @param {string} key @param {string} timestamp @param {string} body */
export function sign(key, timestamp, body) {
	return createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * Parses the CSV n8n's Convert to File writes (comma, double quotes, optional BOM).
 * @param {string} text @returns {Array<Record<string, string>>}
 */
export function parseCsv(text) {
	/** @type {string[][]} */
	const rows = [];
	let row = [];
	let cell = '';
	let quoted = false;
	const input = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < input.length; i++) {
		const char = input[i];
		if (quoted) {
			if (char === '"' && input[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (char === '"') quoted = false;
			else cell += char;
		} else if (char === '"') quoted = true;
		else if (char === ',') {
			row.push(cell);
			cell = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && input[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += char;
	}
	if (cell || row.length) {
		row.push(cell);
		rows.push(row);
	}
	const [header, ...body] = rows.filter((r) => r.length > 1 || r[0]);
	return body.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])));
}

/**
 * As the practice would: reserves a free slot for a patient through Hero's API (as an outside
 * party, not n8n), then confirms it in the sandbox, which sends Hero's appointment.confirmed event.
 * Answers the reservation. The default slot (type 31 with practitioner 22) no seeded appointment holds.
 * @param {Stack} stack @param {string} patientId
 * @param {{ appointmentTypeId?: string, practitionerId?: string, index?: number }} [slotOf]
 */
export async function reserveAndConfirm(
	stack,
	patientId,
	{ appointmentTypeId = '31', practitionerId = '22', index = 0 } = {},
) {
	const state = await control(stack, 'GET', '/state?slots=true');
	// The state lists every slot, taken or not: a test that books several passes the next index.
	const slot = state.slots.filter(
		(/** @type {any} */ item) =>
			item.appointment_type_id === appointmentTypeId && item.practitioner_id === practitionerId,
	)[index];
	const reserved = await heroApi(stack, 'POST', '/v1/appointments', {
		appointment_type_id: slot.appointment_type_id,
		location_id: slot.location_id,
		practitioner_id: slot.practitioner_id,
		start_time: slot.start_time,
		duration: slot.duration,
		patient_id: patientId,
	});
	await control(stack, 'POST', `/appointments/${reserved.id}/confirm`);
	return reserved;
}

// -------------------------------------------------------------------------------------------------
// The Hero Health Trigger: its webhooks at Hero, signed deliveries and the runs they start.
// The stack may be the queue suite's (its fields are the same).

/** The Hero Health Trigger node of a workflow. @param {Record<string, any>} workflow */
export function triggerNode(workflow) {
	return workflow.nodes.find((/** @type {any} */ node) => node.type.endsWith('.heroHealthTrigger'));
}

/** The production URL n8n serves a trigger's webhook at. @param {string} base @param {string} webhookId */
export function triggerUrl(base, webhookId) {
	return `${base}/webhook/${webhookId}/webhook`;
}

/**
 * Resets the sandbox, imports the workflow and adds someone else's webhook for the trigger's first
 * event in the same practice group (deactivation must leave it alone).
 * @param {Stack} stack @param {Record<string, any>} workflow
 * @returns {Promise<{ workflowId: string, foreignId: string }>}
 */
export async function importTrigger(stack, workflow) {
	stack.sandbox.reset();
	const [workflowId] = await importExamples(stack, [workflow]);
	const foreign = await heroApi(stack, 'POST', '/v1/webhooks', {
		url: 'http://127.0.0.1:9/someone-else',
		event_type: triggerNode(workflow).parameters.events[0],
		description: 'another integration',
	});
	return { workflowId, foreignId: String(foreign.id) };
}

/** The ids of all webhooks at Hero (the sandbox). @param {Stack} stack @returns {Promise<string[]>} */
export async function webhookIds(stack) {
	const state = await control(stack, 'GET', '/state');
	return state.webhooks.map((/** @type {any} */ hook) => String(hook.id));
}

/** The webhooks at Hero whose URL starts with `url`. @param {Stack} stack @param {string} url */
export async function webhooksAt(stack, url) {
	const state = await control(stack, 'GET', '/state');
	return state.webhooks.filter((/** @type {any} */ hook) => String(hook.url).startsWith(url));
}

/**
 * n8n 2.41 activates and deactivates through an outbox: the public API answers before the
 * trigger's create()/delete() ran. Waits until the webhooks at `url` are `expected` (how many, or
 * which events), then checks that they stay so for `quietMs`.
 * @param {Stack} stack @param {string} url @param {number | string[]} expected
 * @param {{ timeoutMs?: number, quietMs?: number }} [options]
 */
export async function settleWebhooks(stack, url, expected, { timeoutMs, quietMs = 500 } = {}) {
	const wanted = typeof expected === 'number' ? expected : JSON.stringify([...expected].sort());
	/** @param {any[]} hooks */
	const got = (hooks) =>
		typeof expected === 'number'
			? hooks.length
			: JSON.stringify(hooks.map((hook) => hook.event_type).sort());
	const matches = async () => {
		const hooks = await webhooksAt(stack, url);
		return got(hooks) === wanted ? hooks : undefined;
	};
	await waitFor(matches, timeoutMs);
	await sleep(quietMs);
	const hooks = await matches();
	assert.ok(hooks, `webhooks at ${url} settle at ${wanted}: ${got(await webhooksAt(stack, url))}`);
	return hooks;
}

/** What the sandbox delivered to `url` (body, headers, status). @param {Stack} stack @param {string} url */
export async function deliveriesTo(stack, url) {
	const { data } = await control(stack, 'GET', '/deliveries');
	return data.filter((/** @type {any} */ delivery) => delivery.url === url);
}

/** Hero's headers for a signed delivery. @param {string} key @param {string} timestamp @param {string} body */
export function signedHeaders(key, timestamp, body) {
	return {
		'x-herohealth-timestamp': timestamp,
		'x-herohealth-signature': sign(key, timestamp, body),
	};
}

/**
 * POSTs a delivery to a trigger's URL, as Hero (or someone else) would; answers the status.
 * @param {string} url @param {{ headers?: Record<string, string>, body: string }} delivery
 */
export async function deliver(url, { headers = {}, body }) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	await response.arrayBuffer();
	return response.status;
}

/**
 * Deliveries of an appointment.confirmed event that the trigger must refuse: signed with a key
 * guessed, unsigned, a signature that is none, and signed with the real key but changed in transit.
 * @param {string} signingKey the key the trigger registered
 */
export function forgedDeliveries(signingKey) {
	const body = JSON.stringify({
		object: 'Appointment',
		id: '40001',
		practice_group_id: '731',
		event: 'appointment.confirmed',
	});
	const timestamp = String(Math.floor(Date.now() / 1000));
	return [
		{ label: 'a guessed key', headers: signedHeaders('a-key-we-guessed', timestamp, body), body },
		{ label: 'unsigned', headers: {}, body },
		{
			label: 'not a signature',
			headers: { 'x-herohealth-timestamp': timestamp, 'x-herohealth-signature': 'deadbeef' },
			body,
		},
		{
			label: 'body changed in transit',
			headers: signedHeaders(signingKey, timestamp, body),
			body: body.replace('40001', '40002'),
		},
	];
}

/**
 * Waits until the workflow has at least `count` executions, all finished; answers them (newest
 * first) or undefined when the time is up.
 * @param {Stack} stack @param {string} workflowId @param {number} count @param {number} [timeoutMs]
 */
export async function waitForRuns(stack, workflowId, count, timeoutMs) {
	return await waitFor(async () => {
		const list = await executions(stack, workflowId);
		return list.length >= count && list.every((run) => run.finished || run.status !== 'running')
			? list
			: undefined;
	}, timeoutMs);
}
