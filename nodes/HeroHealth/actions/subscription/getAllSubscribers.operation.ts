import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { listLimit } from '../../helpers/parameters';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['getAllSubscribers'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/subscribers',
	paged: true,
	pagingInferred: true,
	inferred:
		'The List Subscriptions page names /v1/subscribers as the next operation but was cut before its method; a list read is a GET',
	inferredParts: ['method'],
};

/** Local checks: how many subscribers to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { itemIndex, limit });
}

/** Hero's top-level subscribers list (inferred method, see the endpoint), one item each. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
