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
				type: 'options',
				default: 'first_name',
				options: [{ name: 'First Name', value: 'first_name' }],
			},
			{
				displayName: 'Sort Descending',
				name: 'orderDescending',
				type: 'boolean',
				default: false,
				description: 'Whether to sort from Z to A',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['admin'], operation: ['getAll'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/admins', paged: true };

/** Local checks: how many admins to read and the sort options, as the query. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (options.orderBy) qs.order_by = options.orderBy;
	if (options.orderDescending !== undefined) qs.order_descending = options.orderDescending === true;
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex, limit });
}

/** The practice group's staff users, one item per admin. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
