import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getCapabilities'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/me/capabilities' };

/** Local checks: none; the request takes no parameters. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	return endpointRequest(this.getNode(), endpoint, { itemIndex });
}

/** What the practice group can do in Hero, e.g. `sms_messaging`, as one item with a `capabilities` list. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
