// @ts-check
// One real n8n 2.41.1 (with this package built and loaded) and one sandbox for the whole e2e suite.
// Not a test file itself: n8n.test.mjs imports it.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
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
} from '../../scripts/n8n-runtime.mjs';

/** @param {number} ms */
export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Seconds since `t0`, one decimal. @param {number} t0 */
const since = (t0) => ((Date.now() - t0) / 1000).toFixed(1);

/**
 * Starts the stack: build, sandbox, n8n, owner + API key, the sandbox credential.
 * @param {{ log?: (line: string) => void }} [options]
 */
export async function startStack({ log = (line) => console.log(`# ${line}`) } = {}) {
	const t0 = Date.now();
	const root = mkdtempSync(join(tmpdir(), 'hero-e2e-'));
	const userFolder = join(root, 'n8n');
	const filesDir = join(root, 'files');
	/** @type {Array<() => Promise<void> | void>} */
	const cleanups = [];
	const stop = async () => {
		for (const cleanup of cleanups.reverse()) {
			try {
				await cleanup();
			} catch {
				// best effort
			}
		}
	};
	try {
		const runtime = await ensureRuntime();
		log(`runtime ready (${since(t0)} s)`);
		const extensions = buildPackage({ into: join(root, 'package-dist') });
		log(`package built (${since(t0)} s)`);

		const { startSandbox } = await loadSandbox();
		const sandbox = await startSandbox({ port: 0 });
		cleanups.push(() => sandbox.stop());
		copyExampleData(filesDir);

		const n8n = await startN8n({ userFolder, filesDir, extensions, runtime });
		cleanups.push(() => n8n.stop());
		log(`n8n ${n8n.url} ready (${since(t0)} s); log ${n8n.log}`);

		const { rest, apiKey } = await setupOwner(n8n.url);
		if (!apiKey) throw new Error('no API key');
		const env = n8nEnv(runtime, { userFolder, filesDir, extensions });
		await importCredential(runtime, env, sandboxCredential(sandbox));
		log(`owner, API key and credential ready (${since(t0)} s)`);

		cleanups.push(() => {
			if (!process.env.HERO_E2E_KEEP) rmSync(root, { recursive: true, force: true });
		});
		return { root, userFolder, filesDir, runtime, env, sandbox, n8n, rest, apiKey, stop };
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
	const copy = structuredClone(workflow);
	const trigger = copy.nodes.find(
		(/** @type {any} */ node) => node.type === 'n8n-nodes-base.manualTrigger',
	);
	if (!trigger) throw new Error(`${copy.name}: no Manual Trigger`);
	const path = `run-${randomBytes(6).toString('hex')}`;
	Object.assign(trigger, {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'noData' },
	});
	const [id] = await importExamples(stack, [copy]);
	await activate(stack.n8n.url, stack.apiKey, id);
	// Activation goes through an outbox: wait until n8n knows the webhook (a GET to a POST webhook
	// then answers 404 "…not registered for GET requests. Did you mean to make a POST request?").
	const ready = await waitFor(async () => {
		const response = await fetch(`${stack.n8n.url}/webhook/${path}`);
		return response.status !== 404 || /POST request/.test(await response.text());
	});
	if (!ready) throw new Error(`${copy.name}: its webhook was not registered`);
	return { id, path };
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
 * @param {{ appointmentTypeId?: string, practitionerId?: string }} [slotOf]
 */
export async function reserveAndConfirm(
	stack,
	patientId,
	{ appointmentTypeId = '31', practitionerId = '22' } = {},
) {
	const state = await control(stack, 'GET', '/state?slots=true');
	const slot = state.slots.find(
		(/** @type {any} */ item) =>
			item.appointment_type_id === appointmentTypeId && item.practitioner_id === practitionerId,
	);
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
