import type {
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
	/** No expression in it: n8n's answer for the first item is its answer for every item. */
	| { kind: 'fixed'; answer?: { value: NodeParameterValueType | object } }
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
		if (!value.startsWith('=')) return { kind: 'fixed' };
		return undefined;
	}
	if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'fixed' };
	// A collection of fixed values (Additional Fields left as typed) is the same for every item.
	if (!extractValue && value && typeof value === 'object' && !Array.isArray(value)) {
		return isFixedData(value) ? { kind: 'fixed' } : undefined;
	}
	return undefined;
}

type Options = { extractValue?: boolean };

/**
 * How an operation reads its parameters in a run: `get` answers as `this.getNodeParameter` would,
 * and `node` is the node (n8n's getNode() deep-copies it, with all its parameters, on every call).
 * The router makes one per run and hands it to every item's execute.
 */
export interface ParameterReader {
	readonly node: INode;
	get(
		name: string,
		itemIndex: number,
		fallbackValue?: unknown,
		options?: Options,
	): NodeParameterValueType | object;
}

/** Every read through n8n: what readParameters must answer (test/parameterReader.test.ts runs both). */
export function n8nParameters(context: IExecuteFunctions): ParameterReader {
	return {
		node: context.getNode(),
		get: (name, itemIndex, fallbackValue, options) =>
			context.getNodeParameter(name, itemIndex, fallbackValue, options),
	};
}

/**
 * Reads parameters with as little of n8n's expression engine as gives the same answer. n8n 2.x
 * evaluates each expression in a sandbox (about 0.5 ms), which was most of the CPU a campaign
 * message cost. A parameter with no expression in it is the same for every item: n8n reads it once
 * and later items get a copy. A parameter that is only a mapped input field
 * (`={{ $json.nhs_number }}`) holding a string, number or boolean is read from the item, as the
 * expression gives it. Everything else (nested names, parameters left at their default, other
 * expressions, other options) is n8n's getNodeParameter, every time.
 */
export function readParameters(context: IExecuteFunctions): ParameterReader {
	const node: INode = context.getNode();
	const parameters: INodeParameters = node.parameters;
	const items = context.getInputData();
	// By name, one map per extractValue setting: no key to build per call.
	const shortcuts = new Map<string, FastPath | undefined>();
	const extractedShortcuts = new Map<string, FastPath | undefined>();
	const fromN8n = (name: string, itemIndex: number, fallbackValue?: unknown, options?: Options) =>
		context.getNodeParameter(name, itemIndex, fallbackValue, options);

	function get(
		name: string,
		itemIndex: number,
		fallbackValue?: unknown,
		options?: Options,
	): NodeParameterValueType | object {
		// Any other option (rawExpressions, ensureType, skipValidation) changes what n8n gives.
		if (options && Object.keys(options).some((key) => key !== 'extractValue')) {
			return fromN8n(name, itemIndex, fallbackValue, options);
		}
		const extractValue = options?.extractValue === true;
		const known = extractValue ? extractedShortcuts : shortcuts;
		if (!known.has(name)) {
			// Nested names ('options.x') and parameters left at their default go to n8n.
			const raw = name.includes('.') ? undefined : parameters[name];
			known.set(name, raw === undefined ? undefined : fastPathFor(raw, extractValue));
		}
		const shortcut = known.get(name);
		if (shortcut?.kind === 'fixed') {
			shortcut.answer ??= { value: fromN8n(name, itemIndex, fallbackValue, options) };
			const { value } = shortcut.answer;
			// A copy, as n8n gives: an operation may change what it reads without touching the next item.
			return value !== null && typeof value === 'object' ? deepCopy(value) : value;
		}
		if (shortcut?.kind === 'field') {
			const json = items[itemIndex]?.json;
			// The item's own field only: `$json.constructor` and the like are left to n8n.
			const own = json && Object.prototype.hasOwnProperty.call(json, shortcut.field);
			const value = own ? json[shortcut.field] : undefined;
			if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
				return value;
			}
		}
		return fromN8n(name, itemIndex, fallbackValue, options);
	}

	return { node, get };
}
