import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordOr } from '../../helpers/output';
import { mapFields } from '../../helpers/parameters';
import { optionalText, requireChanges, requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const ADDRESS_FIELDS: Array<[option: string, apiName: string, displayName: string]> = [
	['line1', 'line_1', 'Line 1'],
	['line2', 'line_2', 'Line 2'],
	['line3', 'line_3', 'Line 3'],
	['town', 'town', 'Town'],
	['county', 'county', 'County'],
	['postcode', 'postcode', 'Postcode'],
	['country', 'country', 'Country'],
];

const properties: INodeProperties[] = [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Address',
				name: 'address',
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Address',
				description: 'Only the address lines you fill in are sent',
				options: [
					{
						displayName: 'Address',
						name: 'address',
						values: ADDRESS_FIELDS.map(([name, , displayName]) => ({
							displayName,
							name,
							type: 'string' as const,
							default: '',
						})),
					},
				],
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The practice group’s name as patients see it',
			},
			{
				displayName: 'Prescription Partner',
				name: 'prescriptionPartner',
				type: 'string',
				default: '',
				placeholder: 'e.g. signature_rx',
				description: 'Hero’s name for the prescribing service the practice uses',
			},
			{
				displayName: 'Prescription Partner Credentials',
				name: 'prescriptionPartnerCredentials',
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Credentials',
				description: 'The practice’s login at the prescription partner',
				options: [
					{
						displayName: 'Credentials',
						name: 'credentials',
						values: [
							{
								displayName: 'Email',
								name: 'email',
								type: 'string',
								placeholder: 'name@email.com',
								default: '',
							},
							{
								displayName: 'Password',
								name: 'password',
								type: 'string',
								typeOptions: { password: true },
								default: '',
							},
						],
					},
				],
			},
			{
				displayName: 'Prescription Partner Enabled',
				name: 'prescriptionPartnerEnabled',
				type: 'boolean',
				default: false,
				description: 'Whether prescriptions go through the prescription partner',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['update'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'PATCH', path: '/v1/me' };

/** Local checks: at least one valid change (name, address, prescription partner), as the body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (updateFields.name !== undefined) {
		body.name = requireText(node, itemIndex, updateFields.name, 'Name');
	}
	mapFields(
		updateFields,
		{
			prescriptionPartner: 'prescription_partner',
			prescriptionPartnerEnabled: 'prescription_partner_enabled',
		},
		body,
	);
	const address = (updateFields.address as IDataObject | undefined)?.address as
		| IDataObject
		| undefined;
	if (address) {
		const lines: IDataObject = {};
		for (const [option, apiName] of ADDRESS_FIELDS) {
			const value = optionalText(node, itemIndex, address[option], `Address ${option}`);
			if (value) lines[apiName] = option === 'postcode' ? value.toUpperCase() : value;
		}
		if (Object.keys(lines).length) body.address = lines;
	}
	const credentials = (updateFields.prescriptionPartnerCredentials as IDataObject | undefined)
		?.credentials as IDataObject | undefined;
	if (credentials) {
		body.prescription_partner_credentials = {
			email: requireText(node, itemIndex, credentials.email, 'Prescription Partner Email'),
			password: requireText(node, itemIndex, credentials.password, 'Prescription Partner Password'),
		};
	}
	requireChanges(node, itemIndex, body);
	return endpointRequest(node, endpoint, { body, itemIndex });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	const response = await client.request(request);
	const record = { ...recordOr(response, { updated: true }) };
	// Never pass a prescription partner password on to the next node, should Hero echo it.
	const echoed = record.prescription_partner_credentials;
	if (echoed && typeof echoed === 'object' && 'password' in echoed) {
		const withoutPassword = { ...(echoed as IDataObject) };
		delete withoutPassword.password;
		record.prescription_partner_credentials = withoutPassword;
	}
	return record;
}
