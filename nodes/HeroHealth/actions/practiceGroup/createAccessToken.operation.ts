import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName:
			'The token lets a Hero Element (an embeddable Hero component) act for your practice group for about 30 minutes. Pass it only to the page that shows the element, and create a new one each time.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['createAccessToken'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/access_token' };

/** Local checks: none; the request takes no parameters. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	return endpointRequest(this.getNode(), endpoint, { itemIndex });
}

/** A short-lived JWT for Hero Elements: `{access_token}`. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
