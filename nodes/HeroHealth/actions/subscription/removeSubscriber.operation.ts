import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { requireLocatorId } from '../../helpers/parameters';
import { heroApiRequest, type Endpoint } from '../../transport';
import { requireSubscriptionId, subscriptionLocator } from './common';

const properties: INodeProperties[] = [
	subscriptionLocator,
	patientLocator('The Hero patient to unsubscribe'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['removeSubscriber'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'DELETE',
	path: '/v1/subscriptions/{id}/subscribers/{subscriber_id}',
	inferred: 'Tag "Subscriptions" seen without operations; DELETE on the sub-collection item',
	inferredParts: ['method', 'path'],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireSubscriptionId.call(this, itemIndex);
	const patientId = requireLocatorId.call(this, 'patientId', itemIndex, 'Patient');
	await heroApiRequest.call(this, endpoint, {
		pathParams: { id, subscriber_id: patientId },
		itemIndex,
	});
	return { removed: true, subscription_id: id, patient_id: patientId };
}
