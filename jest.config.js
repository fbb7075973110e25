/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// The e2e suite runs a real n8n and has its own command (npm run test:e2e).
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
	// test/contract.test.ts runs the node against the local Hero sandbox (sandbox/), started once.
	globalSetup: '<rootDir>/test/globalSetup.mjs',
	globalTeardown: '<rootDir>/test/globalTeardown.mjs',
	// Every node test runs a workflow on n8n's engine, and the machine may be busy: room to finish.
	testTimeout: 30_000,
	setupFiles: ['<rootDir>/test/sandboxGlobals.cjs'],
	// n8n's expression engine for the tests on n8n-core (test/helpers/n8n.ts).
	setupFilesAfterEnv: ['<rootDir>/test/n8nEngine.cjs'],
};
