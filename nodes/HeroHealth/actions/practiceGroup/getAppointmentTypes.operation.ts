import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint, HeroClient, HeroRequest } from '../../transport';
import {
	hasAvailabilityFilter,
	locationIdsFilter,
	listProperties,
	practiceListRequest,
} from './common';

const properties: INodeProperties[] = listProperties([locationIdsFilter, hasAvailabilityFilter]);

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getAppointmentTypes'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/appointment_types' };

/** Local checks: the filters set and how many to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	return practiceListRequest.call(this, itemIndex, endpoint);
}

/** One item per appointment type, with slot_count and next_available_at. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
