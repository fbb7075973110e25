// @ts-check
// `npm run docs`: writes the operations table (README.md), the inferred-endpoint list
// (docs/inferred-endpoints.md) and the Simplify field list (docs/simplify.md) from the built node
// (its description, the `endpoint` each operation file exports, listed by actions/resources.js as
// operationEndpoints, and SIMPLE_FIELDS), so they cannot drift from the code.
// Each table sits between `<!-- name:start -->` and `<!-- name:end -->` in whichever of README.md
// and docs/*.md holds it (exactly one).
// `npm run docs -- --check` only compares, and fails when a page is stale (CI runs it).
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import prettier from 'prettier';

const require = createRequire(import.meta.url);
const check = process.argv.includes('--check');

if (!existsSync('dist/nodes/HeroHealth/HeroHealth.node.js')) {
	console.error('Build first: npm run build');
	process.exit(1);
}
const { HeroHealth } = require('../dist/nodes/HeroHealth/HeroHealth.node.js');
const { operationEndpoints } = require('../dist/nodes/HeroHealth/actions/resources.js');
const { SIMPLE_FIELDS } = require('../dist/nodes/HeroHealth/helpers/output.js');

/** @typedef {{ name: string, value: string, description?: string }} Option */
/** @type {Array<{ name: string, type: string, options?: Option[], displayOptions?: any }>} */
const properties = new HeroHealth().description.properties;
const resourceParam = properties.find((p) => p.name === 'resource');
if (!resourceParam?.options) throw new Error('no resource parameter');

/** @typedef {{ key: string, resource: string, operation: string, endpoint: { method: string, path: string, inferred?: string, inferredParts?: string[], pagingInferred?: boolean } }} OperationEndpoint */
/** @type {OperationEndpoint[]} */
const endpoints = operationEndpoints;

const rows = ['| Resource | Operation | What it does | Endpoint |', '| --- | --- | --- | --- |'];
for (const resource of resourceParam.options) {
	const operationParam = properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value),
	);
	for (const operation of operationParam?.options ?? []) {
		const own = endpoints.filter(
			(entry) => entry.resource === resource.value && entry.operation === operation.value,
		);
		const cell = own.length
			? own
					.map(({ endpoint }) => {
						const { method, path, inferred, pagingInferred } = endpoint;
						const marks = [inferred && 'inferred', pagingInferred && 'paging inferred'];
						const note = marks.filter(Boolean).map((mark) => ` ⚠️ ${mark}`);
						return `\`${method} ${path}\`${note.join('')}`;
					})
					.join('<br>')
			: resource.value === 'customApiCall'
				? 'any (you choose)'
				: 'none (n8n’s own record)';
		rows.push(
			`| ${resource.name} | ${operation.name} | ${operation.description ?? ''} | ${cell} |`,
		);
	}
}

const inferred = ['| Endpoint | Used for | Guessed | Based on |', '| --- | --- | --- | --- |'];
for (const { key, endpoint } of endpoints) {
	if (endpoint.inferred)
		inferred.push(
			`| \`${endpoint.method} ${endpoint.path}\` | \`${key}\` | ${(endpoint.inferredParts ?? []).join(', ')} | ${endpoint.inferred} |`,
		);
}

/**
 * Simplify's fields as text: `a`, `b` (`c`, `d`) for a field kept with some of its own.
 * @param {ReadonlyArray<string | readonly [string, ReadonlyArray<any>]>} fields
 * @returns {string}
 */
function fieldList(fields) {
	return fields
		.map((field) =>
			typeof field === 'string' ? `\`${field}\`` : `\`${field[0]}\` (${fieldList(field[1])})`,
		)
		.join(', ');
}
const simple = ['| Record | Fields Simplify keeps |', '| --- | --- |'];
for (const [type, fields] of Object.entries(SIMPLE_FIELDS)) {
	simple.push(`| ${type[0].toUpperCase()}${type.slice(1)} | ${fieldList(fields)} |`);
}

/** @param {string} text @param {string} name @param {string} content */
function replaceBlock(text, name, content) {
	const start = `<!-- ${name}:start -->`;
	const end = `<!-- ${name}:end -->`;
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

const blocks = {
	operations: rows.join('\n'),
	inferred: inferred.join('\n'),
	simplify: simple.join('\n'),
};
const pages = [
	'README.md',
	...readdirSync('docs')
		.filter((name) => name.endsWith('.md'))
		.map((name) => `docs/${name}`),
];
/** @type {Map<string, string>} */
const texts = new Map(pages.map((page) => [page, readFileSync(page, 'utf8')]));
/** @type {Map<string, string>} */
const updated = new Map();
for (const [name, content] of Object.entries(blocks)) {
	const holders = pages.filter((page) => texts.get(page)?.includes(`<!-- ${name}:start -->`));
	if (holders.length !== 1) {
		throw new Error(
			`<!-- ${name}:start --> … <!-- ${name}:end --> must be in exactly one of README.md and docs/*.md; found in ${holders.length}`,
		);
	}
	const [page] = holders;
	updated.set(page, replaceBlock(updated.get(page) ?? texts.get(page) ?? '', name, content));
}

const counts = `${rows.length - 2} operations, ${inferred.length - 2} inferred endpoints`;
const stale = [];
for (const [page, text] of updated) {
	// Formatted as `npm run format` would, so the check and prettier agree.
	const next = await prettier.format(text, {
		...(await prettier.resolveConfig(page)),
		filepath: page,
	});
	if (next === texts.get(page)) continue;
	stale.push(page);
	if (!check) writeFileSync(page, next);
}
if (check) {
	if (stale.length) {
		console.error(
			`Stale: ${stale.join(', ')} (the code has ${counts}): run \`npm run build && npm run docs\` and commit.`,
		);
		process.exit(1);
	}
	console.log(`The generated tables in README.md and docs/ are up to date: ${counts}.`);
} else {
	console.log(`${counts}; updated: ${stale.join(', ') || 'nothing'}.`);
}
