import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getConfiguration'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/me/configuration' };

/** Local checks: none; the request takes no parameters. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	return endpointRequest(this.getNode(), endpoint, { itemIndex });
}

/** The practice group's Hero configuration, as Hero answers it. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
