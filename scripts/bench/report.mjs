// @ts-check
// Reporting: the campaign table (net of the NoOp), the rate-limit line, the large campaign, the
// targets, the check that the API key is in no output or log, BENCH_JSON and the CPU profiles.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printLarge } from '../bench-large.mjs';

import { LATENCY_MS, median, PROFILE, RATE, RATE_ROWS, ROWS, RUNS } from './common.mjs';
import { profileReport } from './profile.mjs';

/** @typedef {import('./run.mjs').RunResult} RunResult */
/** @typedef {{ itemsPerSecond: number, cpuMsPerItem: number, peakMb: number, maxInFlight: number }} Summary */

/** @param {number} value @param {number} [digits] */
const fmt = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

/** The largest value of a field over the runs. @param {any[]} results @param {string} field */
const most = (results, field) => Math.max(...results.map((r) => r[field]));
/** The median of a field over the runs. @param {any[]} results @param {string} field */
const mid = (results, field) => median(results.map((r) => r[field]));

/**
 * Everything `npm run bench` prints on stdout and writes to BENCH_JSON, in this order.
 * @param {{ figures: Record<string, any>, plain: Record<string, any[]>, rate: { results: RunResult[] },
 *   large: Awaited<ReturnType<typeof import('../bench-large.mjs').largeCampaign>> | undefined,
 *   profiles: Record<string, string>, secret: string, root: string }} measured
 */
export function report({ figures, plain, rate, large, profiles, secret, root }) {
	const { rows, summary } = campaignTable(figures, plain);
	console.log(
		`\nCampaign of ${ROWS} messages, sandbox latency ${LATENCY_MS} ms, medians of ${RUNS} run(s); n8n ${'2.41.1'} on Node 24.`,
	);
	console.log(
		'items/s (net) = rows / (wall time − NoOp wall time); CPU = n8n main process user+system, net of the NoOp run.\n',
	);
	printTable(rows);
	printServerClock(figures, plain);
	if (PROFILE)
		console.log(
			'(BENCH_PROFILE=1: n8n ran under the CPU profiler, so its figures are slower than usual)',
		);
	const limited = rateFigures(rate.results);
	if (large) printLarge(large);
	printTargets(summary, limited);
	printLeakCheck(secret, figures, root);
	if (process.env.BENCH_JSON) {
		const { seconds, wall, bound, lost, duplicated } = limited;
		const json = {
			rows: ROWS,
			runs: RUNS,
			latencyMs: LATENCY_MS,
			summary,
			rate: { seconds, wall, bound, lost, duplicated },
			table: rows,
			large,
		};
		writeFileSync(process.env.BENCH_JSON, JSON.stringify(json, null, 2));
	}
	if (PROFILE && profiles.noop) printProfiles(figures, profiles);
}

/**
 * The table's rows (variants net of the NoOp, then the plain loops) and the figures the targets use.
 * @param {Record<string, any>} figures @param {Record<string, any[]>} plain
 */
function campaignTable(figures, plain) {
	const noopWall = mid(figures.noop.results, 'wall');
	const noopCpu = mid(figures.noop.results, 'cpu');
	/** @type {Array<Record<string, string>>} */
	const rows = [];
	/** @type {Record<string, Summary>} */
	const summary = {};
	for (const [name, data] of Object.entries(figures)) {
		/** @type {RunResult[]} */
		const results = data.results;
		const isNoop = name === 'noop';
		const wall = mid(results, 'wall');
		const itemsPerSecond = ROWS / (isNoop ? wall : wall - noopWall);
		const cpuMsPerItem = ((mid(results, 'cpu') - (isNoop ? 0 : noopCpu)) * 1000) / ROWS;
		const maxInFlight = most(results, 'maxInFlight');
		summary[name] = { itemsPerSecond, cpuMsPerItem, peakMb: data.peakMb, maxInFlight };
		rows.push({
			variant: name,
			'items/s (net)': fmt(itemsPerSecond),
			'node items/s': isNoop ? '' : fmt(ROWS / (mid(results, 'nodeMs') / 1000)),
			'wall s': fmt(wall, 2),
			'max in flight': String(maxInFlight),
			'CPU ms/item (net)': fmt(cpuMsPerItem, 3),
			'peak MB': `${fmt(data.peakMb)}${data.peakReset ? '' : '*'}`,
			'peak rise MB': fmt(data.peakMb - data.rssBeforeMb),
			'idle CPU ms/s': fmt(data.idleCpuPerSecond * 1000),
			'sent/lost/dup': isNoop
				? ''
				: `${mid(results, 'sent')}/${most(results, 'lost')}/${most(results, 'duplicated')}`,
		});
	}
	for (const [concurrency, results] of Object.entries(plain)) {
		const wall = mid(results, 'wall');
		const itemsPerSecond = ROWS / wall;
		const maxInFlight = most(results, 'maxInFlight');
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
			'CPU ms/item (net)': `(${fmt((mid(results, 'cpu') * 1000) / ROWS, 3)})`,
			'peak MB': '',
			'peak rise MB': '',
			'idle CPU ms/s': '',
			'sent/lost/dup': `${mid(results, 'sent')}/${most(results, 'lost')}/${most(results, 'duplicated')}`,
		});
	}
	return { rows, summary };
}

/**
 * The same runs timed by the sandbox's own clock (issue 26, point 5), which leaves n8n's start-up
 * and the NoOp subtraction out: sends/s from the first request received to the last answered; the
 * mean of requests in flight; a request's time in the sandbox (its latency included); the time a
 * slot spends outside the sandbox per request (the client's share: its helper, our code, the event
 * loop), as window × max in flight / requests − time in the sandbox; connections per request.
 * @param {Record<string, any>} figures @param {Record<string, any[]>} plain
 */
function printServerClock(figures, plain) {
	/** @param {any} result */
	const of = (result) => {
		const { firstReceivedMs, lastAnsweredMs, inFlightMs, serverMs, connections } = result.timing;
		const received = result.received;
		const window = lastAnsweredMs - firstReceivedMs;
		return {
			perSecond: (received * 1000) / window,
			inFlight: inFlightMs / window,
			serverMs: serverMs / received,
			outsideMs: (window * result.maxInFlight) / received - serverMs / received,
			connections: connections / received,
		};
	};
	/** @type {Array<Record<string, string>>} */
	const rows = [];
	/** @param {string} name @param {any[]} results */
	const add = (name, results) => {
		const timed = results.filter((result) => result.timing?.firstReceivedMs != null).map(of);
		if (!timed.length) return;
		/** @param {keyof ReturnType<typeof of>} key */
		const med = (key) => median(timed.map((row) => row[key]));
		rows.push({
			variant: name,
			'sends/s (sandbox clock)': fmt(med('perSecond')),
			'mean in flight': fmt(med('inFlight'), 2),
			'ms in sandbox/request': fmt(med('serverMs'), 2),
			'ms outside/request/slot': fmt(med('outsideMs'), 2),
			'connections/request': fmt(med('connections'), 3),
		});
	};
	for (const [name, data] of Object.entries(figures)) if (name !== 'noop') add(name, data.results);
	for (const [concurrency, results] of Object.entries(plain)) add(`plain-c${concurrency}`, results);
	if (!rows.length) return;
	console.log('\nThe same runs by the sandbox’s clock (first request received → last answered):\n');
	printTable(rows);
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

/** Prints and answers the rate-limit scenario's figures. @param {RunResult[]} results */
function rateFigures(results) {
	const figures = {
		seconds: median(results.map((r) => r.nodeMs / 1000)),
		wall: mid(results, 'wall'),
		bound: (1.15 * RATE_ROWS) / RATE,
		lost: most(results, 'lost'),
		duplicated: most(results, 'duplicated'),
	};
	console.log(
		`\nRate limit ${RATE}/s (Retry-After 1 s), ${RATE_ROWS} messages through our node (concurrency 5): ` +
			`node ${fmt(figures.seconds, 1)} s (wall ${fmt(figures.wall, 1)} s), bound 1.15 × ${RATE_ROWS}/${RATE} = ${fmt(figures.bound, 1)} s; ` +
			`429s ${mid(results, 'rateLimited')}, sent ${mid(results, 'sent')}, lost ${figures.lost}, duplicated ${figures.duplicated}, error items ${most(results, 'errors')}`,
	);
	return figures;
}

/**
 * PASS/FAIL/SKIP against the targets.
 * @param {Record<string, Summary>} summary @param {ReturnType<typeof rateFigures>} rate
 */
function printTargets(summary, rate) {
	/** @type {Array<[string, boolean | undefined, string]>} */
	const targets = [];
	for (const c of [10, 5]) {
		const ours = summary[`hero-c${c}`];
		const loop = summary[`plain-c${c}`];
		targets.push([
			`our node at concurrency ${c} ≥ 0.9 × plain loop at ${c}`,
			ours && loop ? ours.itemsPerSecond >= 0.9 * loop.itemsPerSecond : undefined,
			ours && loop
				? `${fmt(ours.itemsPerSecond)} vs 0.9 × ${fmt(loop.itemsPerSecond)} = ${fmt(0.9 * loop.itemsPerSecond)} items/s (${fmt((100 * ours.itemsPerSecond) / loop.itemsPerSecond)} %)`
				: 'not run',
		]);
	}
	for (const c of [5, 10]) {
		const ours = summary[`hero-c${c}`];
		targets.push([
			`in flight never above concurrency (${c})`,
			ours ? ours.maxInFlight <= c : undefined,
			ours ? `max ${ours.maxInFlight}` : 'not run',
		]);
	}
	for (const c of [5, 10]) {
		const ours = summary[`hero-c${c}`];
		targets.push([
			`n8n CPU per item ≤ 1.5 ms (concurrency ${c})`,
			ours ? ours.cpuMsPerItem <= 1.5 : undefined,
			ours ? `${fmt(ours.cpuMsPerItem, 3)} ms` : 'not run',
		]);
	}
	const httpPeak = summary['http-default']?.peakMb;
	for (const c of [5, 10]) {
		const ours = summary[`hero-c${c}`];
		targets.push([
			`peak memory ≤ HTTP Request node's (concurrency ${c})`,
			ours && httpPeak ? ours.peakMb <= httpPeak : undefined,
			ours && httpPeak ? `${fmt(ours.peakMb)} MB vs ${fmt(httpPeak)} MB` : 'not run',
		]);
	}
	targets.push([
		`rate limit: ≤ 1.15 × ${RATE_ROWS}/${RATE} s, nothing lost or duplicated`,
		rate.seconds <= rate.bound && rate.lost === 0 && rate.duplicated === 0,
		`${fmt(rate.seconds, 1)} s vs ${fmt(rate.bound, 1)} s, lost ${rate.lost}, duplicated ${rate.duplicated}`,
	]);
	console.log('\nTargets:');
	for (const [label, ok, detail] of targets) {
		console.log(`  ${ok === undefined ? 'SKIP' : ok ? 'PASS' : 'FAIL'}  ${label}: ${detail}`);
	}
}

/**
 * No API key in our node's outputs, n8n's log or the sandbox's request log.
 * @param {string} secret @param {Record<string, any>} figures @param {string} root
 */
function printLeakCheck(secret, figures, root) {
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
}

/**
 * Where our node's CPU goes, net of the NoOp's profile (BENCH_PROFILE=1).
 * @param {Record<string, any>} figures @param {Record<string, string>} profiles
 */
function printProfiles(figures, profiles) {
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
