// @ts-check
// One workflow per resource with a Hero Health node for each of its operations, every required
// parameter filled with a value of the right kind, for the browser test that opens every panel.
// The values come from the node's own description (so a new operation is covered without a list
// to keep), and n8n-workflow's getNodeParametersIssues checks them here first: what the editor
// then shows is n8n's rendering of a node this package's description calls complete.
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { NODE_TYPES, REPO_ROOT, SANDBOX_CREDENTIAL, newId } from '../../scripts/n8n-runtime.mjs';

const require = createRequire(import.meta.url);
// n8n-workflow's ESM build does not load under plain Node (extensionless imports): its CommonJS one does.
/** @type {typeof import('n8n-workflow')} */
const { NodeHelpers } = require('n8n-workflow');

/** Values for required text fields whose name says what they hold; anything else gets an ID. */
const TEXT = {
	nhsNumber: '9990001006',
	dateOfBirth: '1985-03-14',
	email: 'olivia.bennett@example.com',
	mobile: '07700900001',
	postcode: 'LS6 2AB',
	url: 'https://example.com/hero-events',
	path: '/v1/me',
	query: 'Bennett',
	firstName: 'Olivia',
	lastName: 'Bennett',
	name: 'UI test',
	messageText: 'Your review is due: please book.',
	content: 'Your review is due: please book.',
	subject: 'Your review',
	note: 'Checked by the UI test',
	signature: 'Dr A Hart',
	batchName: 'UI test batch',
};

/**
 * A value of the kind a required parameter takes.
 * @param {import('n8n-workflow').INodeProperties} property
 */
function valueFor(property) {
	switch (property.type) {
		case 'resourceLocator':
			return { __rl: true, mode: 'id', value: '1001' };
		case 'dateTime':
			return '2026-12-01T09:00:00';
		case 'string':
			return (
				/** @type {Record<string, string>} */ (TEXT)[property.name] || property.default || '1001'
			);
		default:
			return property.default;
	}
}

/**
 * The built action node's description (dist/, which the stack's build has just written; n8n
 * loads a copy of it).
 */
export function actionDescription(packageDir = join(REPO_ROOT, 'dist')) {
	const { HeroHealth } = require(join(packageDir, 'nodes', 'HeroHealth', 'HeroHealth.node.js'));
	return /** @type {import('n8n-workflow').INodeTypeDescription} */ (new HeroHealth().description);
}

/**
 * Parameters for one operation as n8n stores them: resource and operation, then every required
 * parameter shown for them. Shown-ness is judged on the parameters with their defaults (as the
 * editor does: a default such as PDS Lookup's "Look Up By" decides which fields appear), again
 * after each pass until nothing more is missing.
 * @param {import('n8n-workflow').INodeTypeDescription} description
 * @param {string} resource @param {string} operation
 */
export function filledParameters(description, resource, operation) {
	/** @type {import('n8n-workflow').INodeParameters} */
	const parameters = { resource, operation };
	for (let pass = 0; pass < 5; pass++) {
		const full = withDefaults(description, parameters);
		const missing = description.properties.filter(
			(property) =>
				property.required &&
				isEmpty(full[property.name]) &&
				NodeHelpers.displayParameter(full, property, nodeOf(description), description),
		);
		if (!missing.length) break;
		for (const property of missing) {
			parameters[property.name] = /** @type {import('n8n-workflow').NodeParameterValueType} */ (
				valueFor(property)
			);
		}
	}
	return parameters;
}

/** Unset as n8n's required check sees it (a resource locator without a value too). @param {unknown} value */
function isEmpty(value) {
	if (value && typeof value === 'object' && '__rl' in value)
		return isEmpty(/** @type {any} */ (value).value);
	return value === undefined || value === null || value === '';
}

/** @param {import('n8n-workflow').INodeTypeDescription} description */
function nodeOf(description) {
	return { typeVersion: /** @type {number} */ (description.version) };
}

/**
 * The parameters with every shown parameter's default filled in, as the editor holds them.
 * @param {import('n8n-workflow').INodeTypeDescription} description
 * @param {import('n8n-workflow').INodeParameters} parameters
 */
export function withDefaults(description, parameters) {
	return /** @type {import('n8n-workflow').INodeParameters} */ (
		NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			nodeOf(description),
			description,
		)
	);
}

/**
 * Every resource with its operations: [{ resource, name, operations: [{ value, name }] }].
 * @param {import('n8n-workflow').INodeTypeDescription} description
 */
export function resources(description) {
	const resource = description.properties.find((property) => property.name === 'resource');
	return (resource?.options ?? []).map((option) => {
		const value = String(/** @type {any} */ (option).value);
		const operation = description.properties.find(
			(property) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.includes(value),
		);
		return {
			resource: value,
			name: /** @type {any} */ (option).name,
			operations: (operation?.options ?? []).map((entry) => ({
				value: String(/** @type {any} */ (entry).value),
				name: /** @type {any} */ (entry).name,
			})),
		};
	});
}

/**
 * A workflow per resource, one node per operation (named after it), laid out in a grid, each
 * with the sandbox credential. Throws when n8n-workflow finds an issue in a node's parameters.
 * @param {import('n8n-workflow').INodeTypeDescription} description
 */
export function operationWorkflows(description) {
	return resources(description).map(({ resource, name, operations }) => {
		const nodes = operations.map((operation, index) => {
			const node = {
				id: newId(),
				name: operation.name,
				type: NODE_TYPES.action,
				typeVersion: /** @type {number} */ (description.version),
				position: /** @type {[number, number]} */ ([
					(index % 5) * 260,
					Math.floor(index / 5) * 220,
				]),
				parameters: filledParameters(description, resource, operation.value),
				credentials: { heroHealthApi: { ...SANDBOX_CREDENTIAL } },
			};
			const issues = NodeHelpers.getNodeParametersIssues(
				description.properties,
				/** @type {any} */ ({ ...node, parameters: withDefaults(description, node.parameters) }),
				description,
			);
			if (issues) {
				throw new Error(
					`${name} → ${operation.name}: the filled parameters still have issues: ${JSON.stringify(issues)}`,
				);
			}
			return node;
		});
		return {
			id: newId(),
			name: `UI check: ${name}`,
			resource,
			nodes,
			connections: {},
			settings: {},
		};
	});
}
