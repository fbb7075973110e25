// @ts-check
// buildPackage(): a complete build of this package, copied where n8n loads it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT, cleanEnv, say } from './install.mjs';

/** Every `.ts` under nodes/ and credentials/ (not tests), as the `.js` path it builds to. @param {string} dir */
function expectedJs(dir) {
	/** @type {string[]} */
	const found = [];
	for (const top of ['nodes', 'credentials']) {
		const walk = (/** @type {string} */ folder) => {
			if (!existsSync(join(dir, folder))) return;
			for (const entry of readdirSync(join(dir, folder), { withFileTypes: true })) {
				const relative = join(folder, entry.name);
				if (entry.isDirectory()) walk(relative);
				else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
					found.push(relative.replace(/\.ts$/, '.js'));
				}
			}
		};
		walk(top);
	}
	return found;
}

/**
 * `npm run build`, then a copy of `dist/` at `into` that n8n loads. Other people may rebuild
 * `dist/` at the same moment in a shared checkout, so the copy is checked (every source file has
 * its `.js`, every node in package.json is there) and the build retried if it is incomplete.
 * @param {{ into: string, quiet?: boolean }} options
 * @returns {string} the folder to give N8N_CUSTOM_EXTENSIONS
 */
export function buildPackage({ into, quiet = true }) {
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
	/** @type {string[]} */
	const listed = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])].map(
		(/** @type {string} */ file) => file.replace(/^dist\//, ''),
	);
	let problem = '';
	for (let attempt = 1; attempt <= 3; attempt++) {
		const build = spawnSync('npm', ['run', 'build', '--silent'], {
			cwd: REPO_ROOT,
			env: cleanEnv(),
			stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
		});
		if (build.status !== 0) throw new Error('npm run build failed');
		rmSync(into, { recursive: true, force: true });
		mkdirSync(into, { recursive: true });
		try {
			cpSync(join(REPO_ROOT, 'dist'), into, { recursive: true });
		} catch (error) {
			problem = String(error);
			continue;
		}
		const missing = [...new Set([...expectedJs(REPO_ROOT), ...listed])].filter(
			(file) => !existsSync(join(into, file)),
		);
		if (missing.length === 0) return into;
		problem = `missing after the build: ${missing.slice(0, 5).join(', ')}`;
		say(`dist/ changed while it was copied (${problem}); building again`);
	}
	throw new Error(`Could not get a complete build of the package: ${problem}`);
}
