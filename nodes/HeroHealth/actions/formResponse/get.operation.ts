import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest } from '../../transport';
import { formResponseIdField, requireFormResponseId } from './common';

const properties: INodeProperties[] = [formResponseIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['formResponse'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireFormResponseId.call(this, itemIndex);
	return await heroApiRequest.call(this, 'formResponse.get', { pathParams: { id }, itemIndex });
}
