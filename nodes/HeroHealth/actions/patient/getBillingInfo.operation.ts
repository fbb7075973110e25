import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator } from '../common.descriptions';
import { requirePatientId } from './common';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [patientLocator()];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['getBillingInfo'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/patients/{id}/billing_info',
	inferred:
		'Only the page title "Get patient billing info" was seen; path follows /v1/patients/{id}/attachments',
	inferredParts: ['method', 'path'],
};

/** Local checks: the patient ID, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requirePatientId.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, {
		pathParams: { id },
		itemIndex,
	});
}

/** The patient's billing details, for private practices that invoice through Hero. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
