import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { requireLocatorId } from '../../helpers/parameters';
import { heroApiRequest } from '../../transport';

const properties: INodeProperties[] = [patientLocator('The patient whose customer to get')];

export const description = updateDisplayOptions(
	{ show: { resource: ['invoicing'], operation: ['getDefaultCustomer'] } },
	properties,
);

/** The Stripe customer Hero invoices a patient as by default. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const patientId = requireLocatorId.call(this, 'patientId', itemIndex, 'Patient');
	return await heroApiRequest.call(this, 'invoicing.getDefaultCustomer', {
		qs: { patient_id: patientId },
		itemIndex,
	});
}
