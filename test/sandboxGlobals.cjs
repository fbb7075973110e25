// @ts-check
// Jest setup file: the sandbox address globalSetup.mjs put in the environment, as the global
// __HERO_SANDBOX__ the contract tests read (test files may not touch `process` themselves).
/** @type {any} */ (globalThis).__HERO_SANDBOX__ = process.env.HERO_SANDBOX
	? JSON.parse(process.env.HERO_SANDBOX)
	: { error: process.env.HERO_SANDBOX_ERROR ?? 'the sandbox was not started (jest globalSetup)' };
