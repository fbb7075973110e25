// @ts-check
// Running n8n: startN8n() runs `n8n start` on 127.0.0.1 with this package loaded from its built
// `dist/`; n8nCli() runs its CLI against the same user folder.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { cleanEnv, ENCRYPTION_KEY, ensureRuntime, REPO_ROOT } from './install.mjs';
/** @typedef {import('./install.mjs').Runtime} Runtime */

/** A free TCP port on 127.0.0.1. @returns {Promise<number>} */
export function freePort() {
	return new Promise((done, fail) => {
		const server = createServer();
		server.unref();
		server.on('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => done(port));
		});
	});
}

/**
 * Environment for every n8n process on one user folder (server, CLI import, CLI execute).
 * @param {Runtime} runtime
 * @param {{ userFolder: string, extensions?: string, filesDir?: string, env?: Record<string, string> }} options
 * @returns {NodeJS.ProcessEnv}
 */
export function n8nEnv(
	runtime,
	{ userFolder, extensions = join(REPO_ROOT, 'dist'), filesDir, env = {} },
) {
	return cleanEnv({
		PATH: `${join(runtime.nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_CUSTOM_EXTENSIONS: extensions,
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RESTRICT_FILE_ACCESS_TO: filesDir ?? join(userFolder, 'files'),
		GENERIC_TIMEZONE: 'Europe/London',
		TZ: 'Europe/London',
		DB_TYPE: 'sqlite',
		...env,
	});
}

/**
 * Runs an n8n CLI command to completion. @returns {{ status: number | null, stdout: string, stderr: string }}
 * @param {Runtime} runtime
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
export function n8nCli(runtime, args, env) {
	const result = spawnSync(runtime.nodeBin, [runtime.n8nBin, ...args], {
		env,
		encoding: 'utf8',
		maxBuffer: 256 * 1024 * 1024,
	});
	return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/**
 * Async variant of n8nCli (does not block the event loop, so in-process servers keep answering).
 * @param {Runtime} runtime
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ status: number | null, stdout: string, stderr: string }>}
 */
export function n8nCliAsync(runtime, args, env) {
	return new Promise((done, fail) => {
		const child = spawn(runtime.nodeBin, [runtime.n8nBin, ...args], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		// a caller that exits (Ctrl-C) takes the command with it
		const end = () => child.kill('SIGKILL');
		process.once('exit', end);
		child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		child.on('error', fail);
		child.on('close', (status) => {
			process.off('exit', end);
			done({ status, stdout, stderr });
		});
	});
}

/**
 * Ends a process group started with `detached: true`: `signal` to the group, SIGKILL after
 * `graceMs` if its leader has not exited by then.
 * @param {number} pid @param {Promise<void>} exited the leader's exit
 * @param {NodeJS.Signals} signal @param {number} graceMs
 */
export async function stopGroup(pid, exited, signal, graceMs) {
	try {
		process.kill(-pid, signal);
	} catch {
		return;
	}
	const timer = setTimeout(() => {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}, graceMs);
	await exited;
	clearTimeout(timer);
}

/**
 * Starts `n8n start` (or, in queue mode, `n8n worker` / `n8n webhook`) and waits until
 * /healthz/readiness answers 200. A worker serves that only on its health server, so for a worker
 * `port` and `url` are its health server's (QUEUE_HEALTH_CHECK_PORT).
 * @param {{ userFolder: string, port?: number, env?: Record<string, string>, extensions?: string,
 *   filesDir?: string, runtime?: Runtime, log?: string, command?: 'start' | 'worker' | 'webhook',
 *   args?: string[], onSpawn?: (pid: number) => void }} options
 * @returns {Promise<{ url: string, port: number, runtime: Runtime, env: NodeJS.ProcessEnv,
 *   log: string, pid: number, exited: Promise<void>, stop: () => Promise<void> }>}
 */
export async function startN8n({
	userFolder,
	port,
	env = {},
	extensions,
	filesDir,
	runtime,
	log,
	command = 'start',
	args = [],
	onSpawn,
}) {
	const rt = runtime ?? (await ensureRuntime());
	mkdirSync(userFolder, { recursive: true });
	const files = filesDir ?? join(userFolder, 'files');
	mkdirSync(files, { recursive: true });
	const listenPort = port ?? (await freePort());
	const brokerPort = await freePort();
	const url = `http://127.0.0.1:${listenPort}`;
	/** @type {Record<string, string>} */
	const server =
		command === 'worker'
			? {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(listenPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}
			: {
					N8N_PORT: String(listenPort),
					N8N_WEBHOOK_URL: `${url}/`,
					N8N_EDITOR_BASE_URL: `${url}/`,
				};
	const childEnv = n8nEnv(rt, {
		userFolder,
		extensions,
		filesDir: files,
		env: {
			...server,
			// every n8n process runs its own task broker: one port each
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			...env,
		},
	});
	const logFile = log ?? join(userFolder, 'n8n.log');
	const fd = openSync(logFile, 'a');
	const child = spawn(rt.nodeBin, [rt.n8nBin, command, ...args], {
		env: childEnv,
		stdio: ['ignore', fd, fd],
		detached: true, // own process group: stop() ends n8n and its task runners together
	});
	closeSync(fd);
	let exited = false;
	/** @type {Promise<void>} */
	const exitPromise = new Promise((done) =>
		child.on('exit', () => {
			exited = true;
			done();
		}),
	);
	const pid = /** @type {number} */ (child.pid);
	// lets a caller that is stopped during start-up (Ctrl-C) end this process group too
	onSpawn?.(pid);

	const stop = async () => {
		if (exited) return;
		await stopGroup(pid, exitPromise, 'SIGTERM', 20_000);
		// task runners of the same group, if n8n left any
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// none
		}
	};

	const deadline = Date.now() + 180_000;
	for (;;) {
		if (exited) {
			const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
			throw new Error(`n8n ${command} exited during start-up; log ${logFile}:\n${tail}`);
		}
		try {
			const response = await fetch(`${url}/healthz/readiness`);
			if (response.status === 200) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n ${command} did not become ready within 180 s; log ${logFile}`);
		}
		await new Promise((done) => setTimeout(done, 500));
	}
	return {
		url,
		port: listenPort,
		runtime: rt,
		env: childEnv,
		log: logFile,
		pid,
		exited: exitPromise,
		stop,
	};
}
