import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator, returnAllOrLimit } from '../common.descriptions';
import { requirePatientId } from './common';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [patientLocator(), ...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['getPaymentMethods'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/patients/{id}/payment_methods',
	inferred:
		'Only the page slug listpatientpaymentmethods was seen; path follows /v1/patients/{id}/attachments',
	inferredParts: ['method', 'path'],
};

/** Local checks: the patient ID, as the request's path parameter, and how many payment methods to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requirePatientId.call(this, itemIndex);
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex, limit });
}

/** The payment methods (cards) saved for the patient, one item per method. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
