// @ts-check
// The node's endpoints, as its operation files declare them (`export const endpoint = { … }` next to
// each description), so the sandbox serves exactly the methods and paths the node calls: correcting
// a declaration moves the route too. test/endpoints.test.ts checks this list equals the node's own
// `operationEndpoints` (nodes/HeroHealth/actions/resources.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

/**
 * @typedef {{
 *   key: string, method: string, path: string, paged: boolean, pagingInferred: boolean,
 *   inferred?: string, inferredParts: string[], guessedRoute: boolean,
 * }} EndpointEntry
 */

export const ACTIONS_PATH = join(
	dirname(fileURLToPath(import.meta.url)),
	'..',
	'nodes',
	'HeroHealth',
	'actions',
);

/**
 * The value of a literal initializer (strings, numbers, booleans, arrays, objects), else an error:
 * a declaration the sandbox cannot read is a failure, not a silently missing route.
 * @param {ts.Expression} node @param {string} where
 * @returns {unknown}
 */
function literalValue(node, where) {
	if (
		ts.isAsExpression(node) ||
		ts.isSatisfiesExpression(node) ||
		ts.isParenthesizedExpression(node)
	)
		return literalValue(node.expression, where);
	if (ts.isStringLiteralLike(node)) return node.text;
	if (ts.isNumericLiteral(node)) return Number(node.text);
	if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
	if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
	if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => literalValue(e, where));
	if (ts.isObjectLiteralExpression(node)) {
		/** @type {Record<string, unknown>} */
		const value = {};
		for (const property of node.properties) {
			if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name))
				throw new Error(`${where}: the endpoint declaration must be a plain object literal`);
			value[property.name.text] = literalValue(property.initializer, where);
		}
		return value;
	}
	throw new Error(`${where}: the endpoint declaration must be a plain object literal`);
}

/**
 * Every `export const endpoint… = { … }` of the operation files (parsed, not run: no build and
 * none of n8n is needed), keyed `<resource>.<operation>` plus the suffix of a second export
 * (`patient.getV2` for patient/get's `endpointV2`), in resource and operation order.
 * @param {string} [actionsDir]
 * @returns {Promise<EndpointEntry[]>}
 */
export async function loadEndpoints(actionsDir = ACTIONS_PATH) {
	/** @type {EndpointEntry[]} */
	const endpoints = [];
	const resources = readdirSync(actionsDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
	for (const resource of resources) {
		const files = readdirSync(join(actionsDir, resource))
			.filter((name) => name.endsWith('.operation.ts'))
			.sort();
		for (const file of files) {
			const operation = file.slice(0, -'.operation.ts'.length);
			const where = `${resource}/${file}`;
			const source = ts.createSourceFile(
				file,
				readFileSync(join(actionsDir, resource, file), 'utf8'),
				ts.ScriptTarget.ES2022,
			);
			for (const statement of source.statements) {
				if (!ts.isVariableStatement(statement)) continue;
				const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
				if (!exported) continue;
				for (const declaration of statement.declarationList.declarations) {
					if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
					const name = declaration.name.text;
					if (!name.startsWith('endpoint')) continue;
					const entry =
						/** @type {{ method: string, path: string, paged?: boolean, pagingInferred?: boolean, inferred?: string, inferredParts?: string[] }} */ (
							literalValue(declaration.initializer, where)
						);
					endpoints.push({
						key: `${resource}.${operation}${name.slice('endpoint'.length)}`,
						method: String(entry.method).toUpperCase(),
						path: entry.path,
						paged: entry.paged === true,
						pagingInferred: entry.pagingInferred === true,
						inferred: entry.inferred,
						inferredParts: [...(entry.inferredParts ?? [])],
						// Whether Hero may have no such route: its method or path is a guess (not only its body).
						guessedRoute:
							entry.inferred !== undefined &&
							(!entry.inferredParts?.length ||
								entry.inferredParts.some((part) => part === 'method' || part === 'path')),
					});
				}
			}
		}
	}
	return endpoints;
}
