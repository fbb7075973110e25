import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator, returnAllOrLimit } from '../common.descriptions';
import { requirePatientId } from './common';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [patientLocator(), ...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['getAttachments'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/patients/{id}/attachments' };

/** Local checks: the patient ID, as the request's path parameter, and how many files to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requirePatientId.call(this, itemIndex);
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex, limit });
}

/** Files in the patient's clinical record; their IDs go into Link → Create Attachment Link. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
