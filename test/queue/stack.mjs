// @ts-check
// n8n in queue mode on one machine: PostgreSQL, Redis, one main instance, two workers and one
// webhook processor (n8n 2.41.1 on Node 24, the e2e suite's cache), plus the Hero sandbox.
// Not a test file itself: queue.test.mjs imports it. Everything started here is stopped by PID,
// also when the run fails or is stopped with Ctrl-C / SIGTERM.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	alive,
	buildPackage,
	copyExampleData,
	ensureRuntime,
	freePort,
	importCredential,
	loadSandbox,
	n8nEnv,
	sandboxCredential,
	setupOwner,
	startN8n,
} from '../../scripts/n8n-runtime.mjs';
import { ensureServices, startPostgres, startRedis } from './services.mjs';

/** Seconds since `t0`, one decimal. @param {number} t0 */
const since = (t0) => ((Date.now() - t0) / 1000).toFixed(1);

/** Jobs each worker runs at once: 1, so two campaigns started together go one to each worker. */
const WORKER_CONCURRENCY = 1;

/**
 * Bull's lock and stall check, shortened from n8n's 60 s / 30 s so that a killed worker's job is
 * noticed within seconds; the lock is renewed every 3 s, so a busy worker keeps it.
 */
const QUEUE_TIMING = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

/**
 * @param {{ log?: (line: string) => void }} [options]
 */
export async function startQueueStack({ log = (line) => console.log(line) } = {}) {
	const t0 = Date.now();
	const root = mkdtempSync(join(tmpdir(), 'hero-queue-'));
	const filesDir = join(root, 'files');
	/** Process groups we started (n8n processes, PostgreSQL, Redis), for the signal handler. */
	const groups = new Set();
	/** @param {number} pid */
	const track = (pid) => groups.add(pid);
	/** @type {Array<{ name: string, stop: () => Promise<void> }>} */
	const stoppers = [];
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		for (const { stop: stopOne } of stoppers.reverse()) {
			try {
				await stopOne();
			} catch {
				// best effort; the check below reports what is left
			}
		}
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		const left = [...groups].filter(alive);
		for (const pid of left) {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				// gone meanwhile
			}
		}
		if (!process.env.HERO_QUEUE_KEEP) rmSync(root, { recursive: true, force: true });
		if (left.length) throw new Error(`processes still running after stop: ${left.join(', ')}`);
	};
	/** @param {NodeJS.Signals} signal */
	function onSignal(signal) {
		// Ctrl-C or SIGTERM: end every process group at once, then leave.
		for (const pid of groups) {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				// gone
			}
		}
		if (!process.env.HERO_QUEUE_KEEP) rmSync(root, { recursive: true, force: true });
		process.exit(signal === 'SIGINT' ? 130 : 143);
	}
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	try {
		const apt = ensureServices(log);
		if (apt.installed.length)
			log(`apt-get installed ${apt.installed.join(', ')} (${apt.seconds.toFixed(1)} s)`);
		const runtime = await ensureRuntime();
		const extensions = buildPackage({ into: join(root, 'package-dist') });
		log(`runtime and package ready (${since(t0)} s)`);

		const postgres = await startPostgres({ dir: join(root, 'postgres'), onSpawn: track });
		stoppers.push({ name: 'postgres', stop: postgres.stop });
		const redis = await startRedis({ dir: join(root, 'redis'), onSpawn: track });
		stoppers.push({ name: 'redis', stop: redis.stop });
		log(`PostgreSQL :${postgres.port} and Redis :${redis.port} up (${since(t0)} s)`);

		const { startSandbox } = await loadSandbox();
		const sandbox = await startSandbox({ port: 0 });
		stoppers.push({ name: 'sandbox', stop: () => sandbox.stop() });
		copyExampleData(filesDir);

		// Hero calls the webhook processor: every instance gives that URL to the nodes (the main
		// instance registers the trigger's webhooks with it), and the main serves no production webhooks.
		const webhookPort = await freePort();
		const webhookUrl = `http://127.0.0.1:${webhookPort}`;
		/** @type {Record<string, string>} */
		const queueEnv = {
			...postgres.env,
			...redis.env,
			...QUEUE_TIMING,
			EXECUTIONS_MODE: 'queue',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_WEBHOOK_URL: `${webhookUrl}/`,
		};
		/**
		 * @param {string} name @param {'start' | 'worker' | 'webhook'} command
		 * @param {{ port?: number, args?: string[], env?: Record<string, string> }} [options]
		 */
		const launch = async (name, command, { port, args, env = {} } = {}) => {
			const n8n = await startN8n({
				command,
				args,
				port,
				userFolder: join(root, name),
				filesDir,
				extensions,
				runtime,
				log: join(root, `${name}.log`),
				env: { ...queueEnv, ...env },
				onSpawn: track,
			});
			stoppers.push({ name, stop: n8n.stop });
			return { name, ...n8n };
		};

		// The main instance first: it creates the schema in PostgreSQL.
		const mainEnv = { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' };
		let main = await launch('main', 'start', { env: mainEnv });
		log(`main ${main.url} ready (${since(t0)} s)`);
		const { rest, apiKey } = await setupOwner(main.url);
		if (!apiKey) throw new Error('no API key');
		const env = n8nEnv(runtime, {
			userFolder: join(root, 'main'),
			filesDir,
			extensions,
			env: queueEnv,
		});
		await importCredential(runtime, env, sandboxCredential(sandbox));

		const [webhook, worker1, worker2] = await Promise.all([
			launch('webhook', 'webhook', { port: webhookPort }),
			launch('worker1', 'worker', { args: [`--concurrency=${WORKER_CONCURRENCY}`] }),
			launch('worker2', 'worker', { args: [`--concurrency=${WORKER_CONCURRENCY}`] }),
		]);
		log(`webhook processor ${webhook.url}, worker1 and worker2 ready (${since(t0)} s)`);

		const stack = {
			root,
			userFolder: join(root, 'main'),
			filesDir,
			runtime,
			extensions,
			env,
			sandbox,
			postgres,
			redis,
			/** The main instance (editor, public API, activation); `n8n` for the e2e harness's helpers. */
			n8n: main,
			webhook,
			workers: [worker1, worker2],
			rest,
			apiKey,
			stop,
			/**
			 * Stops the main instance, runs `whileDown`, and starts it again on the same port, user
			 * folder and database.
			 * @param {() => Promise<void>} [whileDown]
			 */
			async restartMain(whileDown) {
				await main.stop();
				const index = stoppers.findIndex((entry) => entry.name === 'main');
				if (index >= 0) stoppers.splice(index, 1);
				try {
					await whileDown?.();
				} finally {
					main = await launch('main', 'start', { port: main.port, env: mainEnv });
				}
				stack.n8n = main;
				return main;
			},
			/**
			 * The worker whose log says it started this execution (n8n logs "Worker started
			 * execution <id> (job <n>)"), or undefined.
			 * @param {string} executionId
			 */
			workerOf(executionId) {
				const line = `Worker started execution ${executionId} (`;
				return stack.workers.find((worker) => readFileSync(worker.log, 'utf8').includes(line));
			},
		};
		return stack;
	} catch (error) {
		await stop().catch(() => undefined);
		throw error;
	}
}

/** @typedef {Awaited<ReturnType<typeof startQueueStack>>} QueueStack */
