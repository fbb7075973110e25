// @ts-check
// The OpenAPI description (spec/hero-openapi.yaml) as the sandbox uses it, on openapi-backend (which
// parses and validates requests and responses with Ajv, and mocks answers from response schemas).
// This file only reads the spec the way Hero behaves and turns Ajv's errors into Hero's 400 body
// (a Zod-style issue list: `{code, expected, received, path, message, location}`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// CommonJS packages (js-yaml ships no types): loaded through a plain function so the file type-checks.
const load = createRequire(import.meta.url);
const yaml = load('js-yaml');
const { OpenAPIBackend } = load('openapi-backend');
const { fullFormats } = load('ajv-formats/dist/formats');

/**
 * @typedef {Record<string, any>} Schema
 * @typedef {{ code: string, expected: string, received?: string, path: Array<string|number>, message: string, location?: string }} Issue
 * @typedef {{ name: string, in: string, required: boolean, schema: Schema }} Parameter
 * @typedef {{ method: string, path: string, operationId: string, parameters: Parameter[], body?: { required: boolean, schema: Schema }, partial: boolean }} Operation
 * @typedef {{ params: Record<string, string>, query: Map<string, string[]>, body: unknown }} RequestParts
 * @typedef {{
 *   operations: Map<string, Operation>,
 *   validateRequest: (operation: Operation, request: RequestParts) => Issue[],
 *   validateResponse: (operation: Operation, body: unknown, status?: number) => Issue[],
 *   mock: (operation: Operation) => unknown,
 * }} Spec
 */

export const SPEC_PATH = join(
	dirname(fileURLToPath(import.meta.url)),
	'..',
	'spec',
	'hero-openapi.yaml',
);

const date = fullFormats.date;
const dateTime = fullFormats['date-time'];

/**
 * `format: date-time` as Hero uses it: an RFC 3339 date-time with a zone, or a plain `YYYY-MM-DD`
 * (Hero's own examples put dates in date-time fields, e.g. `dob`).
 * @param {string} text
 */
export function isDateOrDateTime(text) {
	return date.validate(text) || dateTime.validate(text);
}

/** What each format expects, for the issue's `expected` and Zod's `validation` name. */
const FORMATS = {
	'date-time': {
		expected: 'ISO 8601 date-time (e.g. 2026-03-15T14:00:00Z) or date (YYYY-MM-DD)',
		validation: 'datetime',
	},
	date: { expected: 'date (YYYY-MM-DD)', validation: 'date' },
	email: { expected: 'email address', validation: 'email' },
	uri: { expected: 'absolute URL', validation: 'url' },
};

/** Zod's names for the type of a value. @param {unknown} value */
function typeOf(value) {
	if (value === undefined) return 'undefined';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : 'number';
	return typeof value;
}

/** @param {unknown} value */
function show(value) {
	return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

/** @param {Schema | undefined} schema */
function typeName(schema) {
	return schema?.type === undefined ? 'value' : [].concat(schema.type).join(' | ');
}

/** A short reading of what a union branch wants. @param {Schema} schema */
function describeBranch(schema) {
	return schema.required?.length ? schema.required.join(' + ') : typeName(schema);
}

/**
 * The spec read the way Hero behaves, before the library sees it:
 * - `oneOf` is Zod's union (the first branch that fits wins; a value that fits two is fine): `anyOf`;
 * - `x-additional-values-seen` are enum values seen in Hero's newer docs: allowed;
 * - `status[]` and `status` are one query parameter (`name`, `name[]` and `name[0]` all arrive).
 * @param {unknown} node
 */
function adapt(node) {
	if (Array.isArray(node)) return node.forEach(adapt);
	if (!node || typeof node !== 'object') return;
	const schema = /** @type {Schema} */ (node);
	if (schema.oneOf) {
		schema.anyOf = schema.oneOf;
		delete schema.oneOf;
	}
	if (Array.isArray(schema.enum) && schema['x-additional-values-seen']) {
		schema.enum = [...schema.enum, ...schema['x-additional-values-seen']];
	}
	if (schema.in === 'query' && typeof schema.name === 'string') {
		schema.name = baseParamName(schema.name);
	}
	Object.values(schema).forEach(adapt);
}

/** Strips `[]` / `[0]` from a query parameter name: `status[]` and `status` are one parameter. */
export function baseParamName(/** @type {string} */ name) {
	return name.replace(/\[\d*\]$/, '');
}

/** @param {string} method @param {string} path */
export function operationKey(method, path) {
	return `${method.toUpperCase()} ${path}`;
}

/**
 * Zod's issue code, expected and message for each Ajv keyword (Hero validates with Zod, so its 400s
 * read like this). `received` is filled in by issueOf.
 * @type {Record<string, (params: any) => [code: string, expected: string, message: string]>}
 */
const ZOD_ISSUES = {
	type: ({ type }) => {
		const expected = [type].flat().join(' | ');
		return ['invalid_type', expected, `Expected ${expected}`];
	},
	enum: ({ allowedValues }) => {
		const expected = allowedValues
			.filter((/** @type {unknown} */ option) => option !== null)
			.map(show)
			.join(' | ');
		return ['invalid_enum_value', expected, `Invalid enum value. Expected ${expected}`];
	},
	const: ({ allowedValue }) => [
		'invalid_literal',
		show(allowedValue),
		`Invalid literal value, expected ${show(allowedValue)}`,
	],
	minLength: ({ limit }) => [
		'too_small',
		`string of at least ${limit} character(s)`,
		`String must contain at least ${limit} character(s)`,
	],
	minimum: ({ limit }) => [
		'too_small',
		`number greater than or equal to ${limit}`,
		`Number must be greater than or equal to ${limit}`,
	],
	pattern: ({ pattern }) => [
		'invalid_string',
		`string matching ${pattern}`,
		`Invalid: must match ${pattern}`,
	],
	format: ({ format }) => [
		'invalid_string',
		FORMATS[/** @type {keyof typeof FORMATS} */ (format)]?.expected ?? format,
		`Invalid ${FORMATS[/** @type {keyof typeof FORMATS} */ (format)]?.validation ?? format}`,
	],
};

/**
 * One Ajv error as a Zod-style issue.
 * @param {any} error an Ajv ErrorObject (verbose: with parentSchema and data)
 * @param {Array<string|number>} path
 * @returns {Issue}
 */
function issueOf(error, path) {
	const { keyword, params, data, parentSchema } = error;
	if (keyword === 'required') {
		const body = params.missingProperty === 'requestBody';
		return {
			code: 'invalid_type',
			expected: body ? 'object' : typeName(parentSchema?.properties?.[params.missingProperty]),
			received: 'undefined',
			path: body ? path : [...path, params.missingProperty],
			message: 'Required',
		};
	}
	const [code, expected, message] = ZOD_ISSUES[keyword]?.(params) ?? [
		'custom',
		keyword,
		error.message,
	];
	const received = keyword === 'type' ? typeOf(data) : show(data);
	return {
		code,
		expected,
		received,
		path,
		message:
			keyword === 'type' || keyword === 'enum' ? `${message}, received ${received}` : message,
	};
}

/**
 * Ajv's errors as Hero's issues. A failed union becomes one `invalid_union` issue followed by the
 * issues of the branch that came closest (Ajv reports every branch's errors before the union's).
 * @param {any[]} errors
 * @param {boolean} [request] instance paths start with where the value was (requestBody, query, path)
 * @returns {Issue[]}
 */
function issuesOf(errors, request = true) {
	const unions = errors.filter((error) => error.keyword === 'anyOf');
	/** @type {Set<any>} */
	const inBranches = new Set();
	/** @type {Map<any, any[]>} */
	const closest = new Map();
	for (const union of unions) {
		/** @type {any[][]} */
		const branches = union.schema.map(() => []);
		for (const error of errors) {
			const branch = /^\/(\d+)\//.exec(error.schemaPath.slice(union.schemaPath.length));
			if (error !== union && error.schemaPath.startsWith(`${union.schemaPath}/`) && branch) {
				branches[Number(branch[1])].push(error);
				inBranches.add(error);
			}
		}
		closest.set(
			union,
			branches.reduce((best, next) => (next.length < best.length ? next : best)),
		);
	}
	/** @type {Issue[]} */
	const issues = [];
	/** @param {any} error */
	const add = (error) => {
		const parts = error.instancePath.split('/').slice(1);
		const where = request ? parts.shift() : 'response';
		const path = parts.map((/** @type {string} */ part) =>
			/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~'),
		);
		const location = where === 'requestBody' || where === undefined ? 'body' : where;
		if (error.keyword === 'anyOf') {
			const expected = error.schema.map(describeBranch).join(', or ');
			issues.push({
				code: 'invalid_union',
				expected,
				received: typeOf(error.data),
				path,
				message: `Invalid input: expected ${expected}`,
				location,
			});
			for (const branchError of closest.get(error) ?? []) add(branchError);
			return;
		}
		issues.push({ ...issueOf(error, path), location });
	};
	for (const error of errors) if (!inBranches.has(error)) add(error);
	return issues;
}

/**
 * The query as the operation reads it: only the parameters it names (Hero ignores others), arrays
 * for array parameters and the last value otherwise. Ajv converts the text to the declared types.
 * @param {Operation} operation @param {Map<string, string[]>} query
 */
function queryFor(operation, query) {
	/** @type {Record<string, string | string[]>} */
	const values = {};
	for (const parameter of operation.parameters) {
		const given = query.get(parameter.name);
		if (parameter.in !== 'query' || !given) continue;
		values[parameter.name] = [parameter.schema.type].flat().includes('array')
			? given
			: given[given.length - 1];
	}
	return values;
}

/**
 * Reads the spec and builds its validators.
 * @param {string} [file]
 * @returns {Promise<Spec>}
 */
export async function loadSpec(file = SPEC_PATH) {
	const document = yaml.load(readFileSync(file, 'utf8'));
	adapt(document.paths);
	adapt(document.components);
	// quick: openapi-backend's own check of the document knows OpenAPI 3.0 only (the spec is 3.1);
	// it also dereferences synchronously and compiles each validator on first use.
	const api = new OpenAPIBackend({
		definition: document,
		quick: true,
		ajvOpts: { allErrors: true, verbose: true },
		customizeAjv: (/** @type {any} */ ajv) =>
			ajv
				.addFormat('date-time', isDateOrDateTime)
				.addFormat('date', fullFormats.date)
				.addFormat('email', fullFormats.email)
				.addFormat('uri', fullFormats.uri),
	});
	await api.init();

	/** @type {Map<string, Operation>} */
	const operations = new Map();
	// The library's own operation objects, handed back to it: looking one up by operationId rebuilds
	// its list of every operation (most of the cost of a request).
	/** @type {Map<Operation, any>} */
	const sources = new Map();
	for (const operation of api.getOperations()) {
		const body = operation.requestBody?.content?.['application/json'];
		/** @type {Operation} */
		const entry = {
			method: operation.method.toUpperCase(),
			path: operation.path,
			operationId: operation.operationId,
			parameters: (operation.parameters ?? []).map((/** @type {Schema} */ parameter) => ({
				name: parameter.name,
				in: parameter.in,
				required: parameter.required === true,
				schema: parameter.schema ?? {},
			})),
			body: body?.schema
				? { required: operation.requestBody.required === true, schema: body.schema }
				: undefined,
			partial: operation['x-partial'] === true,
		};
		operations.set(operationKey(operation.method, operation.path), entry);
		sources.set(entry, operation);
	}

	return {
		operations,
		validateRequest(operation, { params, query, body }) {
			const path = operation.path.replace(/\{(\w+)\}/g, (_, name) =>
				encodeURIComponent(params[name] ?? ''),
			);
			const result = api.validator.validateRequest(
				{ method: operation.method, path, headers: {}, query: queryFor(operation, query), body },
				sources.get(operation),
			);
			return result.errors ? issuesOf(result.errors) : [];
		},
		validateResponse(operation, body, status = 200) {
			const result = api.validator.validateResponse(body, sources.get(operation), status);
			return result.errors ? issuesOf(result.errors, false) : [];
		},
		mock(operation) {
			return api.mockResponseForOperation(operation.operationId, { code: 200 }).mock;
		},
	};
}

/**
 * Lists property names in a body that the operation's schema does not name (only for schemas that
 * are not marked partial). Hero itself ignores such fields; the sandbox reports them.
 * @param {Schema} schema dereferenced
 * @param {unknown} value
 * @param {string} [prefix]
 * @returns {string[]}
 */
export function unknownFields(schema, value, prefix = '') {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
	if (schema.anyOf) {
		return schema.anyOf
			.map((/** @type {Schema} */ branch) => unknownFields(branch, value, prefix))
			.reduce((/** @type {string[]} */ best, /** @type {string[]} */ next) =>
				next.length < best.length ? next : best,
			);
	}
	if (!schema.properties || schema['x-partial'] || schema.additionalProperties) return [];
	/** @type {string[]} */
	const found = [];
	for (const [name, item] of Object.entries(value)) {
		const property = schema.properties[name];
		if (!property) found.push(`${prefix}${name}`);
		else found.push(...unknownFields(property, item, `${prefix}${name}.`));
	}
	return found;
}
