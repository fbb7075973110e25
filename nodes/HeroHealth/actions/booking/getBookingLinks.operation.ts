import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['getBookingLinks'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v2/bookinglinks',
	paged: true,
	pagingInferred: true,
};

/** Local checks: how many booking links to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { itemIndex, limit });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
