// @ts-check
// `npm test`: the unit and contract suites (jest), then a plain "N passed, N failed" line that any
// CI can read. Extra arguments go to jest (e.g. `npm test -- test/patient.test.ts`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const resultsFile = join(mkdtempSync(join(tmpdir(), 'hero-jest-')), 'results.json');
const run = spawnSync(
	process.execPath,
	[
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
