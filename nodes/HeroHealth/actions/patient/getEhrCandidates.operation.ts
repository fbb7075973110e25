import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator, returnAllOrLimit, simplifyToggle } from '../common.descriptions';
import { requirePatientId } from './common';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';
import { listLimit } from '../../helpers/parameters';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [patientLocator(), ...returnAllOrLimit(), simplifyToggle()];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['getEhrCandidates'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/patients/{id}/ehr/candidates' };

/** Records in the clinical system that may be this patient, to pick one for Connect to EHR. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = requirePatientId.call(this, itemIndex);
	const limit = listLimit.call(this, itemIndex);
	const candidates = await heroApiRequestAllItems.call(
		this,
		endpoint,
		{ pathParams: { id }, itemIndex },
		limit,
	);
	return simplified(this, itemIndex, 'patient', candidates);
}
