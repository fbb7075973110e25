import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { requireLocatorId } from '../../helpers/parameters';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [patientLocator('The patient whose customer to get')];

export const description = updateDisplayOptions(
	{ show: { resource: ['invoicing'], operation: ['getDefaultCustomer'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/invoicing/customers/default' };

/** Local checks: the patient ID, as the request's query. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const patientId = requireLocatorId.call(this, 'patientId', itemIndex, 'Patient');
	return endpointRequest(this.getNode(), endpoint, {
		qs: { patient_id: patientId },
		itemIndex,
	});
}

/** The Stripe customer Hero invoices a patient as by default. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
