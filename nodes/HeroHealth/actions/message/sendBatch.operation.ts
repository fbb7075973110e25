import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireBatchId, batchLocator } from './common';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [batchLocator()];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendBatch'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'PATCH', path: '/v1/batch_message/{id}/send' };

/** Starts sending a batch to all its recipients. Hero's answer is passed on when it gives one. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireBatchId.call(this, itemIndex);
	const response = await heroApiRequest.call(this, endpoint, {
		pathParams: { id },
		itemIndex,
	});
	return Object.keys(response).length ? response : { id, success: true };
}
