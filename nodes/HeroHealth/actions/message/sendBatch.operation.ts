import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireBatchId, batchLocator } from './common';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';

const properties: INodeProperties[] = [batchLocator()];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendBatch'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'PATCH', path: '/v1/batch_message/{id}/send' };

/** Starts sending a batch to all its recipients. Hero's answer is passed on when it gives one. */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const id = requireBatchId.call(this, itemIndex);
	return {
		id,
		request: endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex }),
	};
}

/** Starts sending a batch to all its recipients. Hero's answer is passed on when it gives one. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ id, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	const response = await client.request(request);
	return Object.keys(response).length ? response : { id, success: true };
}
