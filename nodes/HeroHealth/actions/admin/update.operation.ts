import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adminLocator } from './common';
import { requireLocatorId } from '../../helpers/parameters';
import { normaliseEmail, optionalText, requireChanges } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	adminLocator(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'External Prescriber ID',
				name: 'externalPrescriberId',
				type: 'string',
				default: '',
				description: 'The admin’s ID in the external prescribing service',
			},
			{
				displayName: 'Prescriber Email',
				name: 'prescriberEmail',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{
				displayName: 'Prescriber Name',
				name: 'prescriberName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Prescriber Registration Code',
				name: 'prescriberRegistrationCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. GMC 1234567',
				description: 'Professional registration number (GMC, NMC or GPhC)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['admin'], operation: ['update'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'PATCH', path: '/v1/admins/{id}' };

/** Local checks: the admin ID and at least one valid change, as the request's body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireLocatorId.call(this, 'adminId', itemIndex, 'Admin');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const labels: Record<string, string> = {
		externalPrescriberId: 'External Prescriber ID',
		prescriberName: 'Prescriber Name',
		prescriberEmail: 'Prescriber Email',
		prescriberRegistrationCode: 'Prescriber Registration Code',
	};
	const text = (option: string) =>
		optionalText(this.getNode(), itemIndex, fields[option], labels[option]);
	const body: IDataObject = {};
	if (text('externalPrescriberId')) body.external_prescriber_id = text('externalPrescriberId');
	const prescriber: IDataObject = {};
	if (text('prescriberName')) prescriber.name = text('prescriberName');
	if (text('prescriberEmail')) {
		prescriber.email = normaliseEmail(
			this.getNode(),
			itemIndex,
			text('prescriberEmail'),
			'Prescriber Email',
		);
	}
	if (text('prescriberRegistrationCode')) {
		prescriber.registration_code = text('prescriberRegistrationCode');
	}
	if (Object.keys(prescriber).length) body.prescriber_details = prescriber;
	requireChanges(this.getNode(), itemIndex, body);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, body, itemIndex });
}

/** Sets an admin's prescriber details. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
