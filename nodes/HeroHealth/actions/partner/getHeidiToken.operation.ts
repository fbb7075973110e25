import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName:
			'The output holds a live Heidi token for the admin and practice group of the API key: treat it like a password',
		name: 'notice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['partner'], operation: ['getHeidiToken'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/partners/heidi/token' };

/** `{token, expiration_time}` for the admin and practice group of the API key. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await heroApiRequest.call(this, endpoint, { itemIndex });
}
