import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { requireId, requireNumber } from './validation';

/*
 * Reading IDs: `require…Id` reads and checks a required ID (an error names the field and the item);
 * `read…` only reads and trims, for optional fields the caller checks itself.
 */

/**
 * The ID of a resource locator parameter, whichever mode the user picked: text trimmed, anything
 * else as given, so that requireId / requireText refuse a list or an object rather than read
 * `["102"]` as 102.
 */
export function readLocatorId(this: IExecuteFunctions, name: string, itemIndex: number): unknown {
	const value = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '';
	return typeof value === 'string' ? value.trim() : value;
}

/** Copies the set fields of a collection into a body, renaming camelCase options to Hero's names. */
export function mapFields(
	fields: IDataObject,
	names: Record<string, string>,
	target: IDataObject = {},
): IDataObject {
	for (const [option, apiName] of Object.entries(names)) {
		const value = fields[option];
		if (value === undefined || value === null || value === '') continue;
		target[apiName] = value;
	}
	return target;
}

/** The Limit of a list operation (a whole number, 1 or more), or undefined when Return All is on. */
export function listLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	if (returnAll) return undefined;
	return requireNumber(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('limit', itemIndex),
		'Limit',
		{
			integer: true,
			min: 1,
		},
	);
}

/** The Hero ID a resource locator holds, or an error naming the field and the item. */
export function requireLocatorId(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	field: string,
): string {
	return requireId(this.getNode(), itemIndex, readLocatorId.call(this, name, itemIndex), field);
}

/**
 * The ID in a resource locator that sits inside a collection (Additional Fields, Update Fields,
 * Filters), where n8n hands over the whole `{ __rl, mode, value }` object; a plain value passes through.
 */
export function readLocatorValue(value: unknown): unknown {
	const id =
		value && typeof value === 'object' && 'value' in value
			? ((value as { value: unknown }).value ?? '')
			: (value ?? '');
	return typeof id === 'string' ? id.trim() : id;
}
