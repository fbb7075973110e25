import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
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

/** Local checks: the search text and how many customers to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const query = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('query', itemIndex),
		'Search',
	);
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { qs: { query }, itemIndex, limit });
}

/** Hero searches its Stripe customers; `query` is required by the API. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
