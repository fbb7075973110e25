import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint, HeroClient, HeroRequest } from '../../transport';
import { listProperties, practiceListRequest } from './common';

const properties: INodeProperties[] = listProperties([]);

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getElements'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/me/elements' };

/** Local checks: how many to read (this list has no filters). */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	return practiceListRequest.call(this, itemIndex, endpoint);
}

/** One item per Hero Element (embeddable component) the practice group has. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
