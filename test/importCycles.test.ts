import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Issue 26: no file under nodes/ or credentials/ may reach itself through its imports (type-only
// imports included: a cycle of types still ties two files' changes together).
const ROOT = resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

function resolveImport(from: string, specifier: string): string | undefined {
	const base = resolve(dirname(from), specifier);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
		try {
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			// not this one
		}
	}
	return undefined;
}

function importGraph(files: string[]): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of files) {
		const text = readFileSync(file, 'utf8');
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
	const files = [...sourceFiles(join(ROOT, 'nodes')), ...sourceFiles(join(ROOT, 'credentials'))];
	const graph = importGraph(files);

	it('the walk sees the node’s files and their relative imports', () => {
		expect(files.length).toBeGreaterThan(100);
		const transport = join(ROOT, 'nodes/HeroHealth/transport/index.ts');
		expect(graph.get(transport)).toContain(join(ROOT, 'nodes/HeroHealth/transport/retry.ts'));
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
			cycle.map((file) => relative(ROOT, file)).join(' → '),
		);
		expect(named).toEqual([]);
	});
});
