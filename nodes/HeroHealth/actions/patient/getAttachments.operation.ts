import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator, returnAllOrLimit } from '../common.descriptions';
import { patientIdOf } from './patient.shared';
import { heroApiRequestAllItems } from '../../transport';

const properties: INodeProperties[] = [patientLocator(), ...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['getAttachments'] } },
	properties,
);

/** Files in the patient's clinical record; their IDs go into Link → Create Attachment Link. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = patientIdOf.call(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
	return await heroApiRequestAllItems.call(
		this,
		'patient.getAttachments',
		{ pathParams: { id }, itemIndex },
		limit,
	);
}
