// @ts-check
// `npm run test:compat`: the compatibility smoke (test/compat/smoke.test.mjs) on the oldest n8n the
// package supports and on the newest tested, one after the other. Each n8n is installed once into
// the cache (~/.cache/herohealth/n8n-<version>, by ensureRuntime) and then reused. Prints how long
// each version took. HERO_COMPAT_VERSIONS="a b" runs other versions.
import { spawnSync } from 'node:child_process';

import { N8N_VERSION } from './n8n-runtime.mjs';

/**
 * The oldest supported n8n: the first release whose dependencies all install from the npm
 * registry (earlier ones fetch a spreadsheet library from cdn.sheetjs.com), and newer than
 * everything the nodes need (see README, Compatibility).
 */
export const OLDEST_N8N = '2.35.0';

const versions = (process.env.HERO_COMPAT_VERSIONS ?? `${OLDEST_N8N} ${N8N_VERSION}`)
	.split(/[\s,]+/)
	.filter(Boolean);

/** @type {Array<{ version: string, ok: boolean, seconds: number }>} */
const results = [];
for (const version of versions) {
	const t0 = Date.now();
	console.log(`\n# n8n ${version}`);
	const run = spawnSync(process.execPath, ['--test', 'test/compat/'], {
		stdio: 'inherit',
		env: { ...process.env, HERO_N8N_VERSION: version },
	});
	results.push({ version, ok: run.status === 0, seconds: Math.round((Date.now() - t0) / 1000) });
}
for (const { version, ok, seconds } of results) {
	console.log(`n8n ${version}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s`);
}
process.exit(results.every((result) => result.ok) ? 0 : 1);
