// @ts-check
// The OpenAPI description (spec/hero-openapi.yaml) as the sandbox uses it: an index of operations by
// method and path template, and a small JSON Schema validator that reports problems the way Hero
// does (a Zod-style issue list: `{code, expected, received, path, message}`).
//
// The validator covers exactly the keywords the spec uses; loadSpec() refuses a spec with any other
// keyword, so nothing in a future spec edit is silently ignored.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** js-yaml ships no types; loaded through require so the file still type-checks. */
const yaml = createRequire(import.meta.url)('js-yaml');

/**
 * @typedef {Record<string, any>} Schema
 * @typedef {{ code: string, expected: string, received?: string, path: Array<string|number>, message: string, location?: string }} Issue
 * @typedef {{ name: string, in: string, required: boolean, schema: Schema }} Parameter
 * @typedef {{ method: string, path: string, operationId: string, parameters: Parameter[], body?: { required: boolean, schema: Schema }, responses: Record<string, Schema | undefined>, partial: boolean }} Operation
 * @typedef {{ document: any, operations: Map<string, Operation>, validate: (schema: Schema, value: unknown, path?: Array<string|number>, location?: string) => Issue[], resolve: (schema: Schema) => Schema }} Spec
 */

export const SPEC_PATH = join(
	dirname(fileURLToPath(import.meta.url)),
	'..',
	'spec',
	'hero-openapi.yaml',
);

/** Every keyword the validator understands or may ignore safely (annotations). */
const VALIDATION_KEYWORDS = new Set([
	'$ref',
	'type',
	'enum',
	'const',
	'format',
	'pattern',
	'minLength',
	'minimum',
	'properties',
	'required',
	'additionalProperties',
	'items',
	'oneOf',
	'allOf',
]);
const ANNOTATIONS = new Set(['description', 'default', 'example', 'examples', 'title']);

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** @param {string} y @param {string} m @param {string} d */
function isRealDate(y, m, d) {
	const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
	return (
		date.getUTCFullYear() === Number(y) &&
		date.getUTCMonth() === Number(m) - 1 &&
		date.getUTCDate() === Number(d)
	);
}

/**
 * `format: date-time` as Hero uses it: an RFC 3339 date-time with a zone, or a plain `YYYY-MM-DD`
 * (Hero's own examples put dates in date-time fields, e.g. `dob`).
 * @param {string} text
 */
export function isDateOrDateTime(text) {
	const date = DATE_ONLY.exec(text);
	if (date) return isRealDate(date[1], date[2], date[3]);
	const dateTime = DATE_TIME.exec(text);
	if (!dateTime) return false;
	return (
		isRealDate(dateTime[1], dateTime[2], dateTime[3]) &&
		Number(dateTime[4]) < 24 &&
		Number(dateTime[5]) < 60 &&
		!Number.isNaN(Date.parse(text))
	);
}

/** @type {Record<string, { test: (text: string) => boolean, expected: string, validation: string }>} */
const FORMATS = {
	'date-time': {
		test: isDateOrDateTime,
		expected: 'ISO 8601 date-time (e.g. 2026-03-15T14:00:00Z) or date (YYYY-MM-DD)',
		validation: 'datetime',
	},
	date: {
		test: (text) => {
			const match = DATE_ONLY.exec(text);
			return match !== null && isRealDate(match[1], match[2], match[3]);
		},
		expected: 'date (YYYY-MM-DD)',
		validation: 'date',
	},
	email: {
		test: (text) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text),
		expected: 'email address',
		validation: 'email',
	},
	uri: {
		test: (text) => {
			try {
				const url = new URL(text);
				return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol);
			} catch {
				return false;
			}
		},
		expected: 'absolute URL',
		validation: 'url',
	},
};

/** Zod's names for the type of a value. @param {unknown} value */
export function typeOf(value) {
	if (value === undefined) return 'undefined';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : 'number';
	return typeof value;
}

/** @param {unknown} value @param {string} type */
function hasType(value, type) {
	switch (type) {
		case 'null':
			return value === null;
		case 'string':
			return typeof value === 'string';
		case 'boolean':
			return typeof value === 'boolean';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'array':
			return Array.isArray(value);
		case 'object':
			return value !== null && typeof value === 'object' && !Array.isArray(value);
		default:
			throw new Error(`Unknown JSON Schema type ${type}`);
	}
}

/** @param {unknown} value */
function show(value) {
	return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

/**
 * @param {any} document
 * @returns {(schema: Schema) => Schema}
 */
function resolver(document) {
	return function resolve(schema) {
		let current = schema;
		for (let depth = 0; current && current.$ref; depth++) {
			if (depth > 20) throw new Error(`$ref loop at ${schema.$ref}`);
			const ref = String(current.$ref);
			if (!ref.startsWith('#/')) throw new Error(`Only local $ref is supported: ${ref}`);
			current = ref
				.slice(2)
				.split('/')
				.reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
			if (!current) throw new Error(`Unresolved $ref ${ref}`);
		}
		return current;
	};
}

/**
 * Builds the validator over a spec document.
 * @param {(schema: Schema) => Schema} resolve
 */
function validator(resolve) {
	/**
	 * @param {Schema} rawSchema
	 * @param {unknown} value
	 * @param {Array<string|number>} path
	 * @param {Issue[]} issues
	 */
	function check(rawSchema, value, path, issues) {
		const schema = resolve(rawSchema);
		if (schema.allOf) for (const part of schema.allOf) check(part, value, path, issues);
		if (schema.oneOf) {
			// Like Zod's union (which Hero's validation appears to be): the first branch that fits wins.
			// A strict JSON Schema oneOf would reject a body that fits two branches, which Hero does not.
			/** @type {Issue[][]} */
			const branchIssues = [];
			for (const branch of schema.oneOf) {
				/** @type {Issue[]} */
				const found = [];
				check(branch, value, path, found);
				if (found.length === 0) {
					branchIssues.length = 0;
					break;
				}
				branchIssues.push(found);
			}
			if (branchIssues.length) {
				const closest = branchIssues.reduce((best, next) =>
					next.length < best.length ? next : best,
				);
				issues.push({
					code: 'invalid_union',
					expected: schema.oneOf
						.map((/** @type {Schema} */ branch) => describeBranch(resolve(branch)))
						.join(', or '),
					received: typeOf(value),
					path,
					message: `Invalid input: expected ${schema.oneOf
						.map((/** @type {Schema} */ branch) => describeBranch(resolve(branch)))
						.join(', or ')}`,
				});
				issues.push(...closest);
			}
		}
		/** @type {string[]} */
		const types = schema.type === undefined ? [] : [].concat(schema.type);
		if (types.length && !types.some((type) => hasType(value, type))) {
			const expected = types.join(' | ');
			issues.push({
				code: 'invalid_type',
				expected,
				received: typeOf(value),
				path,
				message:
					value === undefined ? 'Required' : `Expected ${expected}, received ${typeOf(value)}`,
			});
			return;
		}
		if (value === null) return;
		if ('const' in schema && value !== schema.const) {
			issues.push({
				code: 'invalid_literal',
				expected: show(schema.const),
				received: show(value),
				path,
				message: `Invalid literal value, expected ${show(schema.const)}`,
			});
		}
		if (schema.enum) {
			const allowed = [...schema.enum, ...(schema['x-additional-values-seen'] ?? [])];
			if (!allowed.includes(value)) {
				const expected = allowed
					.filter((option) => option !== null)
					.map(show)
					.join(' | ');
				issues.push({
					code: 'invalid_enum_value',
					expected,
					received: show(value),
					path,
					message: `Invalid enum value. Expected ${expected}, received ${show(value)}`,
				});
			}
		}
		if (typeof value === 'string') {
			if (schema.minLength !== undefined && value.length < schema.minLength) {
				issues.push({
					code: 'too_small',
					expected: `string of at least ${schema.minLength} character(s)`,
					received: show(value),
					path,
					message: `String must contain at least ${schema.minLength} character(s)`,
				});
			}
			if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
				issues.push({
					code: 'invalid_string',
					expected: `string matching ${schema.pattern}`,
					received: show(value),
					path,
					message: `Invalid: must match ${schema.pattern}`,
				});
			}
			if (schema.format !== undefined) {
				const format = FORMATS[schema.format];
				if (!format) throw new Error(`Unknown format ${schema.format}`);
				if (!format.test(value)) {
					issues.push({
						code: 'invalid_string',
						expected: format.expected,
						received: show(value),
						path,
						message: `Invalid ${format.validation}`,
					});
				}
			}
		}
		if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) {
			issues.push({
				code: 'too_small',
				expected: `number greater than or equal to ${schema.minimum}`,
				received: String(value),
				path,
				message: `Number must be greater than or equal to ${schema.minimum}`,
			});
		}
		if (Array.isArray(value) && schema.items) {
			value.forEach((item, index) => check(schema.items, item, [...path, index], issues));
		}
		if (hasType(value, 'object')) {
			const record = /** @type {Record<string, unknown>} */ (value);
			for (const name of schema.required ?? []) {
				if (record[name] === undefined) {
					const property = schema.properties?.[name] ? resolve(schema.properties[name]) : {};
					const expected = property.type ? [].concat(property.type).join(' | ') : 'value';
					issues.push({
						code: 'invalid_type',
						expected,
						received: 'undefined',
						path: [...path, name],
						message: 'Required',
					});
				}
			}
			for (const [name, item] of Object.entries(record)) {
				if (item === undefined) continue;
				const property = schema.properties?.[name];
				if (property) check(property, item, [...path, name], issues);
				else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
					check(schema.additionalProperties, item, [...path, name], issues);
				}
			}
		}
	}

	/**
	 * Validates a value; answers the issues found (empty when valid).
	 * @param {Schema} schema
	 * @param {unknown} value
	 * @param {Array<string|number>} [path]
	 * @param {string} [location] 'body', 'query' or 'path', added to every issue
	 */
	return function validate(schema, value, path = [], location) {
		/** @type {Issue[]} */
		const issues = [];
		check(schema, value, path, issues);
		if (location) for (const issue of issues) issue.location = location;
		return issues;
	};
}

/** A short reading of what an object schema wants, for union errors. @param {Schema} schema */
function describeBranch(schema) {
	if (schema.required?.length) return schema.required.join(' + ');
	return schema.type ? [].concat(schema.type).join(' | ') : 'value';
}

/**
 * Fails on any schema keyword the validator does not handle, so a spec edit cannot weaken checks.
 * @param {unknown} node
 * @param {string} where
 */
function auditKeywords(node, where) {
	if (Array.isArray(node)) {
		node.forEach((item, index) => auditKeywords(item, `${where}/${index}`));
		return;
	}
	if (!node || typeof node !== 'object') return;
	for (const [key, value] of Object.entries(node)) {
		if (key.startsWith('x-') || ANNOTATIONS.has(key)) continue;
		if (!VALIDATION_KEYWORDS.has(key))
			throw new Error(`Unsupported schema keyword "${key}" at ${where}`);
		if (key === 'properties') {
			for (const [name, property] of Object.entries(/** @type {object} */ (value))) {
				auditKeywords(property, `${where}/properties/${name}`);
			}
		} else if (key === 'items' || key === 'additionalProperties') {
			auditKeywords(value, `${where}/${key}`);
		} else if (key === 'oneOf' || key === 'allOf') {
			auditKeywords(value, `${where}/${key}`);
		}
	}
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
 * Reads and indexes the spec.
 * @param {string} [file]
 * @returns {Spec}
 */
export function loadSpec(file = SPEC_PATH) {
	const document = /** @type {any} */ (yaml.load(readFileSync(file, 'utf8')));
	const resolve = resolver(document);
	for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
		auditKeywords(schema, `#/components/schemas/${name}`);
	}
	/** @type {Map<string, Operation>} */
	const operations = new Map();
	for (const [path, item] of Object.entries(document.paths ?? {})) {
		for (const [method, rawOperation] of Object.entries(
			/** @type {Record<string, any>} */ (item),
		)) {
			if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
			const operation = /** @type {any} */ (rawOperation);
			const where = `#/paths/${path}/${method}`;
			/** @type {Parameter[]} */
			const parameters = (operation.parameters ?? []).map((/** @type {Schema} */ raw) => {
				const parameter = resolve(raw);
				auditKeywords(parameter.schema ?? {}, `${where}/parameters/${parameter.name}`);
				return {
					name: parameter.in === 'query' ? baseParamName(parameter.name) : parameter.name,
					in: parameter.in,
					required: parameter.required === true,
					schema: parameter.schema ?? {},
				};
			});
			const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
			if (bodySchema) auditKeywords(bodySchema, `${where}/requestBody`);
			/** @type {Record<string, Schema | undefined>} */
			const responses = {};
			for (const [status, rawResponse] of Object.entries(operation.responses ?? {})) {
				const response = resolve(/** @type {Schema} */ (rawResponse));
				responses[status] = response.content?.['application/json']?.schema;
			}
			operations.set(operationKey(method, path), {
				method: method.toUpperCase(),
				path,
				operationId: operation.operationId,
				parameters,
				body: bodySchema
					? { required: operation.requestBody.required === true, schema: bodySchema }
					: undefined,
				responses,
				partial: operation['x-partial'] === true,
			});
		}
	}
	return { document, operations, validate: validator(resolve), resolve };
}

/**
 * Turns the text values of a query parameter into what its schema wants (query strings carry text
 * only): `true`/`false` for booleans, numbers for number/integer, arrays from repeated keys.
 * Anything that does not convert is left as text, so the validator reports it.
 * @param {Schema} schema already resolved
 * @param {string[]} values
 * @param {(schema: Schema) => Schema} resolve
 */
export function coerceQueryValue(schema, values, resolve) {
	/** @type {string[]} */
	const types = schema.type === undefined ? [] : [].concat(schema.type);
	if (types.includes('array')) {
		const items = schema.items ? resolve(schema.items) : {};
		return values.map((value) => coerceScalar(items, value));
	}
	return coerceScalar(schema, values[values.length - 1]);
}

/** @param {Schema} schema @param {string} value */
function coerceScalar(schema, value) {
	/** @type {string[]} */
	const types = schema.type === undefined ? [] : [].concat(schema.type);
	if (types.includes('string')) return value;
	if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
	if (types.includes('integer') && /^-?\d+$/.test(value)) return Number(value);
	if (types.includes('number') && value.trim() !== '' && Number.isFinite(Number(value))) {
		return Number(value);
	}
	return value;
}

/**
 * Lists property names in a body that the operation's schema does not name (only for schemas that
 * are not marked partial). Hero itself ignores such fields; the sandbox reports them.
 * @param {Spec} spec
 * @param {Schema} rawSchema
 * @param {unknown} value
 * @param {string} [prefix]
 * @returns {string[]}
 */
export function unknownFields(spec, rawSchema, value, prefix = '') {
	const schema = spec.resolve(rawSchema);
	if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
	if (schema.oneOf) {
		const results = schema.oneOf.map((/** @type {Schema} */ branch) =>
			unknownFields(spec, branch, value, prefix),
		);
		return results.reduce((/** @type {string[]} */ best, /** @type {string[]} */ next) =>
			next.length < best.length ? next : best,
		);
	}
	if (!schema.properties || schema['x-partial'] || schema.additionalProperties) return [];
	/** @type {string[]} */
	const found = [];
	for (const [name, item] of Object.entries(value)) {
		const property = schema.properties[name];
		if (!property) found.push(`${prefix}${name}`);
		else found.push(...unknownFields(spec, property, item, `${prefix}${name}.`));
	}
	return found;
}
