// @ts-check
// The bench's settings (read from the environment; see scripts/bench.mjs) and small helpers.

export const ROWS = Number(process.env.BENCH_ROWS ?? 2000);
export const RUNS = Number(process.env.BENCH_RUNS ?? 3);
export const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
export const RATE = Number(process.env.BENCH_RATE ?? 50);
export const RATE_ROWS = Number(process.env.BENCH_RATE_ROWS ?? 1000);
export const ONLY = process.env.BENCH_VARIANTS ? process.env.BENCH_VARIANTS.split(',') : undefined;
export const PROFILE = process.env.BENCH_PROFILE === '1';
export const EXTRA_EXTENSIONS = process.env.BENCH_EXTENSIONS;
/** @type {Record<string, string>} */
export const N8N_EXTRA_ENV = JSON.parse(process.env.BENCH_N8N_ENV || '{}');
/** Patients of the sandbox's seed with a mobile number (1019 has none). */
export const PATIENTS = Array.from({ length: 18 }, (_, i) => String(1001 + i));
export const CLK_TCK = 100;

const started = Date.now();
/** @param {string} message */
export const say = (message) =>
	console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
/** @param {number} ms */
export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
/** The monotonic clock V8's CPU profiles use, in microseconds. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
/** @param {number[]} values */
export const median = (values) => {
	const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (!sorted.length) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
