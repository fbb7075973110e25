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
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LARGE_CONCURRENCY, LARGE_ROWS, largeCampaign, printLarge } from './bench-large.mjs';
import {
	buildPackage,
	ensureRuntime,
	importWorkflows,
	n8nCliAsync,
	n8nEnv,
	publicApi,
	setupOwner,
	startN8n,
} from './n8n-runtime.mjs';
import {
	EXTRA_EXTENSIONS,
	LATENCY_MS,
	median,
	N8N_EXTRA_ENV,
	ONLY,
	PROFILE,
	RATE,
	RATE_ROWS,
	ROWS,
	RUNS,
	say,
} from './bench/common.mjs';
import {
	campaignCounts,
	cpuSeconds,
	resetPeak,
	startSandboxProcess,
	statusMb,
} from './bench/measure.mjs';
import { mainProfile, profileReport } from './bench/profile.mjs';
import { plainLoop, runVariant } from './bench/run.mjs';
import {
	campaignWorkflow,
	HEADER_CREDENTIAL,
	HERO_CREDENTIAL,
	heroTarget,
	httpTarget,
	NOOP_TARGET,
} from './bench/workflows.mjs';

/** @typedef {import('./bench/run.mjs').RunResult} RunResult */

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
