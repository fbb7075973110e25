import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator, returnAllOrLimit, simplifyToggle } from '../common.descriptions';
import { requirePatientId } from './common';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [patientLocator(), ...returnAllOrLimit(), simplifyToggle()];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['getEhrCandidates'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/patients/{id}/ehr/candidates' };

/** Local checks: the patient ID, as the request's path parameter, and how many records to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requirePatientId.call(this, itemIndex);
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex, limit });
}

/** Records in the clinical system that may be this patient, to pick one for Connect to EHR. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	const candidates = await client.requestAll(request);
	return simplified(this, itemIndex, 'patient', candidates);
}
