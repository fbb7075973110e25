import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest, type Endpoint } from '../../transport';
import { slotFilters, slotQuery } from './common';

const properties: INodeProperties[] = [slotFilters];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['countSlots'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/slots/count' };

/** Hero's answer is not documented: a bare number becomes `{count}`, an object is output as it is. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const qs = slotQuery.call(this, itemIndex);
	const response: unknown = await heroApiRequest.call(this, endpoint, {
		qs,
		itemIndex,
	});
	if (typeof response === 'number') return { count: response };
	if (typeof response === 'string' && /^\d+$/.test(response.trim())) {
		return { count: Number(response) };
	}
	return response as IDataObject;
}
