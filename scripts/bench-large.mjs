// @ts-check
// The large-campaign part of `npm run bench`: one execution of BENCH_LARGE_ROWS messages (default
// 20,000) through our node, once with n8n's default saving of execution data and once with
// successful executions not saved, each in a fresh `n8n start`. Reports time against the floor,
// n8n's peak memory and the size of the execution n8n saved. bench.mjs calls it.
import { LATENCY_MS, say, sleep } from './bench/common.mjs';
import { campaignCounts, control, cpuSeconds, resetPeak, statusMb } from './bench/measure.mjs';
import { postCampaign } from './bench/run.mjs';
import { publicApi, setupOwner } from './n8n-runtime.mjs';

export const LARGE_ROWS = Number(process.env.BENCH_LARGE_ROWS ?? 20000);
export const LARGE_CONCURRENCY = 10;

/** The saving settings compared; the first is n8n's default. @type {Array<{ label: string, env: Record<string, string> }>} */
const SAVING = [
	{ label: 'saved (n8n default)', env: {} },
	{ label: 'not saved on success', env: { EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none' } },
];

/**
 * @typedef {{ url: string, pid: number, stop: () => Promise<void> }} N8n
 * @param {{
 *   start: (extra?: Record<string, string>) => Promise<N8n>,
 *   apiKey: () => string,
 *   sandbox: { url: string },
 *   workflow: { id: string, path: string },
 * }} options
 */
export async function largeCampaign({ start, apiKey, sandbox, workflow }) {
	const rows = LARGE_ROWS;
	// The sandbox answers after BENCH_LATENCY_MS: with `LARGE_CONCURRENCY` requests out, no client
	// can do better than this.
	const floor = (rows * LATENCY_MS) / 1000 / LARGE_CONCURRENCY;
	/** @type {Array<Record<string, any>>} */
	const results = [];
	for (const saving of SAVING) {
		say(`large campaign, ${saving.label}: starting n8n`);
		const n8n = await start(saving.env);
		try {
			await control(sandbox.url, 'POST', '/reset');
			const rssBefore = statusMb(n8n.pid, 'VmRSS');
			resetPeak(n8n.pid);
			const runId = Math.random().toString(16).slice(2, 10);
			const cpu0 = cpuSeconds(n8n.pid);
			const t0 = performance.now();
			const answered = await postCampaign(n8n, workflow, rows, runId);
			// The execution is saved after the answer: wait until n8n lists it as finished.
			/** @type {any} */
			let execution;
			for (let i = 0; i < 600 && !execution; i++) {
				const answer = await publicApi(
					n8n.url,
					apiKey(),
					'GET',
					`/executions?workflowId=${workflow.id}&limit=1`,
				);
				const latest = answer.body?.data?.[0];
				if (latest && latest.finished) {
					const seen = results.map((result) => result.executionId);
					if (!seen.includes(latest.id)) execution = latest;
				}
				if (!execution && saving.env.EXECUTIONS_DATA_SAVE_ON_SUCCESS === 'none') break;
				if (!execution) await sleep(250);
			}
			const settled = (performance.now() - t0) / 1000;
			const cpuMsPerItem = ((cpuSeconds(n8n.pid) - cpu0) * 1000) / rows;
			const peakMb = statusMb(n8n.pid, 'VmHWM');
			// The run data as n8n stores it (one string in execution_data), read over its REST API.
			let savedBytes = 0;
			if (execution) {
				const { rest } = await setupOwner(n8n.url, undefined, { apiKey: false });
				const stored = await rest.call('GET', `/rest/executions/${execution.id}`);
				savedBytes = Buffer.byteLength(
					typeof stored?.data === 'string' ? stored.data : JSON.stringify(stored?.data ?? ''),
				);
			}
			const counts = await campaignCounts(sandbox.url, runId, rows);
			const result = {
				label: saving.label,
				executionId: execution?.id,
				answered,
				settled,
				floor,
				peakMb,
				rise: peakMb - rssBefore,
				cpuMsPerItem,
				savedMb: savedBytes / 1024 / 1024,
				...counts,
			};
			say(
				`large campaign, ${saving.label}: answered ${answered.toFixed(1)} s, saved ${settled.toFixed(1)} s, ` +
					`peak ${peakMb.toFixed(0)} MB, execution ${result.savedMb.toFixed(1)} MB, sent ${counts.sent}, lost ${counts.lost}, duplicated ${counts.duplicated}`,
			);
			results.push(result);
		} finally {
			await n8n.stop();
		}
	}
	return { rows, concurrency: LARGE_CONCURRENCY, floor, results };
}

/** Prints the large-campaign figures. @param {Awaited<ReturnType<typeof largeCampaign>>} large */
export function printLarge(large) {
	console.log(
		`\nLarge campaign: ${large.rows} messages in one execution, concurrency ${large.concurrency}; floor ${large.rows} × latency / ${large.concurrency} = ${large.floor.toFixed(1)} s`,
	);
	for (const result of large.results) {
		console.log(
			`  ${result.label.padEnd(22)} run ${result.answered.toFixed(1)} s (${((100 * large.floor) / result.answered).toFixed(0)} % of the floor's speed), ` +
				`until saved ${result.settled.toFixed(1)} s; n8n CPU ${result.cpuMsPerItem.toFixed(2)} ms/item; peak ${result.peakMb.toFixed(0)} MB (+${result.rise.toFixed(0)} MB); ` +
				`execution saved ${result.executionId ? `${result.savedMb.toFixed(1)} MB` : 'none'}; sent ${result.sent}, lost ${result.lost}, duplicated ${result.duplicated}`,
		);
	}
}
