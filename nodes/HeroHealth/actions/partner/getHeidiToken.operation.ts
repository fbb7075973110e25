import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

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

/** Local checks: none; the request takes no parameters. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	return endpointRequest(this.getNode(), endpoint, { itemIndex });
}

/** `{token, expiration_time}` for the admin and practice group of the API key. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
