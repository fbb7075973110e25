import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { mergePair, otherPatientLocator } from './common';
import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';

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
 * Local checks: two different patients and the merge token; both patient IDs are kept for the
 * output when Hero answers nothing.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const { id, otherId } = mergePair.call(this, itemIndex);
	const mergeToken = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('mergeToken', itemIndex),
		'Merge Token',
	);
	const request = endpointRequest(this.getNode(), endpoint, {
		pathParams: { id },
		body: { patient_id: otherId, merge_token: mergeToken },
		itemIndex,
	});
	return { id, otherId, request };
}

/**
 * Merges two records of the same patient. Hero's reference shows no request body for this call;
 * it sends the other patient as Preview Merge does, with the token Preview Merge hands out.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ id, otherId, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	const response = await client.request(request);
	return Object.keys(response).length
		? response
		: { patient_id: id, merged_patient_id: otherId, success: true };
}
