import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyToggle } from '../common.descriptions';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';
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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = slotQuery.call(this, itemIndex);
	const limit = listLimit.call(this, itemIndex);
	const slots = await heroApiRequestAllItems.call(this, endpoint, { qs, itemIndex }, limit);
	return simplified(this, itemIndex, 'slot', slots);
}
