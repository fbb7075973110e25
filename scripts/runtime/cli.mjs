// @ts-check
// Importing credentials and workflows and executing workflows through n8n's CLI.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePort, n8nCliAsync } from './server.mjs';
/** @typedef {import('./install.mjs').Runtime} Runtime */

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
 * Imports several credentials with one CLI call (each n8n command takes ~5 s to boot).
 * @param {Runtime} runtime @param {NodeJS.ProcessEnv} env
 * @param {Array<{ id: string, name: string, type: string, data: Record<string, unknown> }>} credentials
 */
export async function importCredentials(runtime, env, credentials) {
	await cliImport(runtime, env, 'import:credentials', credentials);
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
