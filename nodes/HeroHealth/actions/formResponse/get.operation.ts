import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest, type Endpoint } from '../../transport';
import { formResponseIdField, requireFormResponseId } from './common';

const properties: INodeProperties[] = [formResponseIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['formResponse'], operation: ['get'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/form_response/{id}' };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireFormResponseId.call(this, itemIndex);
	return await heroApiRequest.call(this, endpoint, { pathParams: { id }, itemIndex });
}
