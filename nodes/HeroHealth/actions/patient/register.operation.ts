import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapFields } from '../../helpers/parameters';
import { normaliseDate, normaliseNhsNumber, optionalText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const TITLES = [
	'Dr',
	'Lady',
	'Lord',
	'Master',
	'Miss',
	'Mr',
	'Mrs',
	'Ms',
	'Mx',
	'Professor',
	'Reverend',
	'Sir',
];
const SEXES = ['Female', 'Male', 'Not known', 'Not specified', 'Other'];

const properties: INodeProperties[] = [
	{
		displayName: 'NHS Number',
		name: 'nhsNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 999 000 0018',
		description:
			'Hero matches the patient on NHS number and date of birth: updates them if found, else creates them',
	},
	{
		displayName: 'Date of Birth',
		name: 'dateOfBirth',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1992-01-31 or 31/01/1992',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{
				displayName: 'Mobile',
				name: 'mobile',
				type: 'string',
				default: '',
				placeholder: 'e.g. 07700 900123',
			},
			{
				displayName: 'Sex',
				name: 'sex',
				type: 'options',
				default: 'Not known',
				options: SEXES.map((value) => ({ name: value, value })),
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'options',
				default: 'Mr',
				options: TITLES.map((value) => ({ name: value, value })),
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['register'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/patients/register' };

/** Local checks: NHS number, date of birth and the optional details, as the request's body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		nhs_number: normaliseNhsNumber(node, itemIndex, this.getNodeParameter('nhsNumber', itemIndex)),
		dob: normaliseDate(
			node,
			itemIndex,
			this.getNodeParameter('dateOfBirth', itemIndex),
			'Date of Birth',
			{
				notInFuture: true,
				timeZone: this.getTimezone(),
			},
		),
	};
	for (const [option, field] of [
		['firstName', 'First Name'],
		['lastName', 'Last Name'],
		['email', 'Email'],
		['mobile', 'Mobile'],
	] as const) {
		if (additionalFields[option] === undefined) continue;
		additionalFields[option] = optionalText(node, itemIndex, additionalFields[option], field);
	}
	mapFields(
		additionalFields,
		{
			title: 'title',
			firstName: 'first_name',
			lastName: 'last_name',
			sex: 'sex',
			email: 'email',
			mobile: 'mobile',
		},
		body,
	);
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
