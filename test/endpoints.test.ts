import axios from 'axios';
import ts from 'typescript';

import { operationEndpoints, operations } from '../nodes/HeroHealth/actions/resources';
import { sandboxUrl } from './helpers/sandbox';

/**
 * Each endpoint is declared once, by the operation that calls it: `export const endpoint = { … }`
 * next to its description (CONTRIBUTING's recipe). Everything else (editor notices, README tables,
 * the sandbox's routes) is made from those exports. Files are read with the TypeScript compiler
 * (tests may not import `fs`).
 */

const ROOT = (expect.getState().testPath ?? '').replace(/[\\/]test[\\/][^\\/]+$/, '');
const SOURCES = [`${ROOT}/nodes`, `${ROOT}/credentials`].flatMap((dir) =>
	ts.sys.readDirectory(dir, ['.ts']),
);

interface Declaration {
	file: string;
	/** The exported const it initialises, if any. */
	exportedAs?: string;
	path: string;
}

/** Object literals with a `method` and a literal `path` starting with `/`: endpoint declarations. */
function endpointLiterals(file: string): Declaration[] {
	const source = ts.createSourceFile(
		file,
		ts.sys.readFile(file) ?? '',
		ts.ScriptTarget.ES2022,
		true,
	);
	const found: Declaration[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isObjectLiteralExpression(node)) {
			const property = (name: string) =>
				node.properties.find(
					(p): p is ts.PropertyAssignment =>
						ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
				);
			const path = property('path')?.initializer;
			if (property('method') && path && ts.isStringLiteralLike(path) && path.text.startsWith('/')) {
				const declaration = node.parent;
				const statement = declaration?.parent?.parent;
				const exported =
					ts.isVariableDeclaration(declaration) &&
					ts.isIdentifier(declaration.name) &&
					statement !== undefined &&
					ts.isVariableStatement(statement) &&
					statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
				found.push({
					file: file.slice(ROOT.length + 1),
					exportedAs: exported ? (declaration.name as ts.Identifier).text : undefined,
					path: path.text,
				});
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

const declarations = SOURCES.flatMap(endpointLiterals);

describe('endpoint declarations', () => {
	it('finds them', () => {
		expect(declarations.length).toBe(operationEndpoints.length);
	});

	it('are exported `endpoint…` consts of operation files, and nowhere else', () => {
		const strays = declarations.filter(
			(declaration) =>
				!/^nodes\/HeroHealth\/actions\/\w+\/\w+\.operation\.ts$/.test(declaration.file) ||
				!declaration.exportedAs?.startsWith('endpoint'),
		);
		expect(strays).toEqual([]);
	});

	it('are each what the node registers for that operation file', () => {
		const fromSources = declarations
			.map(({ file, exportedAs, path }) => {
				const [, resource, operation] = /(\w+)\/(\w+)\.operation\.ts$/.exec(file) ?? [];
				return `${resource}.${operation}${exportedAs?.slice('endpoint'.length)} ${path}`;
			})
			.sort();
		const registered = operationEndpoints.map(({ key, endpoint }) => `${key} ${endpoint.path}`);
		expect(registered.sort()).toEqual(fromSources);
	});

	it('one per operation, except Custom API Call and Release Campaign Keys (none) and Patient → Get (v1 and v2)', () => {
		const perOperation = new Map<string, number>();
		for (const { resource, operation } of operationEndpoints) {
			const name = `${resource}.${operation}`;
			perOperation.set(name, (perOperation.get(name) ?? 0) + 1);
		}
		const all = Object.entries(operations).flatMap(([resource, byName]) =>
			Object.keys(byName).map((operation) => `${resource}.${operation}`),
		);
		expect(all.filter((name) => perOperation.get(name) !== 1)).toEqual([
			'customApiCall.request',
			'message.releaseCampaignKeys',
			'patient.get',
		]);
		expect(perOperation.get('patient.get')).toBe(2);
	});

	it('are the routes the sandbox serves, with their keys and paging', async () => {
		const routes = (
			await axios.get<Array<{ method: string; path: string; keys: string[]; paged: boolean }>>(
				`${sandboxUrl()}/__sandbox/endpoints`,
			)
		).data;
		const missing = operationEndpoints.filter(
			({ key, endpoint }) =>
				!routes.some(
					(route) =>
						route.method === endpoint.method &&
						route.path === endpoint.path &&
						route.keys.includes(key) &&
						(endpoint.paged !== true || route.paged),
				),
		);
		expect(missing).toEqual([]);
	});
});
