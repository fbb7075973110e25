import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { requirePrescriberId, prescriberIdField } from './common';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [prescriberIdField, ...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['prescription'], operation: ['getPrescriberPharmacies'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/prescriber/{id}/pharmacies' };

/** Local checks: the prescriber ID, as the request's path parameter, and how many to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requirePrescriberId.call(this, itemIndex);
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex, limit });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
