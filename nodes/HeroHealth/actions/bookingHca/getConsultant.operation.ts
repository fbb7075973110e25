import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { normaliseGmcNumber } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

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

/** Local checks: the GMC number, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const gmcNumber = normaliseGmcNumber(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('gmcNumber', itemIndex),
	);
	return endpointRequest(this.getNode(), endpoint, {
		pathParams: { gmc_number: gmcNumber },
		itemIndex,
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
