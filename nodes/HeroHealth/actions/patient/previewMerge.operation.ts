import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { mergePair, otherPatientLocator } from './common';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [
	patientLocator('The patient record to keep'),
	otherPatientLocator(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['previewMerge'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/patients/{id}/merge/preview' };

/** Shows what a merge would do, without changing anything; the answer holds the merge token. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { id, otherId } = mergePair.call(this, itemIndex);
	return await heroApiRequest.call(this, endpoint, {
		pathParams: { id },
		body: { patient_id: otherId },
		itemIndex,
	});
}
