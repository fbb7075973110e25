import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireBatchId, batchLocator } from './common';
import { returnAllOrLimit, simplifyToggle } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [
	batchLocator(),
	...returnAllOrLimit(),
	simplifyToggle(),
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
				type: 'string',
				default: '',
				placeholder: 'e.g. delivered',
				description: 'Only messages with this delivery status',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getBatchMessages'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/batch_message/{id}/messages',
	paged: true,
};

/** The individual messages a batch sent, one item per message. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireBatchId.call(this, itemIndex);
	const limit = listLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const status = String(filters.status ?? '').trim();
	if (status) qs.status = status;
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, qs, itemIndex, limit });
}

/** The individual messages a batch sent, one item per message. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	const messages = await client.requestAll(request);
	return simplified(this, itemIndex, 'message', messages);
}
