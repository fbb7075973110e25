import { load } from 'js-yaml';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import ts from 'typescript';

import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { operationEndpoints, operations } from '../nodes/HeroHealth/actions/resources';

/**
 * Checks of the node's shape that lint cannot see: every resource and operation is wired to code,
 * every option list is in order, and every endpoint is either in the reference or marked a guess.
 * Files are read with the TypeScript compiler's `sys` (a devDependency): tests may not import `fs`.
 */

const ROOT = (expect.getState().testPath ?? '').replace(/[\\/]test[\\/][^\\/]+$/, '');
const properties = new HeroHealth().description.properties;
const registry = operations;

const resourceParameter = properties.find((property) => property.name === 'resource');
const resourceOptions = (resourceParameter?.options ?? []) as INodePropertyOptions[];
const resourceValues = resourceOptions.map((option) => String(option.value));

function operationParameters(resource: string): INodeProperties[] {
	return properties.filter(
		(property) =>
			property.name === 'operation' &&
			(property.displayOptions?.show?.resource as string[] | undefined)?.includes(resource),
	);
}

function operationOptions(resource: string): INodePropertyOptions[] {
	return operationParameters(resource).flatMap(
		(parameter) => (parameter.options ?? []) as INodePropertyOptions[],
	);
}

/** Handlers a resource module exports: the exports that have an `execute` function. */
function handlersOf(resource: string): string[] {
	return Object.entries(registry[resource] ?? {})
		.filter(([, value]) => typeof value.execute === 'function')
		.map(([name]) => name);
}

function isSorted(names: string[]): boolean {
	return names.every((name, i) => i === 0 || names[i - 1].localeCompare(name) <= 0);
}

/** Every parameter, including those nested in collections and fixed collections. */
function allParameters(list: INodeProperties[]): INodeProperties[] {
	return list.flatMap((property) => {
		const nested = (property.options ?? []).flatMap((option) => {
			if ('values' in option) return allParameters((option as INodePropertyCollection).values);
			if ('type' in option && 'displayName' in option) {
				return allParameters([option as unknown as INodeProperties]);
			}
			return [];
		});
		return [property, ...nested];
	});
}

describe('node description', () => {
	it('offers resources, each with a handler module, in alphabetical order', () => {
		expect(resourceValues.length).toBeGreaterThan(0);
		expect(isSorted(resourceOptions.map((option) => option.name))).toBe(true);
		expect([...resourceValues].sort()).toEqual(Object.keys(registry).sort());
	});

	it.each(resourceValues)('resource %s has exactly one Operation parameter', (resource) => {
		const parameters = operationParameters(resource);
		expect(parameters).toHaveLength(1);
		expect(parameters[0].type).toBe('options');
		expect(parameters[0].noDataExpression).toBe(true);
	});

	it.each(resourceValues)(
		'resource %s: every operation has a handler, an action, and is in order',
		(resource) => {
			const options = operationOptions(resource);
			expect(options.length).toBeGreaterThan(0);
			expect(isSorted(options.map((option) => option.name))).toBe(true);
			for (const option of options) {
				expect({ operation: option.value, action: option.action }).toEqual({
					operation: option.value,
					action: expect.stringMatching(/\S/),
				});
				expect({ operation: option.value, handler: handlersOf(resource) }).toEqual({
					operation: option.value,
					handler: expect.arrayContaining([option.value]),
				});
			}
			const values = options.map((option) => String(option.value));
			expect(values).toContain(operationParameters(resource)[0].default);
		},
	);

	it.each(resourceValues)('resource %s: every handler is offered as an operation', (resource) => {
		const offered = operationOptions(resource).map((option) => String(option.value));
		expect(handlersOf(resource).filter((name) => !offered.includes(name))).toEqual([]);
	});

	it('keeps long option lists and collections alphabetical, as n8n’s linter asks', () => {
		const unsorted: string[] = [];
		for (const parameter of allParameters(properties)) {
			const options = (parameter.options ?? []) as Array<{ name?: string; displayName?: string }>;
			if (options.length < 5) continue;
			const names =
				parameter.type === 'collection' || parameter.type === 'fixedCollection'
					? options.map((option) => String(option.displayName))
					: options.map((option) => String(option.name));
			if (!isSorted(names)) unsorted.push(`${parameter.displayName}: ${names.join(', ')}`);
		}
		expect(unsorted).toEqual([]);
	});
});

describe('endpoint table', () => {
	const specText = ts.sys.readFile(`${ROOT}/spec/hero-openapi.yaml`);
	const spec = load(specText ?? '') as { paths: Record<string, Record<string, unknown>> };

	it('reads the reference', () => {
		expect(Object.keys(spec.paths).length).toBeGreaterThan(20);
	});

	it.each(operationEndpoints.map(({ key, endpoint }) => [key, endpoint] as const))(
		'%s is in the reference with its method, or says what it was inferred from',
		(_key, endpoint) => {
			const documented = spec.paths[endpoint.path]?.[endpoint.method.toLowerCase()] !== undefined;
			// One assertion, no branch: an endpoint the reference lacks must say what it was inferred from.
			const basis = documented
				? 'reference'
				: /\S{3,}/.test(endpoint.inferred ?? '')
					? 'inferred'
					: 'none';
			expect(basis).not.toBe('none');
		},
	);
});

describe('operation files', () => {
	const actionsDir = `${ROOT}/nodes/HeroHealth/actions`;
	const files = ts.sys
		.readDirectory(actionsDir, ['.ts'])
		.filter((file) => file.endsWith('.operation.ts'))
		.map((file) => file.slice(actionsDir.length + 1));

	it('finds the operation files', () => {
		expect(files.length).toBeGreaterThan(10);
	});

	it.each(files)('%s is the handler its resource registers', async (file) => {
		const match = /^(\w+)\/(\w+)\.operation\.ts$/.exec(file);
		expect(match).not.toBeNull();
		const [, resource, operation] = match as RegExpExecArray;
		const module = (await import(`${actionsDir}/${file.replace(/\.ts$/, '')}`)) as {
			prepare?: unknown;
			execute?: unknown;
		};
		expect(typeof module.prepare).toBe('function');
		expect(typeof module.execute).toBe('function');
		expect(registry[resource]?.[operation]?.prepare).toBe(module.prepare);
		expect(registry[resource]?.[operation]?.execute).toBe(module.execute);
	});

	// The recipe in CONTRIBUTING.md: an operation file (with its endpoint) and its lines in
	// <Resource>.resource.ts. These checks fail when one of them is forgotten.
	it.each(files)('%s: its fields are in the node, through its resource', async (file) => {
		const module = (await import(`${actionsDir}/${file.replace(/\.ts$/, '')}`)) as {
			description?: INodeProperties[];
		};
		expect(Array.isArray(module.description)).toBe(true);
		const missing = (module.description ?? [])
			.filter((property) => !properties.includes(property))
			.map((property) => property.name);
		expect(missing).toEqual([]);
	});

	/**
	 * Operations that declare no endpoint: Custom API Call sends the path the user gives; Release
	 * Campaign Keys changes only n8n's own campaign record.
	 */
	const WITHOUT_ENDPOINT = new Set([
		'customApiCall/request.operation.ts',
		'message/releaseCampaignKeys.operation.ts',
	]);

	it.each(files)('%s declares its endpoint, or is marked as having none', (file) => {
		const [resource, operation] = file.replace('.operation.ts', '').split('/');
		const declared = operations[resource]?.[operation]?.endpoint;
		expect({ file, declares: declared !== undefined }).toEqual({
			file,
			declares: !WITHOUT_ENDPOINT.has(file),
		});
	});

	it('every resource folder is registered, with a <Resource>.resource.ts', () => {
		const folders = ts.sys.getDirectories(actionsDir).sort();
		expect(folders).toEqual(Object.keys(registry).sort());
		for (const folder of folders) {
			const resourceFiles = ts.sys
				.readDirectory(`${actionsDir}/${folder}`, ['.ts'], undefined, undefined, 1)
				.filter((path) => path.endsWith('.resource.ts'));
			expect({ folder, resourceFiles: resourceFiles.length }).toEqual({ folder, resourceFiles: 1 });
		}
	});
});
