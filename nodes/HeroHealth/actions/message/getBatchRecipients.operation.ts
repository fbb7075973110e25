import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireBatchId, batchLocator } from './common';
import { returnAllOrLimit } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	batchLocator(),
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
					{ name: 'Error', value: 'ERROR' },
					{ name: 'Queued', value: 'QUEUED' },
					{ name: 'Sent', value: 'SENT' },
					{ name: 'Success', value: 'SUCCESS' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getBatchRecipients'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/batch_message/{id}/recipients',
	paged: true,
};

/** The patients of a batch and how sending to each went, one item per recipient. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireBatchId.call(this, itemIndex);
	const limit = listLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.status) qs.status = filters.status;
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, qs, itemIndex, limit });
}

/** The patients of a batch and how sending to each went, one item per recipient. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
