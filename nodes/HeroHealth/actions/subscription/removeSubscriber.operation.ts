import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { requireLocatorId } from '../../helpers/parameters';
import { heroApiRequest } from '../../transport';
import { requireSubscriptionId, subscriptionLocator } from './common';

const properties: INodeProperties[] = [
	subscriptionLocator,
	patientLocator('The Hero patient to unsubscribe'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['removeSubscriber'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireSubscriptionId.call(this, itemIndex);
	const patientId = requireLocatorId.call(this, 'patientId', itemIndex, 'Patient');
	await heroApiRequest.call(this, 'subscription.removeSubscriber', {
		pathParams: { id, subscriber_id: patientId },
		itemIndex,
	});
	return { removed: true, subscription_id: id, patient_id: patientId };
}
