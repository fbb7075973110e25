// @ts-check
// Setting up: the runtime, this package's build, the sandbox, the credentials and workflows in
// n8n's user folder, the variants compared, and `n8n start` for each of them (owner, API key and
// activation on the first start).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
	activate,
	buildPackage,
	ensureRuntime,
	importCredentials,
	importWorkflows,
	n8nEnv,
	sandboxCredential,
	setupOwner,
	startN8n,
} from '../n8n-runtime.mjs';

import { EXTRA_EXTENSIONS, N8N_EXTRA_ENV, say } from './common.mjs';
import { startSandboxProcess } from './measure.mjs';
import {
	campaignWorkflow,
	HEADER_CREDENTIAL,
	HERO_CREDENTIAL,
	heroTarget,
	httpTarget,
	NOOP_TARGET,
} from './workflows.mjs';

/**
 * Runtime, build, sandbox (stop it when done) and both credentials, imported into `root`/n8n.
 * @param {string} root
 */
export async function setUp(root) {
	const runtime = await ensureRuntime();
	const extensions = buildPackage({ into: join(root, 'package-dist') });
	const sandbox = await startSandboxProcess(join(root, 'sandbox.log'));
	say(`sandbox ${sandbox.url} (pid ${sandbox.pid})`);
	const userFolder = join(root, 'n8n');
	const filesDir = join(root, 'files');
	mkdirSync(filesDir, { recursive: true });
	const env = n8nEnv(runtime, { userFolder, filesDir, extensions });
	try {
		await importCredentials(runtime, env, [
			sandboxCredential(sandbox, HERO_CREDENTIAL),
			{
				...HEADER_CREDENTIAL,
				type: 'httpHeaderAuth',
				data: { name: 'x-api-key', value: sandbox.apiKey },
			},
		]);
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
	return { root, runtime, extensions, sandbox, userFolder, filesDir, env };
}

/** @typedef {Awaited<ReturnType<typeof setUp>>} Setup */
/**
 * @typedef {{ name: string, kind: 'noop' | 'hero' | 'http' | 'proto', concurrency?: number,
 *   workflow: ReturnType<typeof campaignWorkflow> }} Variant
 */

/**
 * The variants compared: the NoOp, our node, n8n's HTTP Request node and, with BENCH_EXTENSIONS,
 * the other build.
 * @param {{ url: string, practiceGroupId: string }} sandbox @returns {Variant[]}
 */
export function variants(sandbox) {
	/** @type {(name: string, kind: Variant['kind'], target: Record<string, unknown>, concurrency?: number) => Variant} */
	const variant = (name, kind, target, concurrency) => ({
		name,
		kind,
		...(concurrency ? { concurrency } : {}),
		workflow: campaignWorkflow(name, target),
	});
	/** @param {number} [batchSize] */
	const http = (batchSize) => httpTarget(sandbox.url, sandbox.practiceGroupId, batchSize);
	return [
		variant('noop', 'noop', NOOP_TARGET),
		variant('hero-c5', 'hero', heroTarget(5), 5),
		variant('hero-c10', 'hero', heroTarget(10), 10),
		variant('http-default', 'http', http()),
		variant('http-batch5', 'http', http(5)),
		variant('http-batch10', 'http', http(10)),
		...(EXTRA_EXTENSIONS
			? [
					variant('proto-c5', 'proto', heroTarget(5), 5),
					variant('proto-c10', 'proto', heroTarget(10), 10),
				]
			: []),
	];
}

/**
 * Imports the workflows; answers `start(extensions)(extra env)`, which starts n8n with this or
 * another build (all in the same user folder, log `root`/n8n.log), and the API key. The first start
 * sets up the owner and activates every workflow.
 * @param {Setup} setup @param {Array<{ id: string }>} workflows
 */
export async function n8nStarter(setup, workflows) {
	const { root, runtime, extensions, userFolder, filesDir, env } = setup;
	await importWorkflows(runtime, env, workflows);
	say('credentials and workflows imported');
	let apiKey = '';
	/** @param {string | undefined} [dir] @returns {(extra?: Record<string, string>) => ReturnType<typeof startN8n>} */
	const start = (dir) => async (extra) => {
		const n8n = await startN8n({
			userFolder,
			filesDir,
			extensions: dir ?? extensions,
			runtime,
			env: { ...N8N_EXTRA_ENV, ...extra },
			log: join(root, 'n8n.log'),
		});
		if (!apiKey) {
			const owner = await setupOwner(n8n.url);
			apiKey = /** @type {string} */ (owner.apiKey);
			for (const workflow of workflows) await activate(n8n.url, apiKey, workflow.id);
		}
		return n8n;
	};
	return { start, apiKey: () => apiKey };
}
