import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { mergePair, otherPatientLocator } from './common';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	patientLocator('The patient record to keep'),
	otherPatientLocator(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['previewMerge'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/patients/{id}/merge/preview' };

/** Local checks: two different patients, as the request's path parameter and body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const { id, otherId } = mergePair.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, {
		pathParams: { id },
		body: { patient_id: otherId },
		itemIndex,
	});
}

/** Shows what a merge would do, without changing anything; the answer holds the merge token. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
