import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';
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

/** The practice group's staff users, one item per admin. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = listLimit.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (options.orderBy) qs.order_by = options.orderBy;
	if (options.orderDescending !== undefined) qs.order_descending = options.orderDescending === true;
	return await heroApiRequestAllItems.call(this, endpoint, { qs, itemIndex }, limit);
}
