import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { normaliseEmail, normaliseUkMobile, requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { requirePrescriberId, prescriberIdField } from './common';

const properties: INodeProperties[] = [
	{ ...prescriberIdField, description: 'Hero ID of the prescriber the pharmacy is added for' },
	{
		displayName: 'Pharmacy Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. High Street Pharmacy',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		required: true,
		description: 'The pharmacy’s email address',
	},
	{
		displayName: 'Mobile',
		name: 'mobile',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 07700 900123',
		description: 'The pharmacy’s UK mobile number; sent as +447…',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['prescription'], operation: ['createPharmacy'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/pharmacies' };

/** Local checks: the pharmacy's name, email and UK mobile and the prescriber ID, as the body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const body: IDataObject = {
		name: requireText(node, itemIndex, this.getNodeParameter('name', itemIndex), 'Pharmacy Name'),
		email: normaliseEmail(node, itemIndex, this.getNodeParameter('email', itemIndex)),
		mobile: normaliseUkMobile(
			node,
			itemIndex,
			this.getNodeParameter('mobile', itemIndex),
			'Mobile',
		),
		prescriber_id: requirePrescriberId.call(this, itemIndex),
	};
	return endpointRequest(node, endpoint, { body, itemIndex });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
