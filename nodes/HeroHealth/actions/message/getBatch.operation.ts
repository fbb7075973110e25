import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireBatchId, batchLocator } from './common';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [batchLocator()];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getBatch'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/batch_message/{id}' };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireBatchId.call(this, itemIndex);
	return await heroApiRequest.call(this, endpoint, { pathParams: { id }, itemIndex });
}
