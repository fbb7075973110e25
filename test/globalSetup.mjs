// @ts-check
// Jest global setup: starts the Hero sandbox (sandbox/server.mjs) on a free port for the contract
// tests (test/contract.test.ts) and hands its address to the test workers through the environment
// (test/sandboxGlobals.cjs turns it into the __HERO_SANDBOX__ global). Stopped by globalTeardown.mjs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox } from '../sandbox/server.mjs';

export default async function globalSetup() {
	// n8n-core (test/helpers/n8n.ts) keeps its settings file under N8N_USER_FOLDER: a fresh one per
	// run, never the user's ~/.n8n. The workers inherit it; globalTeardown.mjs removes it.
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'hero-n8n-user-'));
	// n8n logs every node error it handles; the tests assert them instead.
	process.env.N8N_LOG_LEVEL ??= 'silent';
	try {
		const sandbox = await startSandbox();
		/** @type {any} */ (globalThis).__HERO_SANDBOX_INSTANCE__ = sandbox;
		process.env.HERO_SANDBOX = JSON.stringify({
			url: sandbox.url,
			apiKey: sandbox.apiKey,
			practiceGroupId: sandbox.practiceGroupId,
		});
	} catch (error) {
		// The unit tests do not need the sandbox; the contract tests fail and say why.
		process.env.HERO_SANDBOX_ERROR = String(/** @type {Error} */ (error)?.stack ?? error);
	}
}
