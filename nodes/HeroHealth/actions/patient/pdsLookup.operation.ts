import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { normaliseDate, normaliseNhsNumber, requireText } from '../../helpers/validation';
import { mapFields } from '../../helpers/parameters';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		default: 'nhsNumber',
		options: [
			{
				name: 'NHS Number and Date of Birth',
				value: 'nhsNumber',
			},
			{
				name: 'Name, Date of Birth and Postcode',
				value: 'demographics',
			},
		],
	},
	{
		displayName: 'NHS Number',
		name: 'nhsNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 999 000 0018',
		description: 'The 10-digit NHS number; spaces and dashes are fine',
		displayOptions: { show: { lookupBy: ['nhsNumber'] } },
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { lookupBy: ['demographics'] } },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { lookupBy: ['demographics'] } },
	},
	{
		displayName: 'Postcode',
		name: 'postcode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. LS1 4AP',
		displayOptions: { show: { lookupBy: ['demographics'] } },
	},
	{
		displayName: 'Date of Birth',
		name: 'dateOfBirth',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1992-01-31 or 31/01/1992',
		description: 'As YYYY-MM-DD or DD/MM/YYYY',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'EHR Partner',
				name: 'ehrPartner',
				type: 'string',
				default: '',
				description: 'Name of the clinical system the EHR Partner ID belongs to',
			},
			{
				displayName: 'EHR Partner ID',
				name: 'ehrPartnerId',
				type: 'string',
				default: '',
				description: 'The patient’s ID in that clinical system',
			},
			{
				displayName: 'Return Not Found as Item',
				name: 'notFoundAsItem',
				type: 'boolean',
				default: false,
				description:
					'Whether a patient PDS cannot find comes out as an item with outcome "notFound" instead of an error',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['pdsLookup'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/patients/register_pds' };

/**
 * Local checks: the NHS number or name and postcode, the date of birth and EHR options, as the
 * request's body; whether "not found" is an output item (Not Found as Item) is kept for execute.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const lookupBy = this.getNodeParameter('lookupBy', itemIndex) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (lookupBy === 'demographics') {
		body.forename = requireText(
			node,
			itemIndex,
			this.getNodeParameter('firstName', itemIndex),
			'First Name',
		);
		body.surname = requireText(
			node,
			itemIndex,
			this.getNodeParameter('lastName', itemIndex),
			'Last Name',
		);
		body.postcode = requireText(
			node,
			itemIndex,
			this.getNodeParameter('postcode', itemIndex),
			'Postcode',
		).toUpperCase();
	} else {
		body.nhs_number = normaliseNhsNumber(
			node,
			itemIndex,
			this.getNodeParameter('nhsNumber', itemIndex),
		);
	}
	body.dob = normaliseDate(
		node,
		itemIndex,
		this.getNodeParameter('dateOfBirth', itemIndex),
		'Date of Birth',
		{
			notInFuture: true,
			timeZone: this.getTimezone(),
		},
	);
	mapFields(options, { ehrPartner: 'ehr_partner', ehrPartnerId: 'ehr_partner_id' }, body);
	const request = endpointRequest(node, endpoint, { body, itemIndex });
	return { notFoundAsItem: Boolean(options.notFoundAsItem), request };
}

/**
 * Traces the patient on the NHS Spine. Hero answers either a patient_id or, when it cannot confirm
 * identity from PDS alone, a login_url the patient must visit; the output says which in `outcome`.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ notFoundAsItem, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	const response = notFoundAsItem
		? await client.requestOrNull(request)
		: await client.request(request);
	if (response === null) {
		return { outcome: 'notFound', patient_id: null, message: 'No patient found on PDS' };
	}
	if (response.patient_id !== undefined && response.patient_id !== null) {
		return { outcome: 'found', ...response, patient_id: String(response.patient_id) };
	}
	if (response.login_url) {
		return { outcome: 'mustVerifyIdentity', patient_id: null, ...response };
	}
	return { outcome: 'unknown', ...response };
}
