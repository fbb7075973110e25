import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyToggle } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { slotFilters, slotQuery } from './common';
import { listLimit } from '../../helpers/parameters';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [...returnAllOrLimit(), simplifyToggle(), slotFilters];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['getSlots'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/slots',
	paged: true,
	pagingInferred: true,
};

/** Local checks: the slot filters, as the query, and how many slots to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const qs = slotQuery.call(this, itemIndex);
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex, limit });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	const slots = await client.requestAll(request);
	return simplified(this, itemIndex, 'slot', slots);
}
