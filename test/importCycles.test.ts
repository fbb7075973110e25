import ts from 'typescript';

// Issue 26: no file under nodes/ or credentials/ may reach itself through its imports (type-only
// imports included: a cycle of types still ties two files' changes together). Files are read with
// the TypeScript compiler's `sys`: tests may not import `fs`.
const ROOT = (expect.getState().testPath ?? '').replace(/[\\/]test[\\/][^\\/]+$/, '');

const sourceFiles = (dir: string): string[] =>
	ts.sys.readDirectory(`${ROOT}/${dir}`, ['.ts']).filter((file) => !file.endsWith('.d.ts'));

/** `from` is a file; `specifier` a relative import in it. */
function resolveImport(from: string, specifier: string): string | undefined {
	const parts = from.split('/').slice(0, -1);
	for (const part of specifier.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.') parts.push(part);
	}
	const base = parts.join('/');
	return [`${base}.ts`, `${base}/index.ts`].find((candidate) => ts.sys.fileExists(candidate));
}

function importGraph(files: string[]): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of files) {
		const text = ts.sys.readFile(file) ?? '';
		const targets = [...text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g)]
			.map((match) => resolveImport(file, match[1]))
			.filter((target): target is string => target !== undefined);
		graph.set(file, targets);
	}
	return graph;
}

/** Every cycle found by a depth-first walk, each as the list of files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)));
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of graph.keys()) if (!state.has(file)) visit(file);
	return found;
}

describe('imports', () => {
	const files = [...sourceFiles('nodes'), ...sourceFiles('credentials')];
	const graph = importGraph(files);

	it('the walk sees the node’s files and their relative imports', () => {
		expect(files.length).toBeGreaterThan(100);
		const transport = `${ROOT}/nodes/HeroHealth/transport/index.ts`;
		expect(graph.get(transport)).toContain(`${ROOT}/nodes/HeroHealth/transport/client.ts`);
	});

	it('finds a cycle when there is one (the check itself works)', () => {
		const a = '/a.ts';
		const b = '/b.ts';
		expect(
			cycles(
				new Map([
					[a, [b]],
					[b, [a]],
				]),
			),
		).toEqual([[a, b]]);
		expect(
			cycles(
				new Map([
					[a, [b]],
					[b, []],
				]),
			),
		).toEqual([]);
	});

	it('no file under nodes/ or credentials/ imports itself through other files', () => {
		const named = cycles(graph).map((cycle) =>
			cycle.map((file) => file.slice(ROOT.length + 1)).join(' → '),
		);
		expect(named).toEqual([]);
	});
});

// Issue 26: a run's state is the HeroClient the router makes and passes; nothing keeps it on the side.
describe('run state', () => {
	const files = sourceFiles('nodes');
	const text = (file: string) =>
		(ts.sys.readFile(file) ?? '').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

	it('no WeakMap (state keyed by n8n’s context) and no Proxy over n8n’s context under nodes/', () => {
		const found = files.filter((file) => /\bWeakMap\b|\bnew Proxy\b/.test(text(file)));
		expect(found.map((file) => file.slice(ROOT.length + 1))).toEqual([]);
	});

	it('the router finds operations through the typed map, with no cast', () => {
		const router = files.find((file) => file.endsWith('/actions/router.ts')) ?? '';
		expect(text(router)).toContain('operations[resource]?.[operation]');
		expect(text(router)).not.toMatch(/as unknown as/);
	});

	it('an operation’s prepare gets no client: it cannot send a request', () => {
		const operation = files.find((file) => file.endsWith('/actions/operation.ts')) ?? '';
		const prepare = /prepare\(([^)]*)\)/.exec(text(operation))?.[1] ?? '';
		expect(prepare).toContain('itemIndex: number');
		expect(prepare).not.toMatch(/HeroClient/);
	});
});
