import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint } from '../../transport';
import {
	hasAvailabilityFilter,
	locationIdsFilter,
	listProperties,
	readPracticeList,
} from './common';

const properties: INodeProperties[] = listProperties([locationIdsFilter, hasAvailabilityFilter]);

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getAppointmentTypes'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/appointment_types' };

/** One item per appointment type, with slot_count and next_available_at. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await readPracticeList.call(this, itemIndex, endpoint);
}
