// @ts-check
// `npm test`: the unit and contract suites (jest), then a plain "N passed, N failed" line that any
// CI can read. Extra arguments go to jest (e.g. `npm test -- test/patient.test.ts`).
//
// The tests run the node on n8n's engine (n8n-core, test/helpers/n8n.ts) with n8n 2.41's default
// expression engine, `vm` (isolated-vm): that needs Node 24, the Node n8n 2.41 itself requires, so
// jest runs on the Node 24 of the local n8n runtime (installed once into ~/.cache/herohealth by
// scripts/n8n-runtime.mjs). n8n loads the engine with a dynamic import(), which jest only allows
// with --experimental-vm-modules.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureRuntime } from './n8n-runtime.mjs';

const { nodeBin } = await ensureRuntime();
const resultsFile = join(mkdtempSync(join(tmpdir(), 'hero-jest-')), 'results.json');
const run = spawnSync(
	nodeBin,
	[
		'--experimental-vm-modules',
		'--disable-warning=ExperimentalWarning',
		'node_modules/jest/bin/jest.js',
		'--json',
		`--outputFile=${resultsFile}`,
		...process.argv.slice(2),
	],
	{ stdio: 'inherit' },
);
try {
	const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
	console.log(`\nunit: ${results.numPassedTests} passed, ${results.numFailedTests} failed`);
	if (results.numTotalTests === 0) {
		console.error('No test ran.');
		process.exit(1);
	}
} catch {
	console.error('jest wrote no results');
	process.exit(1);
}
process.exit(run.status ?? 1);
