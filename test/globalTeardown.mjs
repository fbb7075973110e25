// @ts-check
// Jest global teardown: stops the sandbox globalSetup.mjs started and removes n8n's user folder.
import { rmSync } from 'node:fs';

export default async function globalTeardown() {
	const sandbox = /** @type {any} */ (globalThis).__HERO_SANDBOX_INSTANCE__;
	if (sandbox) await sandbox.stop();
	if (process.env.N8N_USER_FOLDER?.includes('hero-n8n-user-')) {
		rmSync(process.env.N8N_USER_FOLDER, { recursive: true, force: true });
	}
}
