// @ts-check
// Debian's PostgreSQL and Redis for the queue-mode suite: installed with apt-get when missing, run
// from a throwaway folder on free loopback ports, stopped by PID. PostgreSQL refuses to run as
// root, so as root it runs as the `postgres` system user the Debian package creates.
import { spawn, spawnSync } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

import { freePort, stopGroup } from '../../scripts/n8n-runtime.mjs';

const PG_ROOT = '/usr/lib/postgresql';

/** @param {number} ms */
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** The newest PostgreSQL server's bin folder, or undefined. */
function postgresBin() {
	if (!existsSync(PG_ROOT)) return undefined;
	const versions = readdirSync(PG_ROOT)
		.filter((name) => existsSync(join(PG_ROOT, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(PG_ROOT, versions[0], 'bin') : undefined;
}

/** @param {string} name */
function onPath(name) {
	return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/**
 * Installs Debian's postgresql and redis-server when either is missing (apt-get update once).
 * @param {(line: string) => void} log
 * @returns {{ installed: string[], seconds: number }}
 */
export function ensureServices(log) {
	const missing = [];
	if (!postgresBin()) missing.push('postgresql');
	if (!onPath('redis-server')) missing.push('redis-server');
	if (!missing.length) return { installed: [], seconds: 0 };
	if (process.getuid?.() !== 0) {
		throw new Error(
			`Install ${missing.join(' and ')} first (apt-get install -y ${missing.join(' ')})`,
		);
	}
	const t0 = Date.now();
	log(`installing ${missing.join(', ')} with apt-get`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
		const result = spawnSync('apt-get', args, { env, encoding: 'utf8', maxBuffer: 64 << 20 });
		if (result.status !== 0) {
			throw new Error(
				`apt-get ${args.join(' ')} failed:\n${(result.stdout + result.stderr).slice(-3000)}`,
			);
		}
	}
	return { installed: missing, seconds: (Date.now() - t0) / 1000 };
}

/**
 * A background service in its own process group, output to a log file.
 * @param {string} command @param {string[]} args
 * @param {{ log: string, uid?: number, gid?: number, cwd?: string, onSpawn?: (pid: number) => void }} options
 */
function startProcess(command, args, { log, uid, gid, cwd, onSpawn }) {
	const fd = openSync(log, 'a');
	const child = spawn(command, args, {
		stdio: ['ignore', fd, fd],
		detached: true,
		cwd,
		...(uid === undefined ? {} : { uid, gid }),
	});
	closeSync(fd);
	const pid = /** @type {number} */ (child.pid);
	onSpawn?.(pid);
	let exited = false;
	/** @type {Promise<void>} */
	const exitPromise = new Promise((done) => child.on('exit', () => ((exited = true), done())));
	/** @param {NodeJS.Signals} signal first signal; SIGKILL after 15 s */
	const stop = async (signal) => {
		if (!exited) await stopGroup(pid, exitPromise, signal, 15_000);
	};
	return { pid, stop, isExited: () => exited };
}

/** @param {string} name @returns {{ uid: number, gid: number } | undefined} */
function systemUser(name) {
	const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
	const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
	if (uid.status !== 0 || gid.status !== 0) return undefined;
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * initdb in `dir`, then the postmaster on 127.0.0.1:<free port> with a database and user `n8n`.
 * Durability off (fsync, synchronous_commit): the data is thrown away afterwards.
 * @param {{ dir: string, onSpawn?: (pid: number) => void }} options
 */
export async function startPostgres({ dir, onSpawn }) {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL is not installed');
	const user = process.getuid?.() === 0 ? systemUser('postgres') : undefined;
	if (process.getuid?.() === 0 && !user) throw new Error('no postgres system user');
	const data = join(dir, 'data');
	mkdirSync(data, { recursive: true });
	if (user) {
		// the postgres user must reach `dir`: its parent (a mkdtemp folder, 0700) opens for traversal
		chmodSync(dirname(dir), 0o711);
		chownSync(dir, user.uid, user.gid);
		chownSync(data, user.uid, user.gid);
	}
	const init = spawnSync(
		join(bin, 'initdb'),
		['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8'],
		{ encoding: 'utf8', cwd: dir, ...(user ?? {}) },
	);
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
	const port = await freePort();
	const log = join(dir, 'postgres.log');
	const server = startProcess(
		join(bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir, // its Unix socket in our folder, not /var/run/postgresql
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		{ log, cwd: dir, onSpawn, ...(user ?? {}) },
	);
	/** @param {string} sql */
	const psql = (sql) =>
		spawnSync(
			join(bin, 'psql'),
			['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', sql],
			{
				encoding: 'utf8',
			},
		);
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (server.isExited())
			throw new Error(`PostgreSQL exited:\n${readFileSync(log, 'utf8').slice(-2000)}`);
		if (psql('select 1').status === 0) break;
		if (Date.now() > deadline) {
			await server.stop('SIGINT');
			throw new Error(`PostgreSQL did not start within 60 s; log ${log}`);
		}
		await sleep(250);
	}
	for (const sql of ["CREATE USER n8n PASSWORD 'n8n'", 'CREATE DATABASE n8n OWNER n8n']) {
		const result = psql(sql);
		if (result.status !== 0) throw new Error(`${sql}: ${result.stderr}`);
	}
	return {
		port,
		pid: server.pid,
		log,
		/** The n8n settings for this database. */
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: 'n8n',
		},
		psql,
		// SIGINT: PostgreSQL's fast shutdown
		stop: () => server.stop('SIGINT'),
	};
}

/**
 * redis-server on 127.0.0.1:<free port>, nothing written to disk.
 * @param {{ dir: string, onSpawn?: (pid: number) => void }} options
 */
export async function startRedis({ dir, onSpawn }) {
	const port = await freePort();
	const log = join(dir, 'redis.log');
	mkdirSync(dir, { recursive: true });
	const server = startProcess(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--dir',
			dir,
		],
		{ log, cwd: dir, onSpawn },
	);
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (server.isExited())
			throw new Error(`redis-server exited:\n${readFileSync(log, 'utf8').slice(-2000)}`);
		if (/Ready to accept connections/.test(readFileSync(log, 'utf8'))) break;
		if (Date.now() > deadline) {
			await server.stop('SIGTERM');
			throw new Error(`Redis did not start within 30 s; log ${log}`);
		}
		await sleep(100);
	}
	return {
		port,
		pid: server.pid,
		log,
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		stop: () => server.stop('SIGTERM'),
	};
}
