import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { hasAvailabilityFilter, locationIdsFilter, listProperties, readList } from './common';

const properties: INodeProperties[] = listProperties([locationIdsFilter, hasAvailabilityFilter]);

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getAppointmentTypes'] } },
	properties,
);

/** One item per appointment type, with slot_count and next_available_at. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await readList.call(this, itemIndex, 'practiceGroup.getAppointmentTypes');
}
