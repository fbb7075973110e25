import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['consultation'], operation: ['getAll'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/consultations',
	paged: true,
	pagingInferred: true,
	inferred:
		'Tag "Consultations" seen without operations; path follows the /v1/<collection> convention',
	inferredParts: ['method', 'path'],
};

/** Local checks: how many consultations to read. */
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
