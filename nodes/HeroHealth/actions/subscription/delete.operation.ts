import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest, type Endpoint } from '../../transport';
import { requireSubscriptionId, subscriptionLocator } from './common';

const properties: INodeProperties[] = [subscriptionLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['delete'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'DELETE',
	path: '/v1/subscriptions/{id}',
	inferred: 'Tag "Subscriptions" seen without operations; DELETE on the item, as /v1/webhooks/{id}',
	inferredParts: ['method', 'path'],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireSubscriptionId.call(this, itemIndex);
	await heroApiRequest.call(this, endpoint, { pathParams: { id }, itemIndex });
	return { deleted: true, subscription_id: id };
}
