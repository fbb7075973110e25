import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'orderBy',
				type: 'string',
				default: '',
				placeholder: 'e.g. created_at',
				description: 'Field Hero sorts the list by',
			},
			{
				displayName: 'Sort Descending',
				name: 'orderDescending',
				type: 'boolean',
				default: false,
				description: 'Whether to sort from highest to lowest',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getAutomatedMessages'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v2/automated_messages',
	paged: true,
	pagingInferred: true,
};

export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const orderBy = String(options.orderBy ?? '').trim();
	// Hero spells this parameter in camelCase on this endpoint only.
	if (orderBy) qs.orderBy = orderBy;
	if (options.orderDescending !== undefined) qs.order_descending = options.orderDescending === true;
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex, limit });
}

/** Messages Hero sends by itself (reminders, follow-ups), one item per automated message. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
