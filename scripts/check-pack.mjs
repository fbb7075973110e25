// @ts-check
// `npm run check:pack`: what `npm pack` would publish, checked. The package ships the built nodes
// and credential (dist/: JavaScript, its maps and types, the nodes' JSON and SVG icons),
// package.json, README.md and LICENSE, and nothing else: no TypeScript build cache
// (dist/tsconfig.tsbuildinfo), no README pictures (`n8n-node build` copies every *.png, so
// docs/images lands in dist/docs: package.json's "files" leaves it out), sources, tests, sandbox or
// examples.
import { execFileSync } from 'node:child_process';

const [pack] = JSON.parse(
	execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
);
/** @type {string[]} */
const files = pack.files.map((/** @type {{ path: string }} */ file) => file.path);
const allowed = (/** @type {string} */ path) =>
	['package.json', 'README.md', 'LICENSE'].includes(path) ||
	/^dist\/(nodes|credentials)\/.+\.(js|js\.map|d\.ts|json|svg)$/.test(path) ||
	path === 'dist/package.json';
const unexpected = files.filter((path) => !allowed(path));
const needed = [
	'dist/nodes/HeroHealth/HeroHealth.node.js',
	'dist/credentials/HeroHealthApi.credentials.js',
];
const missing = needed.filter((path) => !files.includes(path));
if (unexpected.length || missing.length) {
	console.error(
		`npm pack: unexpected ${JSON.stringify(unexpected)}, missing ${JSON.stringify(missing)}`,
	);
	process.exit(1);
}
console.log(
	`npm pack: ${files.length} files, ${(pack.size / 1024).toFixed(1)} kB, only dist code, package.json, README.md, LICENSE.`,
);
