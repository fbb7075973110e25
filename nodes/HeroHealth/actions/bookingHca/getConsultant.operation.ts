import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { normaliseGmcNumber } from '../../helpers/validation';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'GMC Number',
		name: 'gmcNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1234567',
		description: 'The consultant’s 7-digit General Medical Council reference number',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['bookingHca'], operation: ['getConsultant'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/booking-hca/consultants/{gmc_number}',
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const gmcNumber = normaliseGmcNumber(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('gmcNumber', itemIndex),
	);
	return await heroApiRequest.call(this, endpoint, {
		pathParams: { gmc_number: gmcNumber },
		itemIndex,
	});
}
