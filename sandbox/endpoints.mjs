// @ts-check
// Reads the node's endpoint table (nodes/HeroHealth/transport/endpoints.ts) so the sandbox serves
// exactly the methods and paths the node calls: correcting a path there moves it here too.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

/**
 * @typedef {{
 *   key: string, method: string, path: string, paged: boolean, pagingInferred: boolean,
 *   inferred?: string, inferredParts: string[], guessedRoute: boolean,
 * }} EndpointEntry
 */

export const ENDPOINTS_PATH = join(
	dirname(fileURLToPath(import.meta.url)),
	'..',
	'nodes',
	'HeroHealth',
	'transport',
	'endpoints.ts',
);

/**
 * Transpiles endpoints.ts (it imports only a type) and returns its ENDPOINTS table as a list.
 * @param {string} [file]
 * @returns {Promise<EndpointEntry[]>}
 */
export async function loadEndpoints(file = ENDPOINTS_PATH) {
	const source = readFileSync(file, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
		fileName: 'endpoints.ts',
	});
	const url = `data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`;
	const module = await import(url);
	/** @type {Record<string, { method: string, path: string, paged?: boolean, pagingInferred?: boolean, inferred?: string, inferredParts?: string[] }>} */
	const table = module.ENDPOINTS;
	if (!table || typeof table !== 'object') throw new Error(`${file} exports no ENDPOINTS table`);
	return Object.entries(table).map(([key, entry]) => ({
		key,
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
	}));
}
