// @ts-check
// `npm run test:fresh`: a new contributor's first hour, from nothing. Clones the committed tree
// (HEAD) into a temporary folder and, with an empty runtime cache (HERO_CACHE_DIR in that folder)
// and a user npm configuration of its own (how to reach the registry, nothing else):
//   1. `npx -y npm@10.9 install` (the npm of Node 20 and 22), then the same with the default npm;
//      the lock file must come out unchanged (npm 10 leaves out npm 11's `libc` fields: allowed);
//   2. `npm start` until it prints "ready" (this installs Node 24 and n8n into the empty cache),
//      one authenticated call through n8n: the sandbox credential's test over n8n's REST API, seen
//      by the sandbox as one GET /v1/me answered 200; then stops it by its process group;
//   3. `npm test`, the whole suite (jest on the Node 24 that step 2 installed), as the README says;
//   4. the release as `npm run release` runs it (n8n-node release → release-it), in release-it's
//      dry run, and auto-changelog's hook command itself: CHANGELOG.md and the tree stay as they were,
//      nothing is pushed or published;
// then removes the folder and prints each step's time. It reuses npm's download cache, never the
// runtime cache. KEEP=1 keeps the folder for a look.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	DEMO_OWNER,
	REPO_ROOT,
	RestClient,
	SANDBOX_CREDENTIAL,
	alive,
	cleanEnv,
	freePort,
	stopGroup,
	writeNpmConfig,
} from './n8n-runtime.mjs';

const work = mkdtempSync(join(tmpdir(), 'hero-fresh-'));
const repo = join(work, 'repo');
const cache = join(work, 'runtime-cache');
/** @type {Array<{ step: string, seconds: number }>} */
const times = [];
const started = Date.now();
/** @type {number | undefined} */
let startPid;

/** @param {string} message */
const say = (message) =>
	console.log(`[fresh ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

/**
 * @template T
 * @param {string} step
 * @param {() => T | Promise<T>} fn
 * @returns {Promise<T>}
 */
async function timed(step, fn) {
	say(step);
	const t0 = Date.now();
	const result = await fn();
	const seconds = (Date.now() - t0) / 1000;
	times.push({ step, seconds });
	say(`${step}: ${seconds.toFixed(1)} s`);
	return result;
}

// Nothing of the caller's npm (this script runs under `npm run`), an empty runtime cache and a user
// npmrc holding only how to reach the registry (and npm's download cache).
const userConfig = writeNpmConfig(work);
const env = cleanEnv({
	HERO_CACHE_DIR: cache,
	npm_config_userconfig: userConfig,
	// release-it: no prompts
	CI: 'true',
});

/**
 * Runs a command in the clone; its output goes to a log file, whose tail is shown on failure.
 * Answers its standard output, or both streams with `withStderr` (release-it prints the steps a
 * dry run skips, `! npm version …`, on stderr).
 * @param {string} command @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, withStderr?: boolean }} [options]
 */
function run(command, args, { env: extraEnv = {}, withStderr = false } = {}) {
	const log = join(
		work,
		`${command}-${args
			.join('-')
			.replace(/[^\w.-]+/g, '_')
			.slice(0, 60)}.log`,
	);
	const result = spawnSync(command, args, {
		cwd: repo,
		env: { ...env, ...extraEnv },
		encoding: 'utf8',
		maxBuffer: 512 * 1024 * 1024,
	});
	writeFileSync(log, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
	if (result.status !== 0) {
		const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.split('\n').slice(-40).join('\n');
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${tail}`);
	}
	return withStderr ? `${result.stdout ?? ''}\n${result.stderr ?? ''}` : (result.stdout ?? '');
}

/** @param {string} what */
function treeUnchanged(what) {
	const status = run('git', ['status', '--porcelain']);
	if (status.trim()) throw new Error(`${what} changed the committed tree:\n${status}`);
}

/** @param {string} file */
const digest = (file) =>
	createHash('sha256')
		.update(readFileSync(join(repo, file)))
		.digest('hex');

/** `npm start` in its own process group; resolves once it printed "ready". */
async function npmStart() {
	const [n8nPort, sandboxPort] = [await freePort(), await freePort()];
	const log = join(work, 'npm-start.log');
	const child = spawn('npm', ['start'], {
		cwd: repo,
		env: { ...env, N8N_PORT: String(n8nPort), SANDBOX_PORT: String(sandboxPort) },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	startPid = child.pid;
	const exited = new Promise((done) => child.once('close', done));
	let output = '';
	/** @param {Buffer} chunk */
	const keep = (chunk) => {
		output += chunk;
		writeFileSync(log, output);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const deadline = Date.now() + 40 * 60_000;
	while (!/\] ready\n/.test(output)) {
		if (child.exitCode !== null || Date.now() > deadline) {
			throw new Error(
				`npm start ${child.exitCode === null ? 'not ready in 40 min' : `exited ${child.exitCode}`}:\n${output.split('\n').slice(-40).join('\n')}`,
			);
		}
		await new Promise((done) => setTimeout(done, 500));
	}
	// Let the banner after "ready" arrive.
	await new Promise((done) => setTimeout(done, 500));
	const n8nUrl = /n8n with n8n-nodes-herohealth:\s+(\S+)/.exec(output)?.[1];
	const sandbox =
		/Hero sandbox \(API base URL\):\s+(\S+)\s+\(API key (\S+), practice group (\S+)\)/.exec(output);
	if (!n8nUrl || !sandbox) throw new Error(`npm start printed no URLs:\n${output}`);
	return {
		pid: /** @type {number} */ (child.pid),
		exited,
		n8nUrl,
		sandbox: { url: sandbox[1], apiKey: sandbox[2], practiceGroupId: sandbox[3] },
	};
}

try {
	await timed('git clone of HEAD', () => {
		const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
		const sha = head.stdout.trim();
		spawnSync('git', ['clone', '--quiet', '--no-checkout', REPO_ROOT, repo], { stdio: 'inherit' });
		// As a maintainer's clone: branch main at HEAD, tracking origin/main, origin on GitHub (the
		// release's dry run reads the repository from it; it pushes nothing).
		run('git', ['checkout', '--quiet', '-B', 'main', sha]);
		run('git', ['update-ref', 'refs/remotes/origin/main', sha]);
		run('git', ['branch', '--quiet', '--set-upstream-to=origin/main', 'main']);
		const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
		run('git', ['remote', 'set-url', 'origin', pkg.repository.url.replace(/^git\+/, '')]);
		say(`cloned ${sha.slice(0, 12)} into ${repo}`);
	});
	const npm10 = await timed('npx -y npm@10.9 install (Node ' + process.version + ')', () =>
		run('npx', ['-y', 'npm@10.9', 'install', '--no-audit', '--no-fund']),
	);
	say(npm10.trim().split('\n').pop() ?? '');
	// npm 10 writes the lock file without npm 11's `libc` fields; nothing else may differ.
	const withoutLibc = (/** @type {string} */ text) =>
		JSON.stringify(JSON.parse(text), (key, value) => (key === 'libc' ? undefined : value));
	const committedLock = run('git', ['show', 'HEAD:package-lock.json']);
	if (
		withoutLibc(readFileSync(join(repo, 'package-lock.json'), 'utf8')) !==
		withoutLibc(committedLock)
	) {
		throw new Error('npm 10.9 install changed package-lock.json beyond its libc fields');
	}
	run('git', ['checkout', '--', 'package-lock.json']);
	treeUnchanged('npm 10.9 install');
	rmSync(join(repo, 'node_modules'), { recursive: true, force: true });
	const npmDefault = await timed(
		`npm install (npm ${spawnSync('npm', ['--version'], { env, encoding: 'utf8' }).stdout.trim()})`,
		() => run('npm', ['install', '--no-audit', '--no-fund']),
	);
	say(npmDefault.trim().split('\n').pop() ?? '');
	treeUnchanged('npm install');

	const start = await timed(
		'npm start until ready (installs Node 24 and n8n into the empty cache)',
		npmStart,
	);
	await timed('the sandbox credential tested through n8n (REST, logged in)', async () => {
		const rest = new RestClient(start.n8nUrl);
		await rest.call('POST', '/rest/login', {
			emailOrLdapLoginId: DEMO_OWNER.email,
			password: DEMO_OWNER.password,
		});
		const credentials = await rest.call('GET', '/rest/credentials');
		if (!credentials.some((/** @type {any} */ saved) => saved.id === SANDBOX_CREDENTIAL.id)) {
			throw new Error(`"${SANDBOX_CREDENTIAL.name}" is not among n8n's credentials`);
		}
		const result = await rest.call('POST', '/rest/credentials/test', {
			credentials: {
				id: SANDBOX_CREDENTIAL.id,
				name: SANDBOX_CREDENTIAL.name,
				type: 'heroHealthApi',
				data: {
					apiKey: start.sandbox.apiKey,
					practiceGroupId: start.sandbox.practiceGroupId,
					environment: 'custom',
					baseUrl: start.sandbox.url,
				},
			},
		});
		if (result.status !== 'OK') throw new Error(`credential test: ${JSON.stringify(result)}`);
		const counters = await (await fetch(`${start.sandbox.url}/__sandbox/counters`)).json();
		const me = counters.requests?.['GET /v1/me'];
		if (me?.answered?.['200'] !== 1) {
			throw new Error(`the sandbox saw no authenticated GET /v1/me: ${JSON.stringify(me)}`);
		}
	});
	await timed('stop npm start (SIGTERM to its process group)', async () => {
		await stopGroup(start.pid, start.exited, 'SIGTERM', 30_000);
		if (alive(start.pid)) throw new Error(`npm start (pid ${start.pid}) still runs`);
		// npm exits before start.mjs has finished stopping n8n: wait for the whole group to be gone.
		const groupAlive = () => {
			try {
				process.kill(-(/** @type {number} */ (start.pid)), 0);
				return true;
			} catch (error) {
				if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ESRCH') throw error;
				return false;
			}
		};
		const deadline = Date.now() + 60_000;
		while (groupAlive()) {
			if (Date.now() > deadline) {
				throw new Error(`processes of npm start's group ${start.pid} still run after 60 s`);
			}
			await new Promise((done) => setTimeout(done, 500));
		}
		startPid = undefined;
		const stillThere = await fetch(`${start.n8nUrl}/healthz`).then(
			() => true,
			() => false,
		);
		if (stillThere) throw new Error(`n8n still answers at ${start.n8nUrl}`);
	});

	await timed('npm test', () => say(run('npm', ['test']).trim().split('\n').pop() ?? ''));

	await timed('npm run release in dry-run, and its changelog hook', () => {
		const changelog = digest('CHANGELOG.md');
		// n8n-node release passes no option through to release-it; release-it reads dry-run from its
		// config file, written for this run only and kept out of git's view.
		writeFileSync(
			join(repo, '.release-it.json'),
			JSON.stringify({ 'dry-run': true, github: { skipChecks: true } }),
		);
		writeFileSync(join(repo, '.git', 'info', 'exclude'), '.release-it.json\n', { flag: 'a' });
		const out = run('npm', ['run', 'release'], { withStderr: true });
		for (const skipped of ['! npm version', '! npx auto-changelog -p', '! git push']) {
			if (!out.includes(skipped))
				throw new Error(`the dry run did not show "${skipped}":\n${out.slice(-3000)}`);
		}
		if (!/Done \(in \d+s\.\)/.test(out))
			throw new Error(`release-it did not finish:\n${out.slice(-3000)}`);
		// The hook release-it skipped in its dry run, as a real release runs it after the version bump.
		run('npx', ['auto-changelog', '-p']);
		if (digest('CHANGELOG.md') !== changelog)
			throw new Error('auto-changelog rewrote CHANGELOG.md');
		treeUnchanged('the release dry run');
		say('CHANGELOG.md unchanged; nothing committed, tagged, pushed or published');
	});
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
} finally {
	if (startPid) {
		try {
			process.kill(-startPid, 'SIGKILL');
		} catch {
			// gone
		}
	}
	if (process.env.KEEP) say(`kept ${work}`);
	else
		await timed('remove the clone and its runtime cache', () =>
			rmSync(work, { recursive: true, force: true }),
		);
	console.log('\ntest:fresh times:');
	for (const { step, seconds } of times)
		console.log(`  ${seconds.toFixed(1).padStart(7)} s  ${step}`);
	console.log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s  total`);
	console.log(process.exitCode ? 'test:fresh: FAILED' : 'test:fresh: passed');
}
