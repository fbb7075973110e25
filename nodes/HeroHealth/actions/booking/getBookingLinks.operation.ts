import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['getBookingLinks'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v2/bookinglinks',
	paged: true,
	pagingInferred: true,
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = listLimit.call(this, itemIndex);
	return await heroApiRequestAllItems.call(this, endpoint, { itemIndex }, limit);
}
