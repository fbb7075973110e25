import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';
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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = listLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.status) qs.status = filters.status;
	return await heroApiRequestAllItems.call(this, endpoint, { qs, itemIndex }, limit);
}
