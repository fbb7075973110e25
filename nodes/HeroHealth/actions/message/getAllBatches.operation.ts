import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'CREATED',
				options: [
					{ name: 'Created', value: 'CREATED' },
					{ name: 'Enriched', value: 'ENRICHED', description: 'Contact details found on PDS' },
					{ name: 'Enrichment Error', value: 'ENRICHMENT_ERROR' },
					{ name: 'Invalid Payload', value: 'INVALID_PAYLOAD' },
					{ name: 'Queued', value: 'QUEUED' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getAllBatches'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/batch_message', paged: true };

export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.status) qs.status = filters.status;
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex, limit });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
