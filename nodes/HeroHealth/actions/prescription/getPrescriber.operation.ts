import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { requirePrescriberId, prescriberIdField } from './common';

const properties: INodeProperties[] = [prescriberIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['prescription'], operation: ['getPrescriber'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/prescriber/{id}',
	inferred:
		'Only the title "Get a prescriber" was seen; path is the parent of /v1/prescriber/{id}/pharmacies',
	inferredParts: ['method', 'path'],
};

/** Local checks: the prescriber ID, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requirePrescriberId.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, {
		pathParams: { id },
		itemIndex,
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
