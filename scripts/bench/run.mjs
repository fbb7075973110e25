// @ts-check
// Running: one campaign through n8n, one variant (its own `n8n start`, warm-up, measured runs), and
// the plain Node.js loop it is compared with.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { publicApi, startN8n } from '../n8n-runtime.mjs';

import { monotonicMicros, PATIENTS, say, sleep } from './common.mjs';
import { campaignCounts, control, cpuSeconds, resetPeak, statusMb } from './measure.mjs';

// ------------------------------------------------------------------------------------------------
// Running a campaign through n8n

/**
 * @typedef {{ firstReceivedMs: number | null, lastAnsweredMs: number | null, inFlightMs: number,
 *   serverMs: number, connections: number }} ServerTiming
 * @typedef {{ wall: number, window: [number, number], nodeMs: number, cpu: number, maxInFlight: number,
 *   timing: ServerTiming, sent: number,
 *   lost: number, duplicated: number, outputs: number, errors: number, rateLimited: number,
 *   received: number, outputText: string }} RunResult
 */

/**
 * POSTs a campaign of `rows` messages named by `runId` to the workflow's webhook, which
 * answers when the last node has run; answers the seconds that took.
 * @param {{ url: string }} n8n @param {{ path: string }} workflow @param {number} rows @param {string} runId
 */
export async function postCampaign(n8n, workflow, rows, runId) {
	const t0 = performance.now();
	const response = await fetch(`${n8n.url}/webhook/${workflow.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ rows, runId }),
	});
	await response.text();
	if (!response.ok) throw new Error(`webhook ${workflow.path} → ${response.status}`);
	return (performance.now() - t0) / 1000;
}

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
	const wall = await postCampaign(n8n, workflow, rows, runId);
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
		timing: counters.timing,
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
export async function runVariant({
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
export async function plainLoop(sandbox, concurrency, rows) {
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
		timing: counters.timing,
		received: counters.received,
		failed,
		...counts,
	};
}
