import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';
import { requireSubscriptionId, subscriptionLocator } from './common';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [subscriptionLocator, ...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['getSubscribers'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/subscriptions/{id}/subscribers',
	paged: true,
	pagingInferred: true,
	inferred:
		'Tag "Subscriptions" seen without operations; sub-collection, as /v1/batch_message/{id}/recipients',
	inferredParts: ['method', 'path'],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = requireSubscriptionId.call(this, itemIndex);
	const limit = listLimit.call(this, itemIndex);
	return await heroApiRequestAllItems.call(
		this,
		endpoint,
		{ pathParams: { id }, itemIndex },
		limit,
	);
}
