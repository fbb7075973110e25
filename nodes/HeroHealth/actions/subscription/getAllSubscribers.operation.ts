import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { listLimit } from '../../helpers/parameters';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['getAllSubscribers'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/subscribers',
	paged: true,
	pagingInferred: true,
	inferred:
		'The List Subscriptions page names /v1/subscribers as the next operation but was cut before its method; a list read is a GET',
	inferredParts: ['method'],
};

/** Hero's top-level subscribers list (inferred method, see the endpoint), one item each. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = listLimit.call(this, itemIndex);
	return await heroApiRequestAllItems.call(this, endpoint, { itemIndex }, limit);
}
