// @ts-check
// `npm run bench:recall`: the shipped recall examples run end to end in a real n8n 2.41.1 against
// the local Hero sandbox (20 ms latency), each at 2,000 and 20,000 rows, beside the previous recall
// example (the Data-table version, scripts/bench/fixtures/recall-campaign-datatable.json) in the
// same run. Each run reads a CSV of that many patients (all found on PDS, all with a mobile) and
// writes its results sheet, as a practice's run would. Prints rows per second, n8n's CPU and peak
// memory (the main process's VmHWM, reset before each run) and the time by node from the
// execution's own run data. It prints figures; it is not a timed test.
//
// One `n8n start` serves every run (the Data-table log of earlier campaigns stays in place, as it
// would at a practice); every run has its own campaign (or batch) name, so each sends to everyone.
//
// Environment (all optional):
//   BENCH_RECALL_ROWS=2000,20000          sizes (rows per run), in this order
//   BENCH_RECALL_EXAMPLES=a,b             only these examples (names as printed)
//   BENCH_RECALL_SKIP=datatable@20000     (example@rows, comma-separated) runs left out, e.g. the
//                                         previous example's 20,000-row run (about 20 minutes)
//   BENCH_LATENCY_MS=20                   sandbox latency
//   BENCH_KEEP=1                          keep the temporary folder (user folder, logs, sheets)
//   BENCH_JSON=FILE                       also write the figures as JSON
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LATENCY_MS, say, sleep } from './bench/common.mjs';
import { control, cpuSeconds, resetPeak, startSandboxProcess, statusMb } from './bench/measure.mjs';
import {
	REPO_ROOT,
	activate,
	buildPackage,
	ensureRuntime,
	importCredentials,
	importWorkflows,
	n8nEnv,
	prepareWorkflow,
	publicApi,
	sandboxCredential,
	setupOwner,
	startN8n,
	webhookStarted,
} from './n8n-runtime.mjs';

const SIZES = (process.env.BENCH_RECALL_ROWS ?? '2000,20000').split(',').map(Number);
const ONLY = process.env.BENCH_RECALL_EXAMPLES?.split(',');
const SKIP = new Set((process.env.BENCH_RECALL_SKIP ?? '').split(',').filter(Boolean));

/**
 * The examples compared. `settings` names the Set node holding the run's settings; `name` the
 * field that makes a run a new campaign. `requestsPerRow` gives the network floor.
 * @typedef {{ name: string, label: string, file: string, requestsPerRow: number,
 *   nameField: string, concurrency: number }} Example
 * @type {Example[]}
 */
const EXAMPLES = [
	{
		name: 'datatable',
		label: 'previous example (Data-table log)',
		file: join(REPO_ROOT, 'scripts', 'bench', 'fixtures', 'recall-campaign-datatable.json'),
		requestsPerRow: 2,
		nameField: 'campaign',
		concurrency: 5,
	},
	{
		name: 'campaign',
		label: 'examples/recall-campaign.json',
		file: join(REPO_ROOT, 'examples', 'recall-campaign.json'),
		requestsPerRow: 2,
		nameField: 'campaign',
		concurrency: 5,
	},
	{
		name: 'batch',
		label: 'examples/recall-batch.json',
		file: join(REPO_ROOT, 'examples', 'recall-batch.json'),
		requestsPerRow: 0,
		nameField: 'batchName',
		concurrency: 1,
	},
].filter((example) => existsSync(example.file) && (!ONLY || ONLY.includes(example.name)));

// ------------------------------------------------------------------------------------------------
// The input: patients Hero knows, one CSV per size

/** A valid NHS number (Modulus 11) from a running number, outside the sandbox seed's 999 range. */
function* nhsNumbers() {
	for (let n = 800_000_000; ; n++) {
		const digits = String(n).padStart(9, '0');
		let sum = 0;
		for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
		const check = (11 - (sum % 11)) % 11;
		if (check !== 10) yield `${digits}${check}`;
	}
}

/** @param {number} count */
function people(count) {
	const numbers = nhsNumbers();
	return Array.from({ length: count }, (_, i) => ({
		nhs_number: /** @type {string} */ (numbers.next().value),
		dob: `19${String(40 + (i % 60)).padStart(2, '0')}-0${1 + (i % 9)}-${String(10 + (i % 18))}`,
		first_name: `Patient${i + 1}`,
		last_name: 'Bench',
		mobile: `+447700900${String(i % 1000).padStart(3, '0')}`,
	}));
}

/**
 * Adds the patients to the sandbox as practice patients (its control API: Register Patient one by
 * one would take minutes for 20,000).
 * @param {{ url: string }} sandbox @param {ReturnType<typeof people>} patients
 */
async function registerAll(sandbox, patients) {
	for (let i = 0; i < patients.length; i += 5000)
		await control(sandbox.url, 'POST', '/patients', { patients: patients.slice(i, i + 5000) });
	// every run texts every patient once (one SMS part each): credits for all of them
	await control(sandbox.url, 'POST', '/sms-credits', { count: 10 * patients.length });
}

/** The sheet as a practice exports it (dates dd/mm/yyyy). @param {ReturnType<typeof people>} patients */
function csv(patients) {
	const lines = patients.map((p) => {
		const [y, m, d] = p.dob.split('-');
		return `${p.nhs_number},${d}/${m}/${y},${p.first_name},${p.last_name}`;
	});
	return `nhs_number,date_of_birth,first_name,last_name\n${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------------------------------------
// Running

/**
 * One (example, size) as n8n will run it: the example with its Settings pointing at this size's
 * sheet, its own results file and its own campaign name; started by a webhook.
 * @param {Example} example @param {number} rows @param {string} filesDir @param {string} tag
 */
function benchWorkflow(example, rows, filesDir, tag) {
	const original = JSON.parse(readFileSync(example.file, 'utf8'));
	const workflow = prepareWorkflow(original, { filesDir });
	workflow.name = `bench ${example.name} ${rows}`;
	const settings = workflow.nodes.find((/** @type {any} */ node) => node.name === 'Settings');
	for (const field of settings.parameters.assignments.assignments) {
		if (field.name === 'inputFile') field.value = join(filesDir, `bench-${rows}.csv`);
		if (field.name === 'resultsFile')
			field.value = join(filesDir, `results-${example.name}-${rows}.csv`);
		if (field.name === example.nameField) field.value = `bench ${example.name} ${rows} ${tag}`;
	}
	const started = webhookStarted(workflow);
	return {
		...started,
		workflow: { ...started.workflow, id: `Br${example.name.slice(0, 4)}${rows}`.padEnd(16, 'x') },
	};
}

/** POSTs to a webhook and waits, with no client time-out, until n8n answers. @param {string} url */
function post(url) {
	return new Promise((done, fail) => {
		const request = http.request(url, { method: 'POST' }, (response) => {
			response.resume();
			response.on('end', () =>
				(response.statusCode ?? 0) < 300
					? done(undefined)
					: fail(new Error(`${url} → ${response.statusCode}`)),
			);
		});
		request.setTimeout(0);
		request.on('error', fail);
		request.end();
	});
}

/** Seconds by node from an execution's run data, slowest first. @param {any} execution */
function timeByNode(execution) {
	const runData = execution?.data?.resultData?.runData ?? {};
	return Object.entries(runData)
		.map(([node, runs]) => ({
			node,
			seconds:
				/** @type {any[]} */ (runs).reduce((sum, run) => sum + Number(run.executionTime ?? 0), 0) /
				1000,
			runs: /** @type {any[]} */ (runs).length,
		}))
		.sort((a, b) => b.seconds - a.seconds);
}

/** The results sheet's outcomes, counted. @param {string} file */
function outcomes(file) {
	/** @type {Record<string, number>} */
	const counts = {};
	const [header, ...lines] = readFileSync(file, 'utf8')
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\n');
	const column = header.split(',').indexOf('outcome');
	for (const line of lines) {
		// outcomes have no commas; the detail column may be quoted, so read from a split that
		// respects quotes only up to the outcome column
		const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [];
		const outcome = (cells[column] ?? '').replace(/,$/, '').replace(/^"|"$/g, '');
		counts[outcome] = (counts[outcome] ?? 0) + 1;
	}
	return { rows: lines.length, counts };
}

/**
 * One run: resets n8n's peak, POSTs, waits for the answer and the saved execution, reads the
 * sandbox's counters before and after.
 * @param {{ n8n: { url: string, pid: number }, apiKey: string, sandbox: { url: string },
 *   id: string, path: string, example: Example, rows: number, filesDir: string }} options
 */
async function runOnce({ n8n, apiKey, sandbox, id, path, example, rows, filesDir }) {
	const before = await control(sandbox.url, 'GET', '/counters');
	await sleep(500);
	const rssBefore = statusMb(n8n.pid, 'VmRSS');
	resetPeak(n8n.pid);
	const cpu0 = cpuSeconds(n8n.pid);
	const t0 = performance.now();
	await post(`${n8n.url}/webhook/${path}`);
	const wall = (performance.now() - t0) / 1000;
	/** @type {any} */
	let execution;
	for (let i = 0; i < 600 && !execution; i++) {
		const answer = await publicApi(
			n8n.url,
			apiKey,
			'GET',
			`/executions?workflowId=${id}&limit=1&includeData=true`,
		);
		const latest = answer.body?.data?.[0];
		if (latest?.finished || latest?.stoppedAt) execution = latest;
		else await sleep(500);
	}
	// CPU and peak up to the saved execution (n8n saves it after answering)
	const cpu = cpuSeconds(n8n.pid) - cpu0;
	const peakMb = statusMb(n8n.pid, 'VmHWM');
	const after = await control(sandbox.url, 'GET', '/counters');
	const sent =
		(after.messagesSent?.total ?? 0) -
		(before.messagesSent?.total ?? 0) +
		((after.effects?.batchMessagesSent?.total ?? 0) -
			(before.effects?.batchMessagesSent?.total ?? 0));
	const sheet = outcomes(join(filesDir, `results-${example.name}-${rows}.csv`));
	return {
		example: example.name,
		label: example.label,
		rows,
		wall,
		rowsPerSecond: rows / wall,
		floor: (rows * example.requestsPerRow * LATENCY_MS) / 1000 / 10,
		cpu,
		peakMb,
		riseMb: peakMb - rssBefore,
		requests: after.received - before.received,
		sent,
		status: execution?.status ?? 'unknown',
		error: execution?.data?.resultData?.error?.message,
		sheet,
		nodes: timeByNode(execution),
	};
}

/** @param {Awaited<ReturnType<typeof runOnce>>[]} results */
function report(results) {
	console.log(
		`\nRecall examples end to end in n8n 2.41.1, sandbox latency ${LATENCY_MS} ms (one run each; peak = n8n main process VmHWM)\n`,
	);
	console.log(
		'| example | rows | whole run | rows/s | n8n CPU | peak memory | requests | sent | results sheet | slowest nodes (s, from run data) |',
	);
	console.log('|---|---|---|---|---|---|---|---|---|---|');
	for (const r of results) {
		const nodes = r.nodes
			.slice(0, 5)
			.map((n) => `${n.node} ${n.seconds.toFixed(1)}`)
			.join(', ');
		const sheet = Object.entries(r.sheet.counts)
			.map(([outcome, count]) => `${count} ${outcome}`)
			.join(', ');
		console.log(
			`| ${r.example} | ${r.rows} | ${r.wall.toFixed(1)} s | ${r.rowsPerSecond.toFixed(0)} | ${r.cpu.toFixed(1)} s | ${r.peakMb.toFixed(0)} MB (+${r.riseMb.toFixed(0)}) | ${r.requests} | ${r.sent} | ${sheet} | ${nodes} |`,
		);
		if (r.status !== 'success')
			console.log(`  ${r.example} ${r.rows}: ${r.status} ${r.error ?? ''}`);
	}
	/** @param {string} name @param {number} rows */
	const find = (name, rows) => results.find((r) => r.example === name && r.rows === rows);
	const [small, large] = SIZES;
	console.log('');
	for (const name of ['campaign', 'batch']) {
		const old = find('datatable', small);
		const now = find(name, small);
		if (old && now)
			console.log(
				`${name} at ${small} rows: ${now.wall.toFixed(1)} s = ${((100 * now.wall) / old.wall).toFixed(0)} % of the previous example's ${old.wall.toFixed(1)} s (target ≤ 33 %): ${now.wall * 3 <= old.wall ? 'met' : 'NOT met'}`,
			);
	}
	for (const r of results.filter((result) => result.rows === large)) {
		const base = find(r.example, small);
		if (base)
			console.log(
				`${r.example}: ${large} rows took ${(r.wall / base.wall).toFixed(1)}× the ${small}-row time (target ≤ ${(large / small + 1).toFixed(0)}×)`,
			);
	}
	for (const r of results)
		if (r.sent !== r.rows || (r.sheet.counts.sent ?? 0) !== r.rows)
			console.log(
				`WARNING ${r.example} ${r.rows}: ${r.sent} messages at Hero, ${r.sheet.counts.sent ?? 0} rows 'sent' in the sheet`,
			);
}

async function main() {
	const root = mkdtempSync(join(tmpdir(), 'hero-bench-recall-'));
	const filesDir = join(root, 'files');
	const userFolder = join(root, 'n8n');
	mkdirSync(filesDir, { recursive: true });
	say(`sizes ${SIZES.join(', ')}, examples ${EXAMPLES.map((e) => e.name).join(', ')}; ${root}`);
	/** @type {Array<() => Promise<void>>} */
	const stops = [];
	try {
		const runtime = await ensureRuntime();
		const extensions = buildPackage({ into: join(root, 'package-dist') });
		const sandbox = await startSandboxProcess(join(root, 'sandbox.log'));
		stops.push(sandbox.stop);
		const patients = people(Math.max(...SIZES));
		await registerAll(sandbox, patients);
		for (const rows of SIZES)
			writeFileSync(join(filesDir, `bench-${rows}.csv`), csv(patients.slice(0, rows)));
		say(`${patients.length} patients registered in the sandbox`);

		const env = n8nEnv(runtime, { userFolder, filesDir, extensions });
		await importCredentials(runtime, env, [sandboxCredential(sandbox)]);
		const tag = Date.now().toString(36);
		const runs = SIZES.flatMap((rows) =>
			EXAMPLES.filter((example) => !SKIP.has(`${example.name}@${rows}`)).map((example) => ({
				example,
				rows,
				...benchWorkflow(example, rows, filesDir, tag),
			})),
		);
		await importWorkflows(
			runtime,
			env,
			runs.map((run) => run.workflow),
		);
		const n8n = await startN8n({
			userFolder,
			filesDir,
			extensions,
			runtime,
			log: join(root, 'n8n.log'),
		});
		stops.push(n8n.stop);
		const { apiKey } = await setupOwner(n8n.url);
		for (const run of runs)
			await activate(n8n.url, /** @type {string} */ (apiKey), run.workflow.id);
		await sleep(3000);

		/** @type {Awaited<ReturnType<typeof runOnce>>[]} */
		const results = [];
		for (const run of runs) {
			say(`${run.example.name} ${run.rows} rows: running`);
			const result = await runOnce({
				n8n,
				apiKey: /** @type {string} */ (apiKey),
				sandbox,
				id: run.workflow.id,
				path: run.path,
				example: run.example,
				rows: run.rows,
				filesDir,
			});
			say(
				`${run.example.name} ${run.rows} rows: ${result.wall.toFixed(1)} s, ${result.rowsPerSecond.toFixed(0)} rows/s, peak ${result.peakMb.toFixed(0)} MB, sent ${result.sent}, ${result.status}; ` +
					result.nodes
						.slice(0, 6)
						.map((n) => `${n.node} ${n.seconds.toFixed(1)}`)
						.join(', '),
			);
			results.push(result);
		}
		report(results);
		if (process.env.BENCH_JSON)
			writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
	} finally {
		for (const stop of stops.reverse()) await stop().catch(() => {});
		if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true });
	}
}

await main();
