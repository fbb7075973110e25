import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';
import { readLocatorValue } from '../../helpers/parameters';
import {
	itemError,
	normaliseDate,
	requireId,
	requireNumber,
	todayIn,
} from '../../helpers/validation';

/** A resource locator offered under Additional Fields / Update Fields. */
export function optionalLocator(
	displayName: string,
	name: string,
	searchListMethod: string,
	description?: string,
): INodeProperties {
	return resourceLocator({ displayName, name, searchListMethod, required: false, description });
}

export const expiryDateField: INodeProperties = {
	displayName: 'Expiry Date',
	name: 'expiryDate',
	type: 'dateTime',
	default: '',
	description: 'Last day the link works',
};

export const maximumUseCountField: INodeProperties = {
	displayName: 'Maximum Use Count',
	name: 'maximumUseCount',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	description: 'How many times the link can be used',
};

/** Adds `<apiName>: <id>` for a locator set in a collection; set but empty is an error. */
export function addLocatorId(
	node: INode,
	itemIndex: number,
	fields: IDataObject,
	option: string,
	label: string,
	apiName: string,
	body: IDataObject,
): void {
	if (fields[option] === undefined) return;
	body[apiName] = requireId(node, itemIndex, readLocatorValue(fields[option]), label);
}

/** Adds a date (YYYY-MM-DD) set in a collection; returns it for further checks. */
export function addDate(
	node: INode,
	itemIndex: number,
	fields: IDataObject,
	option: string,
	label: string,
	apiName: string,
	body: IDataObject,
	timeZone: string,
): string | undefined {
	const value = fields[option];
	if (value === undefined || value === null || value === '') return undefined;
	const date = normaliseDate(node, itemIndex, value, label, { timeZone });
	body[apiName] = date;
	return date;
}

/** Adds the Expiry Date set in a collection (the create operations share it); returns it. */
export function addExpiryDate(
	node: INode,
	itemIndex: number,
	fields: IDataObject,
	body: IDataObject,
	timeZone: string,
): string | undefined {
	return addDate(
		node,
		itemIndex,
		fields,
		'expiryDate',
		'Expiry Date',
		'expiry_date',
		body,
		timeZone,
	);
}

/** From Date must not come after To Date; an expiry date must not be in the past. */
export function checkDates(
	node: INode,
	itemIndex: number,
	dates: { from?: string; to?: string; expiry?: string },
	timeZone: string,
): void {
	if (dates.from && dates.to && dates.from > dates.to) {
		throw itemError(node, itemIndex, `From Date ${dates.from} is after To Date ${dates.to}`);
	}
	const today = todayIn(timeZone);
	if (dates.expiry && dates.expiry < today) {
		throw itemError(node, itemIndex, `Expiry Date ${dates.expiry} is in the past`);
	}
}

/** Adds a maximum use count set in a collection: a whole number of at least 1. */
export function addMaximumUseCount(
	node: INode,
	itemIndex: number,
	fields: IDataObject,
	body: IDataObject,
): void {
	const value = fields.maximumUseCount;
	if (value === undefined || value === null || value === '') return;
	body.maximum_use_count = requireNumber(node, itemIndex, value, 'Maximum Use Count', {
		integer: true,
		min: 1,
	});
}
