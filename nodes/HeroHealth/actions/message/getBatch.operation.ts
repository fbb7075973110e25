import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireBatchId, batchLocator } from './common';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [batchLocator()];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getBatch'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/batch_message/{id}' };

export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireBatchId.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
