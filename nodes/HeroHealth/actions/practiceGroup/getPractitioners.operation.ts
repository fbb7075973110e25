import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint } from '../../transport';
import {
	appointmentTypeIdsFilter,
	hasAvailabilityFilter,
	locationIdsFilter,
	listProperties,
	readPracticeList,
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

export const endpoint: Endpoint = { method: 'GET', path: '/v1/practitioners' };

/** One item per practitioner set up for online booking. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await readPracticeList.call(this, itemIndex, endpoint);
}
