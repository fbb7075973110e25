import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { requireText } from '../../helpers/validation';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Search',
		name: 'query',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. jane@example.com',
		description: 'Text to find the customer by, e.g. a name or an email address',
	},
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invoicing'], operation: ['getCustomers'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/invoicing/customers' };

/** Hero searches its Stripe customers; `query` is required by the API. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const query = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('query', itemIndex),
		'Search',
	);
	const limit = listLimit.call(this, itemIndex);
	return await heroApiRequestAllItems.call(this, endpoint, { qs: { query }, itemIndex }, limit);
}
