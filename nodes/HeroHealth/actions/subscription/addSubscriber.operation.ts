import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { requireLocatorId } from '../../helpers/parameters';
import { heroApiRequest, type Endpoint } from '../../transport';
import { requireSubscriptionId, subscriptionLocator } from './common';

const properties: INodeProperties[] = [
	subscriptionLocator,
	patientLocator('The Hero patient to subscribe'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['addSubscriber'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'POST',
	path: '/v1/subscriptions/{id}/subscribers',
	inferred: 'Tag "Subscriptions" seen without operations; POST on the sub-collection',
	inferredParts: ['method', 'path', 'body'],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireSubscriptionId.call(this, itemIndex);
	const patientId = requireLocatorId.call(this, 'patientId', itemIndex, 'Patient');
	const response = await heroApiRequest.call(this, endpoint, {
		pathParams: { id },
		body: { patient_id: patientId },
		itemIndex,
	});
	return Object.keys(response).length
		? response
		: { added: true, subscription_id: id, patient_id: patientId };
}
