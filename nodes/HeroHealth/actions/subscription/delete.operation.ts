import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest } from '../../transport';
import { requireSubscriptionId, subscriptionLocator } from './common';

const properties: INodeProperties[] = [subscriptionLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireSubscriptionId.call(this, itemIndex);
	await heroApiRequest.call(this, 'subscription.delete', { pathParams: { id }, itemIndex });
	return { deleted: true, subscription_id: id };
}
