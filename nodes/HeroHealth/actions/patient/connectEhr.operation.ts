import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { requirePatientId } from './common';
import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';

const properties: INodeProperties[] = [
	patientLocator(),
	{
		displayName: 'EHR Partner ID',
		name: 'ehrPartnerId',
		type: 'string',
		default: '',
		required: true,
		description:
			'The patient’s ID in the clinical system (EMIS Web or SystmOne), as Get EHR Candidates lists it',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['connectEhr'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/patients/{id}/ehr/connect' };

/**
 * Local checks: the patient ID (path) and the EHR partner ID (body); both are kept for the output
 * when Hero answers nothing.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const id = requirePatientId.call(this, itemIndex);
	const ehrPartnerId = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('ehrPartnerId', itemIndex),
		'EHR Partner ID',
	);
	const request = endpointRequest(this.getNode(), endpoint, {
		pathParams: { id },
		body: { ehr_partner_id: ehrPartnerId },
		itemIndex,
	});
	return { id, ehrPartnerId, request };
}

/** Links the Hero patient to a record in the clinical system. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ id, ehrPartnerId, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	const response = await client.request(request);
	return Object.keys(response).length
		? response
		: { patient_id: id, ehr_partner_id: ehrPartnerId, success: true };
}
