import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { requirePatientId } from './common';
import { heroApiRequest } from '../../transport';

const properties: INodeProperties[] = [patientLocator()];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['getBillingInfo'] } },
	properties,
);

/** The patient's billing details, for private practices that invoice through Hero. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requirePatientId.call(this, itemIndex);
	return await heroApiRequest.call(this, 'patient.getBillingInfo', {
		pathParams: { id },
		itemIndex,
	});
}
