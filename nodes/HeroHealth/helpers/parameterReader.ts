import type {
	IDataObject,
	IExecuteFunctions,
	INodeParameters,
	NodeParameterValueType,
} from 'n8n-workflow';

/** `={{ $json.field }}` or `={{ $json["field"] }}`, nothing else: the expression a mapped column gives. */
const PLAIN_FIELD_REFERENCE =
	/^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"])([^'"\\]+)\2\s*\])\s*\}\}\s*$/;

type FastPath =
	| { kind: 'constant'; value: string | number | boolean }
	| { kind: 'field'; field: string };

/** The shortcut for one top-level parameter, or undefined when n8n must resolve it. */
function fastPathFor(raw: unknown, extractValue: boolean): FastPath | undefined {
	let value = raw;
	if (extractValue && value && typeof value === 'object' && (value as IDataObject).__rl === true) {
		value = (value as IDataObject).value;
	}
	if (typeof value === 'string') {
		const match = PLAIN_FIELD_REFERENCE.exec(value);
		if (match) return { kind: 'field', field: match[1] ?? match[3] };
		if (!value.startsWith('=')) return { kind: 'constant', value };
		return undefined;
	}
	if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'constant', value };
	return undefined;
}

/**
 * Gives the operations a context whose getNodeParameter skips n8n's expression engine where the
 * answer is plain: a fixed value is read once per run, and a parameter that is only a mapped input
 * field (`{{ $json.nhs_number }}`) is read straight from the item, as the expression would give it.
 * Everything else goes to n8n as before. n8n 2.x evaluates each expression in a sandbox (about
 * 0.5 ms), which was most of the CPU a campaign message cost.
 */
export function withParameterShortcuts(context: IExecuteFunctions): IExecuteFunctions {
	const parameters: INodeParameters = context.getNode().parameters;
	const items = context.getInputData();
	const shortcuts = new Map<string, FastPath | undefined>();
	const getNodeParameter = context.getNodeParameter.bind(context) as (
		...args: unknown[]
	) => NodeParameterValueType | object;

	function readParameter(
		name: string,
		itemIndex: number,
		fallbackValue?: unknown,
		options?: { extractValue?: boolean },
	): NodeParameterValueType | object {
		const extractValue = options?.extractValue === true;
		const key = `${name}|${extractValue}`;
		if (!shortcuts.has(key)) {
			// Nested names ('options.x') and parameters left at their default go to n8n.
			const raw = name.includes('.') ? undefined : parameters[name];
			shortcuts.set(key, raw === undefined ? undefined : fastPathFor(raw, extractValue));
		}
		const shortcut = shortcuts.get(key);
		if (shortcut?.kind === 'constant') return shortcut.value;
		if (shortcut?.kind === 'field') {
			const value = items[itemIndex]?.json?.[shortcut.field];
			if (value !== undefined && value !== null && typeof value !== 'object') return value;
		}
		return getNodeParameter(name, itemIndex, fallbackValue, options);
	}

	return new Proxy(context, {
		get(target, property) {
			if (property === 'getNodeParameter') return readParameter;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(target)
				: value;
		},
	});
}
