import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { mergePair, otherPatientLocator } from './common';
import { requireText } from '../../helpers/validation';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName:
			'Merging cannot be undone. Run Preview Merge first and check its answer, then pass its merge token here.',
		name: 'mergeNotice',
		type: 'notice',
		default: '',
	},
	patientLocator('The patient record to keep'),
	otherPatientLocator(),
	{
		displayName: 'Merge Token',
		name: 'mergeToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'The token Preview Merge returned for these two patients',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['merge'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/patients/{id}/merge' };

/**
 * Merges two records of the same patient. Hero's reference shows no request body for this call;
 * it sends the other patient as Preview Merge does, with the token Preview Merge hands out.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { id, otherId } = mergePair.call(this, itemIndex);
	const mergeToken = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('mergeToken', itemIndex),
		'Merge Token',
	);
	const response = await heroApiRequest.call(this, endpoint, {
		pathParams: { id },
		body: { patient_id: otherId, merge_token: mergeToken },
		itemIndex,
	});
	return Object.keys(response).length
		? response
		: { patient_id: id, merged_patient_id: otherId, success: true };
}
