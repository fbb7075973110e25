import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getConfiguration'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/me/configuration' };

/** The practice group's Hero configuration, as Hero answers it. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await heroApiRequest.call(this, endpoint, { itemIndex });
}
