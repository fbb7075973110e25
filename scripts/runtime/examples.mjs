// @ts-check
// The example workflows (examples/*.json), the sandbox credential they use, and the sandbox.
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { REPO_ROOT } from './install.mjs';

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

/**
 * A copy of a workflow that starts from a Manual Trigger, made for the n8n server to run as a user's
 * "Execute workflow" does (`n8n execute` does not load n8n's modules, so nodes such as Data table
 * only work in the server): the Manual Trigger becomes a POST Webhook that answers when the last
 * node has run. Import and activate the copy, then POST to `/webhook/<path>`.
 * @param {Record<string, any>} workflow
 * @returns {{ workflow: Record<string, any>, path: string }}
 */
export function webhookStarted(workflow) {
	const copy = structuredClone(workflow);
	const trigger = copy.nodes.find(
		(/** @type {any} */ node) => node.type === 'n8n-nodes-base.manualTrigger',
	);
	if (!trigger) throw new Error(`${copy.name}: no Manual Trigger`);
	const path = `run-${randomBytes(6).toString('hex')}`;
	Object.assign(trigger, {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'noData' },
	});
	return { workflow: copy, path };
}
