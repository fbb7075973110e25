// @ts-check
// `npm run bench`: campaign throughput of the Hero Health node in a real n8n 2.41.1, against the
// local Hero sandbox with 20 ms latency, compared in the same run with n8n's HTTP Request node, a
// plain Node.js HTTP loop and a No Operation node (n8n's fixed cost). Then a rate-limit scenario.
// It prints its figures (and pass/fail against the targets); it is not a timed test.
//
// Every n8n variant gets its own `n8n start` process (same user folder), so that its CPU time and
// peak memory are its own: warm-up run, then BENCH_RUNS measured runs, medians reported.
// Each run: Webhook (responds when the last node finishes) → Code (BENCH_ROWS rows) → the node.
//
// Environment (all optional):
//   BENCH_ROWS=2000          rows per campaign run
//   BENCH_RUNS=3             measured runs per variant (medians)
//   BENCH_LATENCY_MS=20      sandbox latency
//   BENCH_RATE=50            sandbox rate limit (requests/s) of the rate-limit scenario
//   BENCH_RATE_ROWS=1000     rows of the rate-limit scenario
//   BENCH_VARIANTS=a,b       only these variants (names as printed; the NoOp always runs)
//   BENCH_EXTENSIONS=DIR     an extra build of the package (e.g. a prototype) to run as "proto-c5"
//                            and "proto-c10" beside the current one
//   BENCH_PROFILE=1          also write V8 CPU profiles of the n8n process for our node and the
//                            NoOp, and print where our node's CPU goes (see profileReport below);
//                            the profiler slows n8n down: take the table's figures from a run
//                            without it
//   BENCH_N8N_ENV='{"N8N_EXPRESSION_ENGINE":"legacy"}'  extra environment for n8n (JSON)
//   BENCH_KEEP=1             keep the temporary folder (n8n user folder, logs, profiles)
//   BENCH_JSON=FILE          also write the figures as JSON
//   BENCH_LARGE_ROWS=20000   rows of the large-campaign run (one execution, saved and not saved;
//                            scripts/bench-large.mjs); 0 skips it
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	createWriteStream,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { LARGE_CONCURRENCY, LARGE_ROWS, largeCampaign, printLarge } from './bench-large.mjs';
import {
	NODE_TYPES,
	REPO_ROOT,
	buildPackage,
	ensureRuntime,
	importWorkflows,
	n8nCliAsync,
	n8nEnv,
	newId,
	publicApi,
	setupOwner,
	startN8n,
} from './n8n-runtime.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const RATE_ROWS = Number(process.env.BENCH_RATE_ROWS ?? 1000);
const ONLY = process.env.BENCH_VARIANTS ? process.env.BENCH_VARIANTS.split(',') : undefined;
const PROFILE = process.env.BENCH_PROFILE === '1';
const EXTRA_EXTENSIONS = process.env.BENCH_EXTENSIONS;
/** @type {Record<string, string>} */
const N8N_EXTRA_ENV = JSON.parse(process.env.BENCH_N8N_ENV || '{}');
/** Patients of the sandbox's seed with a mobile number (1019 has none). */
const PATIENTS = Array.from({ length: 18 }, (_, i) => String(1001 + i));
const CLK_TCK = 100;

const started = Date.now();
/** @param {string} message */
const say = (message) =>
	console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
/** @param {number} ms */
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
/** The monotonic clock V8's CPU profiles use, in microseconds. */
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
/** @param {number[]} values */
const median = (values) => {
	const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ------------------------------------------------------------------------------------------------
// /proc readings of the n8n process

/** CPU seconds (user + system) of a process. @param {number} pid */
function cpuSeconds(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// fields[0] is field 3 (state): utime is field 14, stime field 15
	return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** A line of /proc/<pid>/status in MB. @param {number} pid @param {string} name */
function statusMb(pid, name) {
	const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(
		readFileSync(`/proc/${pid}/status`, 'utf8'),
	);
	return match ? Number(match[1]) / 1024 : NaN;
}

/** Resets the peak RSS (VmHWM) to the current RSS (Linux ≥ 4.0). @param {number} pid */
function resetPeak(pid) {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

// ------------------------------------------------------------------------------------------------
// The sandbox, in its own process so that it does not share a core with the plain loop

/**
 * @param {string} logFile
 * @returns {Promise<{ url: string, apiKey: string, practiceGroupId: string, pid: number, stop: () => Promise<void> }>}
 */
async function startSandboxProcess(logFile) {
	const child = spawn(
		process.execPath,
		[join(REPO_ROOT, 'sandbox', 'cli.mjs'), '--port', '0', '--latency', String(LATENCY_MS)],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const log = createWriteStream(logFile);
	const lines = createInterface({
		input: /** @type {import('node:stream').Readable} */ (child.stdout),
	});
	const first = await new Promise((done, fail) => {
		child.once('exit', (code) => fail(new Error(`the sandbox exited (${code})`)));
		lines.once('line', (line) => done(JSON.parse(line)));
	});
	lines.on('line', (line) => log.write(`${line}\n`));
	const exited = new Promise((done) => child.once('exit', done));
	return {
		...first,
		pid: /** @type {number} */ (child.pid),
		stop: async () => {
			child.kill('SIGTERM');
			await exited;
			await new Promise((done) => log.end(done));
		},
	};
}

/** @param {string} base @param {string} method @param {string} path @param {unknown} [body] */
async function control(base, method, path, body) {
	const response = await fetch(`${base}/__sandbox${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${method} /__sandbox${path} → ${response.status}`);
	return await response.json();
}

/**
 * Counts the campaign's messages in the sandbox: rows missing and rows sent more than once.
 * @param {string} base @param {string} runId @param {number} rows
 */
async function campaignCounts(base, runId, rows) {
	const state = await control(base, 'GET', '/state');
	const prefix = `Bench ${runId} row `;
	/** @type {Map<number, number>} */
	const seen = new Map();
	for (const message of state.messages ?? []) {
		const content = String(message.content ?? '');
		if (!content.startsWith(prefix)) continue;
		const row = Number(content.slice(prefix.length));
		seen.set(row, (seen.get(row) ?? 0) + 1);
	}
	let duplicated = 0;
	for (const count of seen.values()) duplicated += count - 1;
	let lost = 0;
	for (let row = 0; row < rows; row++) if (!seen.has(row)) lost++;
	return { sent: seen.size, lost, duplicated };
}

// ------------------------------------------------------------------------------------------------
// Workflows

/** @param {string} name @param {Record<string, unknown>} target */
function campaignWorkflow(name, target) {
	const path = `bench-${name}-${randomBytes(3).toString('hex')}`;
	return {
		id: newId(),
		name: `bench ${name}`,
		path,
		nodes: [
			{
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'noData',
					options: {},
				},
				id: randomBytes(8).toString('hex'),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomBytes(16).toString('hex'),
			},
			{
				parameters: {
					jsCode: [
						"const { rows = 10, runId = 'x' } = $('Webhook').first().json.body;",
						`const patients = ${JSON.stringify(PATIENTS)};`,
						'const out = [];',
						'for (let i = 0; i < rows; i++) {',
						'  out.push({ json: { row: i, patientId: patients[i % patients.length], text: `Bench ${runId} row ${i}` } });',
						'}',
						'return out;',
					].join('\n'),
				},
				id: randomBytes(8).toString('hex'),
				name: 'Rows',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
			},
			{ id: randomBytes(8).toString('hex'), name: 'Target', position: [400, 0], ...target },
		],
		connections: {
			Webhook: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Target', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

const HERO_CREDENTIAL = { id: 'BenchHeroCred001', name: 'Hero sandbox (bench)' };
const HEADER_CREDENTIAL = { id: 'BenchHeaderCred1', name: 'Hero API key header (bench)' };

/** @param {number} concurrency */
function heroTarget(concurrency) {
	return {
		type: NODE_TYPES.action,
		typeVersion: 1,
		parameters: {
			resource: 'message',
			operation: 'send',
			patientId: { __rl: true, mode: 'id', value: '={{ $json.patientId }}' },
			messageType: 'sms',
			messageText: '={{ $json.text }}',
			additionalFields: {},
			requestOptions: { concurrency },
		},
		credentials: { heroHealthApi: HERO_CREDENTIAL },
	};
}

/** @param {string} sandboxUrl @param {string} practiceGroupId @param {number} [batchSize] */
function httpTarget(sandboxUrl, practiceGroupId, batchSize) {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/v1/messages/send`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'x-practice-group-id', value: practiceGroupId }] },
			sendBody: true,
			bodyParameters: {
				parameters: [
					{ name: 'patient_id', value: '={{ $json.patientId }}' },
					{ name: 'message_type', value: 'sms' },
					{ name: 'message_string', value: '={{ $json.text }}' },
				],
			},
			options: batchSize ? { batching: { batch: { batchSize, batchInterval: 1 } } } : {},
		},
		credentials: { httpHeaderAuth: HEADER_CREDENTIAL },
	};
}

const NOOP_TARGET = { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };

// ------------------------------------------------------------------------------------------------
// Running a campaign through n8n

/**
 * @typedef {{ wall: number, window: [number, number], nodeMs: number, cpu: number, maxInFlight: number, sent: number,
 *   lost: number, duplicated: number, outputs: number, errors: number, rateLimited: number,
 *   received: number, outputText: string }} RunResult
 */

/**
 * One campaign run: triggers the webhook, waits for the answer (the run has finished), reads the
 * n8n process's CPU, then the execution and the sandbox's counters.
 * @param {{ n8n: { url: string, pid: number }, apiKey: string, sandbox: { url: string },
 *   workflow: { id: string, path: string }, rows: number, sandboxConfig?: Record<string, unknown> }} options
 * @returns {Promise<RunResult>}
 */
async function runCampaign({ n8n, apiKey, sandbox, workflow, rows, sandboxConfig }) {
	await control(sandbox.url, 'POST', '/reset');
	if (sandboxConfig) await control(sandbox.url, 'POST', '/config', sandboxConfig);
	const runId = randomBytes(4).toString('hex');
	await sleep(200);
	const cpu0 = cpuSeconds(n8n.pid);
	const from = monotonicMicros();
	const t0 = performance.now();
	const response = await fetch(`${n8n.url}/webhook/${workflow.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ rows, runId }),
	});
	await response.text();
	const wall = (performance.now() - t0) / 1000;
	if (!response.ok) throw new Error(`webhook ${workflow.path} → ${response.status}`);
	// n8n saves the execution right after it answers: give it the same short time in every run
	await sleep(300);
	const cpu = cpuSeconds(n8n.pid) - cpu0;
	/** @type {[number, number]} */
	const window = [from, monotonicMicros()];
	const counters = await control(sandbox.url, 'GET', '/counters');
	const counts = await campaignCounts(sandbox.url, runId, rows);
	const answer = await publicApi(
		n8n.url,
		apiKey,
		'GET',
		`/executions?workflowId=${workflow.id}&limit=1&includeData=true`,
	);
	const execution = answer.body?.data?.[0];
	const task = execution?.data?.resultData?.runData?.Target?.[0];
	const items = task?.data?.main?.[0] ?? [];
	return {
		wall,
		window,
		nodeMs: Number(task?.executionTime ?? NaN),
		cpu,
		maxInFlight: counters.maxInFlight,
		received: counters.received,
		rateLimited: counters.rateLimited,
		...counts,
		outputs: items.length,
		errors: items.filter((/** @type {any} */ item) => item.json?.error !== undefined).length,
		outputText: JSON.stringify(items.slice(0, 50)),
	};
}

/**
 * Starts n8n for one variant, warms up, runs it `runs` times.
 * @param {{ label: string, start: (extra?: Record<string, string>) => ReturnType<typeof startN8n>,
 *   apiKey: () => string, sandbox: { url: string }, workflow: { id: string, path: string },
 *   runs: number, rows: number, sandboxConfig?: Record<string, unknown>, profileDir?: string }} options
 */
async function runVariant({
	label,
	start,
	apiKey,
	sandbox,
	workflow,
	runs,
	rows,
	sandboxConfig,
	profileDir,
}) {
	const extra = profileDir
		? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir} --cpu-prof-interval=200` }
		: undefined;
	const n8n = await start(extra);
	try {
		const baselineMb = statusMb(n8n.pid, 'VmRSS');
		await runCampaign({ n8n, apiKey: apiKey(), sandbox, workflow, rows: Math.min(rows, 400) });
		const idleCpu0 = cpuSeconds(n8n.pid);
		await sleep(2000);
		const idleCpuPerSecond = (cpuSeconds(n8n.pid) - idleCpu0) / 2;
		const peakReset = resetPeak(n8n.pid);
		const rssBeforeMb = statusMb(n8n.pid, 'VmRSS');
		/** @type {RunResult[]} */
		const results = [];
		for (let run = 0; run < runs; run++) {
			const result = await runCampaign({
				n8n,
				apiKey: apiKey(),
				sandbox,
				workflow,
				rows,
				sandboxConfig,
			});
			say(
				`${label} run ${run + 1}/${runs}: ${result.wall.toFixed(2)} s, node ${(result.nodeMs / 1000).toFixed(2)} s, ` +
					`CPU ${result.cpu.toFixed(2)} s, in flight ≤ ${result.maxInFlight}, sent ${result.sent}, ` +
					`lost ${result.lost}, duplicated ${result.duplicated}, errors ${result.errors}`,
			);
			results.push(result);
		}
		return {
			results,
			peakMb: statusMb(n8n.pid, 'VmHWM'),
			peakReset,
			baselineMb,
			rssBeforeMb,
			idleCpuPerSecond,
			pid: n8n.pid,
		};
	} finally {
		await n8n.stop();
	}
}

// ------------------------------------------------------------------------------------------------
// The plain Node.js loop

/**
 * POSTs `rows` messages with keep-alive at a fixed concurrency, as a lean client would.
 * @param {{ url: string, apiKey: string, practiceGroupId: string }} sandbox @param {number} concurrency @param {number} rows
 */
async function plainLoop(sandbox, concurrency, rows) {
	await control(sandbox.url, 'POST', '/reset');
	const runId = randomBytes(4).toString('hex');
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const target = new URL(`${sandbox.url}/v1/messages/send`);
	/** @param {number} row @returns {Promise<number>} */
	const send = (row) =>
		new Promise((done, fail) => {
			const body = JSON.stringify({
				patient_id: PATIENTS[row % PATIENTS.length],
				message_type: 'sms',
				message_string: `Bench ${runId} row ${row}`,
			});
			const request = http.request(
				target,
				{
					method: 'POST',
					agent,
					headers: {
						'content-type': 'application/json',
						'content-length': Buffer.byteLength(body),
						'x-api-key': sandbox.apiKey,
						'x-practice-group-id': sandbox.practiceGroupId,
					},
				},
				(response) => {
					let text = '';
					response.setEncoding('utf8');
					response.on('data', (chunk) => (text += chunk));
					response.on('end', () => {
						JSON.parse(text);
						done(response.statusCode ?? 0);
					});
				},
			);
			request.on('error', fail);
			request.end(body);
		});
	let next = 0;
	let failed = 0;
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < rows) {
				const status = await send(next++);
				if (status !== 200) failed++;
			}
		}),
	);
	const wall = (performance.now() - t0) / 1000;
	const cpuUsage = process.cpuUsage(cpu0);
	agent.destroy();
	const counters = await control(sandbox.url, 'GET', '/counters');
	const counts = await campaignCounts(sandbox.url, runId, rows);
	return {
		wall,
		cpu: (cpuUsage.user + cpuUsage.system) / 1e6,
		maxInFlight: counters.maxInFlight,
		failed,
		...counts,
	};
}

// ------------------------------------------------------------------------------------------------
// CPU profiles (BENCH_PROFILE=1)
//
// n8n runs with --cpu-prof; only the samples taken during the measured runs count (V8's sample
// times and process.hrtime() read the same monotonic clock). Each sample goes to one category, by
// the frames on its stack, checked in this order.

/**
 * @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number },
 *   children?: number[] }} ProfileNode
 * @typedef {Array<[number, number]>} Windows monotonic microseconds
 */

/** @type {Array<[string, (frames: string[]) => boolean]>} */
const CATEGORIES = [
	['(idle)', (f) => f[0].startsWith('(idle)')],
	['garbage collector', (f) => f[0].startsWith('(garbage collector)')],
	[
		'credential headers: authenticate()',
		(f) => f.some((x) => /^authenticate .*n8n\/dist\/credentials-helper/.test(x)),
	],
	[
		'getCredentials()',
		(f) => f.some((x) => /^(getCredentials|_getCredentials|getDecrypted) /.test(x)),
	],
	[
		'getNodeParameter(): expressions',
		(f) =>
			f.some((x) => /^_getNodeParameter /.test(x)) &&
			f.some((x) =>
				/expression-runtime|workflow-expression|n8n-workflow\/dist\/cjs\/expression/.test(x),
			),
	],
	['getNodeParameter(): other', (f) => f.some((x) => /^_getNodeParameter /.test(x))],
	[
		'HTTP client (n8n backend-network, axios, node:http/net)',
		(f) =>
			f.some((x) =>
				/@n8n\/backend-network|axios|follow-redirects|node:_http|node:net|node:dns|node:internal\/(net|dns)|^(writev|writeBuffer|writeUtf8String|read|close|connect) :/.test(
					x,
				),
			),
	],
	['our node (own code)', (f) => /herohealth\//.test(f[0])],
	['called by our node (other)', (f) => f.some((x) => /herohealth\//.test(x))],
	[
		'expressions (other callers)',
		(f) => f.some((x) => /expression-runtime|n8n-workflow\/dist\/cjs\/expression/.test(x)),
	],
	['n8n engine and the rest', () => true],
];

/**
 * CPU time of a profile within the windows, by category and by function (self and inclusive).
 * @param {string} file @param {Windows} windows
 */
function readProfile(file, windows) {
	/** @type {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[], startTime: number }} */
	const profile = JSON.parse(readFileSync(file, 'utf8'));
	/** @type {Map<number, ProfileNode>} */
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	/** @type {Map<number, number>} */
	const parent = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	/** @param {ProfileNode} node */
	const key = (node) => {
		const { functionName, url, lineNumber } = node.callFrame;
		const short = url
			.replace(/^.*node_modules\//, '')
			.replace(/^file:\/\/.*?\/(package-)?dist\//, 'herohealth/');
		return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
	};
	/** @type {Map<number, number>} micros per leaf node within the windows */
	const microsByNode = new Map();
	let at = profile.startTime;
	for (let i = 0; i < profile.samples.length; i++) {
		at += profile.timeDeltas[i] ?? 0;
		const delta = profile.timeDeltas[i + 1] ?? 0;
		if (!windows.some(([from, to]) => at >= from && at < to)) continue;
		microsByNode.set(profile.samples[i], (microsByNode.get(profile.samples[i]) ?? 0) + delta);
	}
	/** @type {Map<string, number>} */
	const self = new Map();
	/** @type {Map<string, number>} */
	const inclusive = new Map();
	/** @type {Map<string, number>} */
	const categories = new Map(CATEGORIES.map(([name]) => [name, 0]));
	let busy = 0;
	for (const [id, micros] of microsByNode) {
		/** @type {string[]} leaf first */
		const frames = [];
		for (let n = /** @type {number | undefined} */ (id); n !== undefined; n = parent.get(n)) {
			frames.push(key(/** @type {ProfileNode} */ (byId.get(n))));
		}
		const category = /** @type {[string, any]} */ (CATEGORIES.find(([, test]) => test(frames)))[0];
		categories.set(category, (categories.get(category) ?? 0) + micros);
		if (category !== '(idle)') busy += micros;
		self.set(frames[0], (self.get(frames[0]) ?? 0) + micros);
		for (const name of new Set(frames)) inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
	}
	return { self, inclusive, categories, busy };
}

/**
 * Prints where the n8n process's CPU goes during the measured runs: by category, and the
 * functions with the most time, ours minus the NoOp's, in ms per item.
 * @param {string} label
 * @param {{ file: string, windows: Windows }} ours @param {{ file: string, windows: Windows }} noop
 * @param {number} items items in the windows of each
 */
function profileReport(label, ours, noop, items) {
	const a = readProfile(ours.file, ours.windows);
	const b = readProfile(noop.file, noop.windows);
	const perItem = (/** @type {number} */ micros) => (micros / 1000 / items).toFixed(3);
	console.log(
		`\nCPU profile of the n8n main thread during the measured runs: ${label} vs NoOp (ms per item, ${items} items)`,
	);
	console.log(
		`  ${'busy (not idle)'.padEnd(58)} ${perItem(a.busy).padStart(7)} ${perItem(b.busy).padStart(7)} ${perItem(a.busy - b.busy).padStart(7)}`,
	);
	console.log(
		`  ${''.padEnd(58)} ${'ours'.padStart(7)} ${'NoOp'.padStart(7)} ${'diff'.padStart(7)}`,
	);
	for (const [name] of CATEGORIES) {
		if (name === '(idle)') continue;
		const x = a.categories.get(name) ?? 0;
		const y = b.categories.get(name) ?? 0;
		console.log(
			`  ${name.padEnd(58)} ${perItem(x).padStart(7)} ${perItem(y).padStart(7)} ${perItem(x - y).padStart(7)}`,
		);
	}
	/** @param {Map<string, number>} x @param {Map<string, number>} y @param {number} count */
	const top = (x, y, count) =>
		[...x]
			.filter(([name]) => !/^\((root|program|idle)\)/.test(name))
			.map(
				([name, micros]) => /** @type {[string, number]} */ ([name, micros - (y.get(name) ?? 0)]),
			)
			.sort((p, q) => q[1] - p[1])
			.slice(0, count);
	console.log('\n  Self time, ours minus NoOp:');
	for (const [name, micros] of top(a.self, b.self, 20))
		console.log(`  ${perItem(micros).padStart(8)}  ${name}`);
	console.log('\n  Inclusive time (synchronous stacks), ours minus NoOp:');
	for (const [name, micros] of top(a.inclusive, b.inclusive, 30))
		console.log(`  ${perItem(micros).padStart(8)}  ${name}`);
}

/** The main process's profile in a folder (the largest; task runners write their own). @param {string} dir */
function mainProfile(dir) {
	const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
	if (!files.length) throw new Error(`no CPU profile in ${dir}`);
	return files
		.map((name) => join(dir, name))
		.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
}

// ------------------------------------------------------------------------------------------------

/** @param {number} value @param {number} [digits] */
const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

async function main() {
	const root = mkdtempSync(join(tmpdir(), 'hero-bench-'));
	say(
		`rows ${ROWS}, runs ${RUNS}, latency ${LATENCY_MS} ms, rate limit ${RATE}/s for ${RATE_ROWS} rows; folder ${root}`,
	);
	/** @type {Array<() => Promise<void>>} */
	const cleanups = [];
	try {
		const runtime = await ensureRuntime();
		const extensions = buildPackage({ into: join(root, 'package-dist') });
		const sandbox = await startSandboxProcess(join(root, 'sandbox.log'));
		cleanups.push(() => sandbox.stop());
		say(`sandbox ${sandbox.url} (pid ${sandbox.pid})`);

		const userFolder = join(root, 'n8n');
		const filesDir = join(root, 'files');
		mkdirSync(filesDir, { recursive: true });
		const env = n8nEnv(runtime, { userFolder, filesDir, extensions });
		// Both credentials in one CLI call (each n8n command takes seconds to boot).
		const credentialsFile = join(root, 'credentials.json');
		writeFileSync(
			credentialsFile,
			JSON.stringify([
				{
					...HERO_CREDENTIAL,
					type: 'heroHealthApi',
					data: {
						apiKey: sandbox.apiKey,
						practiceGroupId: sandbox.practiceGroupId,
						environment: 'custom',
						baseUrl: sandbox.url,
					},
				},
				{
					...HEADER_CREDENTIAL,
					type: 'httpHeaderAuth',
					data: { name: 'x-api-key', value: sandbox.apiKey },
				},
			]),
		);
		const imported = await n8nCliAsync(
			runtime,
			['import:credentials', `--input=${credentialsFile}`],
			env,
		);
		if (imported.status !== 0)
			throw new Error(`import:credentials failed:\n${imported.stdout}\n${imported.stderr}`);

		/** @type {Array<{ name: string, kind: 'noop' | 'hero' | 'http' | 'proto', concurrency?: number, workflow: ReturnType<typeof campaignWorkflow> }>} */
		const variants = [
			{ name: 'noop', kind: 'noop', workflow: campaignWorkflow('noop', NOOP_TARGET) },
			{
				name: 'hero-c5',
				kind: 'hero',
				concurrency: 5,
				workflow: campaignWorkflow('hero-c5', heroTarget(5)),
			},
			{
				name: 'hero-c10',
				kind: 'hero',
				concurrency: 10,
				workflow: campaignWorkflow('hero-c10', heroTarget(10)),
			},
			{
				name: 'http-default',
				kind: 'http',
				workflow: campaignWorkflow(
					'http-default',
					httpTarget(sandbox.url, sandbox.practiceGroupId),
				),
			},
			{
				name: 'http-batch5',
				kind: 'http',
				workflow: campaignWorkflow(
					'http-batch5',
					httpTarget(sandbox.url, sandbox.practiceGroupId, 5),
				),
			},
			{
				name: 'http-batch10',
				kind: 'http',
				workflow: campaignWorkflow(
					'http-batch10',
					httpTarget(sandbox.url, sandbox.practiceGroupId, 10),
				),
			},
		];
		if (EXTRA_EXTENSIONS) {
			variants.push(
				{
					name: 'proto-c5',
					kind: 'proto',
					concurrency: 5,
					workflow: campaignWorkflow('proto-c5', heroTarget(5)),
				},
				{
					name: 'proto-c10',
					kind: 'proto',
					concurrency: 10,
					workflow: campaignWorkflow('proto-c10', heroTarget(10)),
				},
			);
		}
		const rateWorkflow = campaignWorkflow('rate-limit', heroTarget(5));
		const largeWorkflow = campaignWorkflow('large', heroTarget(LARGE_CONCURRENCY));
		const selected = variants.filter((v) => v.name === 'noop' || !ONLY || ONLY.includes(v.name));
		await importWorkflows(
			runtime,
			env,
			[...variants, { workflow: rateWorkflow }, { workflow: largeWorkflow }].map((v) => v.workflow),
		);
		say('credentials and workflows imported');

		let apiKey = '';
		/** @param {string | undefined} dir @returns {(extra?: Record<string, string>) => ReturnType<typeof startN8n>} */
		const starter = (dir) => async (extra) => {
			const n8n = await startN8n({
				userFolder,
				filesDir,
				extensions: dir ?? extensions,
				runtime,
				env: { ...N8N_EXTRA_ENV, ...extra },
				log: join(root, 'n8n.log'),
			});
			if (!apiKey) {
				const owner = await setupOwner(n8n.url);
				apiKey = /** @type {string} */ (owner.apiKey);
				for (const { workflow } of [
					...variants,
					{ workflow: rateWorkflow },
					{ workflow: largeWorkflow },
				]) {
					const answer = await publicApi(
						n8n.url,
						apiKey,
						'POST',
						`/workflows/${workflow.id}/activate`,
					);
					if (answer.status !== 200)
						throw new Error(
							`activate ${workflow.name} → ${answer.status}: ${JSON.stringify(answer.body)}`,
						);
				}
			}
			return n8n;
		};

		/** @type {Record<string, any>} */
		const figures = {};
		/** @type {Record<string, string>} */
		const profiles = {};
		for (const variant of selected) {
			say(`${variant.name}: starting n8n`);
			const profileDir =
				PROFILE &&
				(variant.name === 'noop' || variant.name === 'hero-c10' || variant.name === 'proto-c10')
					? join(root, `profile-${variant.name}`)
					: undefined;
			if (profileDir) mkdirSync(profileDir, { recursive: true });
			const outcome = await runVariant({
				label: variant.name,
				start: starter(variant.kind === 'proto' ? EXTRA_EXTENSIONS : undefined),
				apiKey: () => apiKey,
				sandbox,
				workflow: variant.workflow,
				runs: RUNS,
				rows: ROWS,
				profileDir,
			});
			figures[variant.name] = { ...variant, ...outcome };
			if (profileDir) profiles[variant.name] = mainProfile(profileDir);
		}

		/** @type {Record<string, any>} */
		const plain = {};
		for (const concurrency of [5, 10]) {
			/** @type {any[]} */
			const results = [];
			for (let run = 0; run < RUNS; run++) {
				const result = await plainLoop(sandbox, concurrency, ROWS);
				say(
					`plain-c${concurrency} run ${run + 1}/${RUNS}: ${result.wall.toFixed(2)} s, in flight ≤ ${result.maxInFlight}, lost ${result.lost}, duplicated ${result.duplicated}`,
				);
				results.push(result);
			}
			plain[concurrency] = results;
		}

		// Rate-limit scenario: our node (default concurrency 5) against a sandbox limited to RATE/s.
		say(`rate limit: starting n8n`);
		const rate = await runVariant({
			label: `rate-limit ${RATE}/s`,
			start: starter(undefined),
			apiKey: () => apiKey,
			sandbox,
			workflow: rateWorkflow,
			runs: Number(process.env.BENCH_RATE_RUNS ?? 1),
			rows: RATE_ROWS,
			sandboxConfig: { rateLimitPerSecond: RATE, retryAfterSeconds: 1 },
		});

		const large = LARGE_ROWS
			? await largeCampaign({
					start: starter(undefined),
					apiKey: () => apiKey,
					sandbox,
					workflow: largeWorkflow,
					latencyMs: LATENCY_MS,
					statusMb,
					cpuSeconds,
					resetPeak,
					campaignCounts,
					say,
				})
			: undefined;

		// ---- table
		const noop = figures.noop;
		const noopWall = median(noop.results.map((/** @type {RunResult} */ r) => r.wall));
		const noopCpu = median(noop.results.map((/** @type {RunResult} */ r) => r.cpu));
		/** @type {Array<Record<string, string>>} */
		const rows = [];
		/** @type {Record<string, { itemsPerSecond: number, cpuMsPerItem: number, peakMb: number, maxInFlight: number }>} */
		const summary = {};
		for (const [name, data] of Object.entries(figures)) {
			/** @type {RunResult[]} */
			const results = data.results;
			const wall = median(results.map((r) => r.wall));
			const netWall = name === 'noop' ? wall : wall - noopWall;
			const itemsPerSecond = ROWS / netWall;
			const cpuMsPerItem =
				name === 'noop'
					? (median(results.map((r) => r.cpu)) * 1000) / ROWS
					: ((median(results.map((r) => r.cpu)) - noopCpu) * 1000) / ROWS;
			const maxInFlight = Math.max(...results.map((r) => r.maxInFlight));
			summary[name] = { itemsPerSecond, cpuMsPerItem, peakMb: data.peakMb, maxInFlight };
			rows.push({
				variant: name,
				'items/s (net)': fmt(itemsPerSecond),
				'node items/s':
					name === 'noop' ? '' : fmt(ROWS / (median(results.map((r) => r.nodeMs)) / 1000)),
				'wall s': fmt(wall, 2),
				'max in flight': String(maxInFlight),
				'CPU ms/item (net)': fmt(cpuMsPerItem, 3),
				'peak MB': `${fmt(data.peakMb)}${data.peakReset ? '' : '*'}`,
				'peak rise MB': fmt(data.peakMb - data.rssBeforeMb),
				'idle CPU ms/s': fmt(data.idleCpuPerSecond * 1000),
				'sent/lost/dup':
					name === 'noop'
						? ''
						: `${median(results.map((r) => r.sent))}/${Math.max(...results.map((r) => r.lost))}/${Math.max(...results.map((r) => r.duplicated))}`,
			});
		}
		for (const [concurrency, results] of Object.entries(plain)) {
			const wall = median(results.map((/** @type {any} */ r) => r.wall));
			const itemsPerSecond = ROWS / wall;
			const maxInFlight = Math.max(...results.map((/** @type {any} */ r) => r.maxInFlight));
			summary[`plain-c${concurrency}`] = {
				itemsPerSecond,
				cpuMsPerItem: NaN,
				peakMb: NaN,
				maxInFlight,
			};
			rows.push({
				variant: `plain-c${concurrency}`,
				'items/s (net)': fmt(itemsPerSecond),
				'node items/s': '',
				'wall s': fmt(wall, 2),
				'max in flight': String(maxInFlight),
				'CPU ms/item (net)': `(${fmt((median(results.map((/** @type {any} */ r) => r.cpu)) * 1000) / ROWS, 3)})`,
				'peak MB': '',
				'peak rise MB': '',
				'idle CPU ms/s': '',
				'sent/lost/dup': `${median(results.map((/** @type {any} */ r) => r.sent))}/${Math.max(...results.map((/** @type {any} */ r) => r.lost))}/${Math.max(...results.map((/** @type {any} */ r) => r.duplicated))}`,
			});
		}
		console.log(
			`\nCampaign of ${ROWS} messages, sandbox latency ${LATENCY_MS} ms, medians of ${RUNS} run(s); n8n ${'2.41.1'} on Node 24.`,
		);
		console.log(
			'items/s (net) = rows / (wall time − NoOp wall time); CPU = n8n main process user+system, net of the NoOp run.\n',
		);
		printTable(rows);
		if (PROFILE)
			console.log(
				'(BENCH_PROFILE=1: n8n ran under the CPU profiler, so its figures are slower than usual)',
			);

		/** @type {RunResult[]} */
		const rateResults = rate.results;
		const rateSeconds = median(rateResults.map((r) => r.nodeMs / 1000));
		const rateWall = median(rateResults.map((r) => r.wall));
		const bound = (1.15 * RATE_ROWS) / RATE;
		const rateLost = Math.max(...rateResults.map((r) => r.lost));
		const rateDuplicated = Math.max(...rateResults.map((r) => r.duplicated));
		const rateErrors = Math.max(...rateResults.map((r) => r.errors));
		console.log(
			`\nRate limit ${RATE}/s (Retry-After 1 s), ${RATE_ROWS} messages through our node (concurrency 5): ` +
				`node ${fmt(rateSeconds, 1)} s (wall ${fmt(rateWall, 1)} s), bound 1.15 × ${RATE_ROWS}/${RATE} = ${fmt(bound, 1)} s; ` +
				`429s ${median(rateResults.map((r) => r.rateLimited))}, sent ${median(rateResults.map((r) => r.sent))}, lost ${rateLost}, duplicated ${rateDuplicated}, error items ${rateErrors}`,
		);

		if (large) printLarge(large);

		/** @type {Array<[string, boolean | undefined, string]>} */
		const targets = [];
		const check = (
			/** @type {string} */ label,
			/** @type {boolean | undefined} */ ok,
			/** @type {string} */ detail,
		) => targets.push([label, ok, detail]);
		for (const c of [10, 5]) {
			const ours = summary[`hero-c${c}`];
			const loop = summary[`plain-c${c}`];
			check(
				`our node at concurrency ${c} ≥ 0.9 × plain loop at ${c}`,
				ours && loop ? ours.itemsPerSecond >= 0.9 * loop.itemsPerSecond : undefined,
				ours && loop
					? `${fmt(ours.itemsPerSecond)} vs 0.9 × ${fmt(loop.itemsPerSecond)} = ${fmt(0.9 * loop.itemsPerSecond)} items/s (${fmt((100 * ours.itemsPerSecond) / loop.itemsPerSecond)} %)`
					: 'not run',
			);
		}
		for (const c of [5, 10]) {
			const ours = summary[`hero-c${c}`];
			check(
				`in flight never above concurrency (${c})`,
				ours ? ours.maxInFlight <= c : undefined,
				ours ? `max ${ours.maxInFlight}` : 'not run',
			);
		}
		for (const c of [5, 10]) {
			const ours = summary[`hero-c${c}`];
			check(
				`n8n CPU per item ≤ 1.5 ms (concurrency ${c})`,
				ours ? ours.cpuMsPerItem <= 1.5 : undefined,
				ours ? `${fmt(ours.cpuMsPerItem, 3)} ms` : 'not run',
			);
		}
		const httpPeak = summary['http-default']?.peakMb;
		for (const c of [5, 10]) {
			const ours = summary[`hero-c${c}`];
			check(
				`peak memory ≤ HTTP Request node's (concurrency ${c})`,
				ours && httpPeak ? ours.peakMb <= httpPeak : undefined,
				ours && httpPeak ? `${fmt(ours.peakMb)} MB vs ${fmt(httpPeak)} MB` : 'not run',
			);
		}
		check(
			`rate limit: ≤ 1.15 × ${RATE_ROWS}/${RATE} s, nothing lost or duplicated`,
			rateSeconds <= bound && rateLost === 0 && rateDuplicated === 0,
			`${fmt(rateSeconds, 1)} s vs ${fmt(bound, 1)} s, lost ${rateLost}, duplicated ${rateDuplicated}`,
		);
		console.log('\nTargets:');
		for (const [label, ok, detail] of targets) {
			console.log(`  ${ok === undefined ? 'SKIP' : ok ? 'PASS' : 'FAIL'}  ${label}: ${detail}`);
		}

		// No API key in our node's outputs, n8n's log or the sandbox's request log.
		const secret = sandbox.apiKey;
		const ourOutputs = Object.entries(figures)
			.filter(([name]) => name.startsWith('hero') || name.startsWith('proto'))
			.flatMap(([, data]) => data.results.map((/** @type {RunResult} */ r) => r.outputText));
		const sandboxLog = readFileSync(join(root, 'sandbox.log'), 'utf8');
		const n8nLog = readFileSync(join(root, 'n8n.log'), 'utf8');
		const leaks = [
			ourOutputs.some((text) => text.includes(secret)) && 'our node outputs',
			sandboxLog.includes(secret) && 'sandbox log',
			n8nLog.includes(secret) && 'n8n log',
		].filter(Boolean);
		console.log(
			`  ${leaks.length ? 'FAIL' : 'PASS'}  API key in no output or log: ${leaks.length ? leaks.join(', ') : 'none found'}`,
		);

		if (process.env.BENCH_JSON) {
			writeFileSync(
				process.env.BENCH_JSON,
				JSON.stringify(
					{
						rows: ROWS,
						runs: RUNS,
						latencyMs: LATENCY_MS,
						summary,
						rate: {
							seconds: rateSeconds,
							wall: rateWall,
							bound,
							lost: rateLost,
							duplicated: rateDuplicated,
						},
						table: rows,
						large,
					},
					null,
					2,
				),
			);
		}
		if (PROFILE && profiles.noop) {
			const windowsOf = (/** @type {string} */ name) =>
				figures[name].results.map((/** @type {RunResult} */ r) => r.window);
			for (const name of ['hero-c10', 'proto-c10']) {
				if (!profiles[name]) continue;
				profileReport(
					name,
					{ file: profiles[name], windows: windowsOf(name) },
					{ file: profiles.noop, windows: windowsOf('noop') },
					RUNS * ROWS,
				);
			}
		}
	} finally {
		for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
		if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true });
	}
}

/** @param {Array<Record<string, string>>} rows */
function printTable(rows) {
	const columns = Object.keys(rows[0]);
	const widths = columns.map((column) =>
		Math.max(column.length, ...rows.map((row) => (row[column] ?? '').length)),
	);
	const line = (/** @type {string[]} */ cells) =>
		`| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
	console.log(line(columns));
	console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const row of rows) console.log(line(columns.map((column) => row[column] ?? '')));
}

await main();
