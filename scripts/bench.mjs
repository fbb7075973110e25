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
//                            NoOp, and print where our node's CPU goes (scripts/bench/profile.mjs);
//                            the profiler slows n8n down: take the table's figures from a run
//                            without it
//   BENCH_N8N_ENV='{"N8N_EXPRESSION_ENGINE":"legacy"}'  extra environment for n8n (JSON)
//   BENCH_KEEP=1             keep the temporary folder (n8n user folder, logs, profiles)
//   BENCH_JSON=FILE          also write the figures as JSON
//   BENCH_LARGE_ROWS=20000   rows of the large-campaign run (one execution, saved and not saved;
//                            scripts/bench-large.mjs); 0 skips it
//
// The steps are in scripts/bench/: setup.mjs (runtime, build, sandbox, credentials, variants,
// `n8n start`), run.mjs (a variant's runs, the plain loop), measure.mjs (/proc, the sandbox's
// counters), report.mjs (table, targets, BENCH_JSON), profile.mjs (BENCH_PROFILE).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LARGE_CONCURRENCY, LARGE_ROWS, largeCampaign } from './bench-large.mjs';
import {
	EXTRA_EXTENSIONS,
	LATENCY_MS,
	ONLY,
	PROFILE,
	RATE,
	RATE_ROWS,
	ROWS,
	RUNS,
	say,
} from './bench/common.mjs';
import { mainProfile } from './bench/profile.mjs';
import { report } from './bench/report.mjs';
import { plainLoop, runVariant } from './bench/run.mjs';
import { n8nStarter, setUp, variants } from './bench/setup.mjs';
import { campaignWorkflow, heroTarget } from './bench/workflows.mjs';

/** @typedef {Awaited<ReturnType<typeof n8nStarter>>} Starter */
/** @typedef {Awaited<ReturnType<typeof setUp>>['sandbox']} Sandbox */

async function main() {
	const root = mkdtempSync(join(tmpdir(), 'hero-bench-'));
	say(
		`rows ${ROWS}, runs ${RUNS}, latency ${LATENCY_MS} ms, rate limit ${RATE}/s for ${RATE_ROWS} rows; folder ${root}`,
	);
	let stopSandbox = async () => {};
	try {
		const setup = await setUp(root);
		const { sandbox } = setup;
		stopSandbox = sandbox.stop;
		const all = variants(sandbox);
		const rateWorkflow = campaignWorkflow('rate-limit', heroTarget(5));
		const largeWorkflow = campaignWorkflow('large', heroTarget(LARGE_CONCURRENCY));
		const n8n = await n8nStarter(setup, [
			...all.map((variant) => variant.workflow),
			rateWorkflow,
			largeWorkflow,
		]);

		const selected = all.filter((v) => v.name === 'noop' || !ONLY || ONLY.includes(v.name));
		const { figures, profiles } = await runVariants(selected, n8n, sandbox, root);
		const plain = await runPlainLoops(sandbox);
		const rate = await rateLimitScenario(n8n, sandbox, rateWorkflow);
		const large = LARGE_ROWS
			? await largeCampaign({
					start: n8n.start(),
					apiKey: n8n.apiKey,
					sandbox,
					workflow: largeWorkflow,
				})
			: undefined;

		report({ figures, plain, rate, large, profiles, secret: sandbox.apiKey, root });
	} finally {
		await stopSandbox().catch(() => {});
		if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true });
	}
}

/**
 * Each variant in its own `n8n start` (BENCH_EXTENSIONS's build for "proto"), with CPU profiles of
 * the NoOp and concurrency 10 when BENCH_PROFILE=1.
 * @param {import('./bench/setup.mjs').Variant[]} selected @param {Starter} n8n
 * @param {Sandbox} sandbox @param {string} root
 */
async function runVariants(selected, n8n, sandbox, root) {
	/** @type {Record<string, any>} */
	const figures = {};
	/** @type {Record<string, string>} */
	const profiles = {};
	for (const variant of selected) {
		say(`${variant.name}: starting n8n`);
		const profileDir =
			PROFILE && ['noop', 'hero-c10', 'proto-c10'].includes(variant.name)
				? join(root, `profile-${variant.name}`)
				: undefined;
		if (profileDir) mkdirSync(profileDir, { recursive: true });
		const outcome = await runVariant({
			label: variant.name,
			start: n8n.start(variant.kind === 'proto' ? EXTRA_EXTENSIONS : undefined),
			apiKey: n8n.apiKey,
			sandbox,
			workflow: variant.workflow,
			runs: RUNS,
			rows: ROWS,
			profileDir,
		});
		figures[variant.name] = { ...variant, ...outcome };
		if (profileDir) profiles[variant.name] = mainProfile(profileDir);
	}
	return { figures, profiles };
}

/** The plain Node.js loop at concurrency 5 and 10, BENCH_RUNS times each. @param {Sandbox} sandbox */
async function runPlainLoops(sandbox) {
	/** @type {Record<string, any[]>} */
	const plain = {};
	for (const concurrency of [5, 10]) {
		plain[concurrency] = [];
		for (let run = 0; run < RUNS; run++) {
			const result = await plainLoop(sandbox, concurrency, ROWS);
			say(
				`plain-c${concurrency} run ${run + 1}/${RUNS}: ${result.wall.toFixed(2)} s, in flight ≤ ${result.maxInFlight}, lost ${result.lost}, duplicated ${result.duplicated}`,
			);
			plain[concurrency].push(result);
		}
	}
	return plain;
}

/**
 * Our node (default concurrency 5) against a sandbox limited to BENCH_RATE requests/s.
 * @param {Starter} n8n @param {Sandbox} sandbox @param {{ id: string, path: string }} workflow
 */
async function rateLimitScenario(n8n, sandbox, workflow) {
	say(`rate limit: starting n8n`);
	return await runVariant({
		label: `rate-limit ${RATE}/s`,
		start: n8n.start(),
		apiKey: n8n.apiKey,
		sandbox,
		workflow,
		runs: Number(process.env.BENCH_RATE_RUNS ?? 1),
		rows: RATE_ROWS,
		sandboxConfig: { rateLimitPerSecond: RATE, retryAfterSeconds: 1 },
	});
}

await main();
