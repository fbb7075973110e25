// @ts-check
// Measuring: CPU time and memory of the n8n process from /proc, and the Hero sandbox in its own
// process with its control API (latency, rate limit, what each campaign run sent).
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../n8n-runtime.mjs';

import { CLK_TCK, LATENCY_MS } from './common.mjs';

// ------------------------------------------------------------------------------------------------
// /proc readings of the n8n process

/** CPU seconds (user + system) of a process. @param {number} pid */
export function cpuSeconds(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// fields[0] is field 3 (state): utime is field 14, stime field 15
	return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** A line of /proc/<pid>/status in MB. @param {number} pid @param {string} name */
export function statusMb(pid, name) {
	const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(
		readFileSync(`/proc/${pid}/status`, 'utf8'),
	);
	return match ? Number(match[1]) / 1024 : NaN;
}

/** Resets the peak RSS (VmHWM) to the current RSS (Linux ≥ 4.0). @param {number} pid */
export function resetPeak(pid) {
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
export async function startSandboxProcess(logFile) {
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
export async function control(base, method, path, body) {
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
export async function campaignCounts(base, runId, rows) {
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
