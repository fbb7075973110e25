// @ts-check
// `npm start`: builds the package, starts the local Hero sandbox and a real n8n 2.41.1 with the
// package loaded, signs in a demo owner, points a "Hero Health (local sandbox)" credential at the
// sandbox and imports the example workflows. Ctrl-C stops everything.
//
// n8n's data (workflows, credentials, executions, the owner) persists in
// ~/.cache/herohealth/start-user (or $HERO_CACHE_DIR/start-user); delete that folder to start over.
// The sandbox keeps its data in memory only: every `npm start` begins from its seed.
// Ports: n8n on 5678 and the sandbox on 4010 when free (N8N_PORT / SANDBOX_PORT to choose others).
//
// `npm run dev` (`--dev`): the same, but n8n loads dist/ itself while `tsc --watch` rebuilds it and
// reloads the nodes on every change (N8N_DEV_RELOAD), as `n8n-node dev --external-n8n` does with
// the n8n it would otherwise fetch (`npx n8n@latest`, which cannot install here: see the README).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import {
	DEMO_OWNER,
	EXAMPLES_DIR,
	REPO_ROOT,
	buildPackage,
	cacheDir,
	cleanEnv,
	copyExampleData,
	ensureRuntime,
	importCredential,
	importWorkflows,
	loadSandbox,
	n8nEnv,
	prepareWorkflow,
	readExample,
	sandboxCredential,
	setupOwner,
	startN8n,
} from './n8n-runtime.mjs';

const started = Date.now();
/** @param {string} message */
const step = (message) =>
	console.log(`[start ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);

/** Whether a TCP port on 127.0.0.1 is free. @param {number} port @returns {Promise<boolean>} */
function portFree(port) {
	return new Promise((done) => {
		const server = createServer();
		server.once('error', () => done(false));
		server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
	});
}

/** @param {string | undefined} wanted @param {number} preferred */
async function choosePort(wanted, preferred) {
	if (wanted) return Number(wanted);
	return (await portFree(preferred)) ? preferred : 0;
}

/** @type {Array<() => Promise<void>>} */
const cleanups = [];
let stopping = false;
/** @param {number} code */
async function shutdown(code) {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping n8n and the sandbox...');
	for (const cleanup of cleanups.reverse()) {
		try {
			await cleanup();
		} catch (error) {
			console.error(String(error));
		}
	}
	process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
	const userFolder = join(cacheDir(), 'start-user');
	const filesDir = join(userFolder, 'files');
	mkdirSync(userFolder, { recursive: true });

	const dev = process.argv.includes('--dev');
	step('building the package (npm run build)');
	// n8n loads a copy of dist/, so rebuilding while n8n runs cannot break it half-way; in dev mode
	// it loads dist/ and reloads on each rebuild.
	const copy = buildPackage({ into: join(userFolder, 'package-dist') });
	const extensions = dev ? join(REPO_ROOT, 'dist') : copy;
	if (dev) {
		// n8n's reloader lists <extension>/node_modules (as in ~/.n8n/custom) and gives up without it.
		mkdirSync(join(extensions, 'node_modules'), { recursive: true });
		step('tsc --watch: rebuilding dist/ on every change');
		const tsc = spawn(
			join(REPO_ROOT, 'node_modules', '.bin', 'tsc'),
			['--watch', '--preserveWatchOutput'],
			{
				cwd: REPO_ROOT,
				env: cleanEnv(),
				stdio: ['ignore', 'inherit', 'inherit'],
			},
		);
		cleanups.push(async () => void tsc.kill());
	}

	step('starting the Hero sandbox');
	const { startSandbox } = await loadSandbox();
	const sandbox = await startSandbox({ port: await choosePort(process.env.SANDBOX_PORT, 4010) });
	cleanups.push(() => sandbox.stop());
	step(`sandbox at ${sandbox.url}`);

	step('checking Node 24 and n8n in the cache (the first time this installs them: ~6 min)');
	const runtime = await ensureRuntime();

	copyExampleData(filesDir);
	const env = n8nEnv(runtime, { userFolder, filesDir, extensions });

	step('saving the "Hero Health (local sandbox)" credential');
	await importCredential(runtime, env, sandboxCredential(sandbox));

	// Examples are imported the first time and again only when their file changed, so that
	// changes made in n8n survive a restart.
	const importedFile = join(userFolder, 'imported-examples.json');
	/** @type {Record<string, string>} */
	const imported = existsSync(importedFile) ? JSON.parse(readFileSync(importedFile, 'utf8')) : {};
	const changed = [];
	for (const file of readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()) {
		const hash = createHash('sha256')
			.update(readFileSync(join(EXAMPLES_DIR, file)))
			.digest('hex');
		if (imported[file] !== hash) changed.push({ file, hash });
	}
	if (changed.length) {
		step(`importing examples: ${changed.map((entry) => entry.file).join(', ')}`);
		await importWorkflows(
			runtime,
			env,
			changed.map(({ file }) => prepareWorkflow(readExample(file), { filesDir })),
		);
		for (const { file, hash } of changed) imported[file] = hash;
		writeFileSync(importedFile, JSON.stringify(imported, null, 2));
	}

	step('starting n8n');
	const n8n = await startN8n({
		env: dev ? { N8N_DEV_RELOAD: 'true' } : {},
		userFolder,
		filesDir,
		extensions,
		port: await choosePort(process.env.N8N_PORT, 5678),
		runtime,
	});
	cleanups.push(() => n8n.stop());
	n8n.exited.then(() => {
		if (!stopping) {
			console.error(`n8n stopped unexpectedly; its log: ${n8n.log}`);
			void shutdown(1);
		}
	});

	let login = `${DEMO_OWNER.email} / ${DEMO_OWNER.password}`;
	try {
		await setupOwner(n8n.url, DEMO_OWNER, { apiKey: false });
	} catch {
		login = `the owner account you set up earlier (the demo login ${login} did not work)`;
	}
	step('ready');
	console.log(`
  n8n with n8n-nodes-herohealth:  ${n8n.url}
  Log in as:                      ${login}
  Hero sandbox (API base URL):    ${sandbox.url}   (API key ${sandbox.apiKey}, practice group ${sandbox.practiceGroupId})
  Credential:                     "Hero Health (local sandbox)"
  Example workflows:              ${Object.keys(imported).join(', ')}
  Files the examples read/write:  ${filesDir}
  n8n data and log:               ${userFolder} (n8n.log)

  Sandbox controls: GET ${sandbox.url}/__sandbox/state, POST ${sandbox.url}/__sandbox/appointments/<id>/confirm
  Press Ctrl-C to stop n8n and the sandbox.
`);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	await shutdown(1);
}
