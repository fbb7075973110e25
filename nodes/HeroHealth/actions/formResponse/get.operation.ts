import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest } from '../../transport';
import { formResponseIdField, readFormResponseId } from './common';

const properties: INodeProperties[] = [formResponseIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['formResponse'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readFormResponseId.call(this, itemIndex);
	return await heroApiRequest.call(this, 'formResponse.get', { pathParams: { id }, itemIndex });
}
