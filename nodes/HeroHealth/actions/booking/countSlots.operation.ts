import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { slotFilters, slotQuery } from './common';

const properties: INodeProperties[] = [slotFilters];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['countSlots'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/slots/count' };

/** Local checks: the slot filters, as the query. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const qs = slotQuery.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex });
}

/** Hero's answer is not documented: a bare number becomes `{count}`, an object is output as it is. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	const response: unknown = await client.request(request);
	if (typeof response === 'number') return { count: response };
	if (typeof response === 'string' && /^\d+$/.test(response.trim())) {
		return { count: Number(response) };
	}
	return response as IDataObject;
}
