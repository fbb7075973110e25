// @ts-check
// CPU profiles (BENCH_PROFILE=1)
//
// n8n runs with --cpu-prof; only the samples taken during the measured runs count (V8's sample
// times and process.hrtime() read the same monotonic clock). Each sample goes to one category, by
// the frames on its stack, checked in this order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
export function profileReport(label, ours, noop, items) {
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
export function mainProfile(dir) {
	const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
	if (!files.length) throw new Error(`no CPU profile in ${dir}`);
	return files
		.map((name) => join(dir, name))
		.sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
}
