import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint, HeroClient, HeroRequest } from '../../transport';
import {
	appointmentTypeIdsFilter,
	hasAvailabilityFilter,
	listProperties,
	practiceListRequest,
} from './common';

const properties: INodeProperties[] = listProperties([
	appointmentTypeIdsFilter,
	hasAvailabilityFilter,
]);

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getLocations'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/locations' };

/** Local checks: the filters set and how many to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	return practiceListRequest.call(this, itemIndex, endpoint);
}

/** One item per location set up for online booking. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
