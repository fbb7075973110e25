import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeParameters,
	NodeParameterValueType,
} from 'n8n-workflow';
import { deepCopy, isResourceLocatorValue } from 'n8n-workflow';

/**
 * `={{ $json.field }}` or `={{ $json["field"] }}`, nothing else: the expression a mapped column gives.
 * Nothing may follow the closing braces: n8n would make `{{ … }} ` a text with that space in it.
 */
const PLAIN_FIELD_REFERENCE =
	/^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"])([^'"\\]+)\2\s*\])\s*\}\}$/;

type FastPath =
	| { kind: 'constant'; value: string | number | boolean }
	| { kind: 'collection'; value: IDataObject }
	| { kind: 'field'; field: string };

/** True when no string anywhere in the value is an expression and no resource locator is inside. */
function isFixedData(value: unknown): boolean {
	if (typeof value === 'string') return !value.startsWith('=');
	if (value === null || typeof value !== 'object') return true;
	if (isResourceLocatorValue(value)) return false;
	return Object.values(value).every(isFixedData);
}

/** The shortcut for one top-level parameter, or undefined when n8n must resolve it. */
function fastPathFor(raw: unknown, extractValue: boolean): FastPath | undefined {
	const value: unknown = extractValue && isResourceLocatorValue(raw) ? raw.value : raw;
	if (typeof value === 'string') {
		const match = PLAIN_FIELD_REFERENCE.exec(value);
		if (match) return { kind: 'field', field: match[1] ?? match[3] };
		if (!value.startsWith('=')) return { kind: 'constant', value };
		return undefined;
	}
	if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'constant', value };
	// A collection of fixed values (Additional Fields left as typed) is the same for every item.
	if (!extractValue && value && typeof value === 'object' && !Array.isArray(value)) {
		return isFixedData(value) ? { kind: 'collection', value: value as IDataObject } : undefined;
	}
	return undefined;
}

/**
 * Gives the operations a context whose getNodeParameter skips n8n's expression engine where the
 * answer is plain: a fixed value is read once per run, and a parameter that is only a mapped input
 * field (`{{ $json.nhs_number }}`) is read straight from the item, as the expression would give it.
 * A collection of fixed values is copied, not resolved again. Everything else goes to n8n as
 * before. n8n 2.x evaluates each expression in a sandbox (about 0.5 ms), which was most of the CPU a
 * campaign message cost.
 */
export function withParameterShortcuts(context: IExecuteFunctions): IExecuteFunctions {
	// n8n's getNode() deep-copies the node with all its parameters on every call: one copy per run.
	const node: INode = context.getNode();
	const parameters: INodeParameters = node.parameters;
	const items = context.getInputData();
	// By name, one map per extractValue setting: no key to build per call.
	const shortcuts = new Map<string, FastPath | undefined>();
	const extractedShortcuts = new Map<string, FastPath | undefined>();
	const getNodeParameter = context.getNodeParameter.bind(context) as (
		...args: unknown[]
	) => NodeParameterValueType | object;

	function readParameter(
		name: string,
		itemIndex: number,
		fallbackValue?: unknown,
		options?: { extractValue?: boolean },
	): NodeParameterValueType | object {
		// Any other option (rawExpressions, ensureType, skipValidation) changes what n8n gives.
		if (options && Object.keys(options).some((key) => key !== 'extractValue')) {
			return getNodeParameter(name, itemIndex, fallbackValue, options);
		}
		const extractValue = options?.extractValue === true;
		const known = extractValue ? extractedShortcuts : shortcuts;
		if (!known.has(name)) {
			// Nested names ('options.x') and parameters left at their default go to n8n.
			const raw = name.includes('.') ? undefined : parameters[name];
			known.set(name, raw === undefined ? undefined : fastPathFor(raw, extractValue));
		}
		const shortcut = known.get(name);
		if (shortcut?.kind === 'constant') return shortcut.value;
		// A copy, as n8n gives: an operation may change what it reads without touching the next item.
		if (shortcut?.kind === 'collection') return deepCopy(shortcut.value);
		if (shortcut?.kind === 'field') {
			const json = items[itemIndex]?.json;
			// The item's own field only: `$json.constructor` and the like are left to n8n.
			const own = json && Object.prototype.hasOwnProperty.call(json, shortcut.field);
			const value = own ? json[shortcut.field] : undefined;
			if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
				return value;
			}
		}
		return getNodeParameter(name, itemIndex, fallbackValue, options);
	}

	// Bound once: binding on every access made garbage for every item.
	const getNode = () => node;
	const boundMethods = new Map<PropertyKey, unknown>([
		['getNodeParameter', readParameter],
		['getNode', getNode],
	]);

	return new Proxy(context, {
		get(target, property) {
			const bound = boundMethods.get(property);
			if (bound) return bound;
			const value = Reflect.get(target, property, target) as unknown;
			if (typeof value !== 'function') return value;
			const method = (value as (...args: unknown[]) => unknown).bind(target);
			boundMethods.set(property, method);
			return method;
		},
	});
}
