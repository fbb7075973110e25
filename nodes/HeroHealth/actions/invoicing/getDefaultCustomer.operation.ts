import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { requireLocatorId } from '../../helpers/parameters';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [patientLocator('The patient whose customer to get')];

export const description = updateDisplayOptions(
	{ show: { resource: ['invoicing'], operation: ['getDefaultCustomer'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/invoicing/customers/default' };

/** The Stripe customer Hero invoices a patient as by default. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const patientId = requireLocatorId.call(this, 'patientId', itemIndex, 'Patient');
	return await heroApiRequest.call(this, endpoint, {
		qs: { patient_id: patientId },
		itemIndex,
	});
}
