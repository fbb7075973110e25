// @ts-check
// npmEnv() under a hostile `npm run`: the project's and the user's npm settings that change what
// gets installed must not reach an npm started for the runtime cache; how to reach the registry must.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { cleanEnv } from './install.mjs';

const INSTALL = pathToFileURL(join(import.meta.dirname ?? __dirname, 'install.mjs')).href;

test('an npm started with npmEnv() under a hostile npm run keeps only how to reach the registry', () => {
	const dir = mkdtempSync(join(tmpdir(), 'hero-npmenv-'));
	try {
		// As in ensureRuntime(): npm runs in a folder of the cache holding its own package.json.
		const cache = join(dir, 'cache');
		const target = join(cache, 'some-install');
		mkdirSync(target, { recursive: true });
		writeFileSync(join(target, 'package.json'), '{}\n');
		const project = join(dir, 'project');
		mkdirSync(project);
		const downloads = join(dir, 'npm-downloads');
		writeFileSync(
			join(project, 'package.json'),
			JSON.stringify({ name: 'probe', version: '1.0.0', scripts: { probe: 'node probe.mjs' } }),
		);
		// The project's .npmrc: every setting here would change or break an install in the cache.
		writeFileSync(
			join(project, '.npmrc'),
			[
				'strict-allow-scripts=true',
				'ignore-scripts=true',
				'omit=dev',
				`prefix=${join(dir, 'hostile-prefix')}`,
				'offline=true',
				'engine-strict=true',
				'',
			].join('\n'),
		);
		// The user's .npmrc: a mirror with its certificate and a download cache (kept), and settings
		// that change what gets installed (dropped).
		const userrc = join(dir, 'user.npmrc');
		writeFileSync(
			userrc,
			[
				'registry=https://mirror.example.test/npm/',
				'cafile=/etc/ssl/certs/ca-certificates.crt',
				`cache=${downloads}`,
				'ignore-scripts=true',
				'omit=optional',
				'nodedir=/nowhere',
				'',
			].join('\n'),
		);
		writeFileSync(
			join(project, 'probe.mjs'),
			`import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
const { npmEnv } = await import(${JSON.stringify(INSTALL)});
const env = npmEnv(${JSON.stringify(cache)});
const config = spawnSync('npm', ['config', 'ls', '--json'], { cwd: ${JSON.stringify(target)}, env, encoding: 'utf8' });
writeFileSync('probe.json', JSON.stringify({ env, config: config.stdout, stderr: config.stderr }));
`,
		);
		const run = spawnSync('npm', ['run', 'probe', '--silent'], {
			cwd: project,
			env: cleanEnv({ NPM_CONFIG_USERCONFIG: userrc }),
			encoding: 'utf8',
		});
		assert.equal(run.status, 0, run.stderr);
		const probe = JSON.parse(readFileSync(join(project, 'probe.json'), 'utf8'));

		// Nothing of npm's own environment reaches the child.
		const leaked = Object.keys(probe.env).filter(
			(key) =>
				/^(npm_|INIT_CWD$|NODE$)/i.test(key) &&
				!['npm_config_userconfig', 'npm_config_globalconfig'].includes(key),
		);
		assert.deepEqual(leaked, []);

		// What the child npm actually uses.
		assert.ok(probe.config, probe.stderr);
		const config = JSON.parse(probe.config);
		assert.equal(config['strict-allow-scripts'] ?? false, false);
		assert.equal(config['ignore-scripts'], false);
		assert.deepEqual(config.omit, []);
		assert.equal(config.offline, false);
		assert.equal(config['engine-strict'], false);
		assert.notEqual(config.prefix, join(dir, 'hostile-prefix'));
		assert.notEqual(config.nodedir, '/nowhere');
		assert.equal(config.registry, 'https://mirror.example.test/npm/');
		assert.equal(config.cafile, '/etc/ssl/certs/ca-certificates.crt');
		assert.equal(config.cache, downloads);
		assert.equal(config.userconfig, join(cache, 'npmrc'));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
