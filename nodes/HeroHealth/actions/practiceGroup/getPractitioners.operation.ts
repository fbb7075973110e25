import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	appointmentTypeIdsFilter,
	hasAvailabilityFilter,
	locationIdsFilter,
	listProperties,
	readList,
} from './common';

const properties: INodeProperties[] = listProperties([
	appointmentTypeIdsFilter,
	locationIdsFilter,
	hasAvailabilityFilter,
]);

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getPractitioners'] } },
	properties,
);

/** One item per practitioner set up for online booking. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await readList.call(this, itemIndex, 'practiceGroup.getPractitioners');
}
