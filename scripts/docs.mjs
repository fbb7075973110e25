// @ts-check
// `npm run docs`: writes README's operations table, inferred-endpoint list and Simplify field list
// from the built node (its description, the `endpoint` each operation file exports, listed by
// actions/resources.js as operationEndpoints, and SIMPLE_FIELDS), so they cannot drift from the code.
// `npm run docs -- --check` only compares, and fails when README is stale (CI runs it).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
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
			: 'any (you choose)';
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

function replaceBlock(text, name, content) {
	const start = `<!-- ${name}:start -->`;
	const end = `<!-- ${name}:end -->`;
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < 0) throw new Error(`README.md lacks the ${start} … ${end} markers`);
	return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

const readme = readFileSync('README.md', 'utf8');
let next = replaceBlock(readme, 'operations', rows.join('\n'));
next = replaceBlock(next, 'inferred', inferred.join('\n'));
next = replaceBlock(next, 'simplify', simple.join('\n'));
// Formatted as `npm run format` would, so the check and prettier agree.
next = await prettier.format(next, {
	...(await prettier.resolveConfig('README.md')),
	filepath: 'README.md',
});
if (check) {
	if (next !== readme) {
		console.error('README.md is stale: run `npm run build && npm run docs` and commit it.');
		process.exit(1);
	}
	console.log('README.md operations table is up to date.');
} else {
	writeFileSync('README.md', next);
	console.log(
		`README.md: ${rows.length - 2} operations, ${inferred.length - 2} inferred endpoints.`,
	);
}
