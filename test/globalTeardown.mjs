// @ts-check
// Jest global teardown: stops the sandbox globalSetup.mjs started.
export default async function globalTeardown() {
	const sandbox = /** @type {any} */ (globalThis).__HERO_SANDBOX_INSTANCE__;
	if (sandbox) await sandbox.stop();
}
