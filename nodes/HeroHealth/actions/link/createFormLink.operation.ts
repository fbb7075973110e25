import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { formLocator } from '../common.descriptions';
import {
	addExpiryDate,
	addLocatorId,
	addMaximumUseCount,
	checkDates,
	expiryDateField,
	maximumUseCountField,
	optionalLocator,
} from './common';
import { requireLocatorId } from '../../helpers/parameters';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	formLocator(),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			expiryDateField,
			maximumUseCountField,
			optionalLocator(
				'Patient',
				'patientId',
				'searchPatients',
				'Makes the link personal to this patient. Leave out for a generic link.',
			),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['link'], operation: ['createFormLink'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'POST',
	path: '/v1/form_links',
	inferred:
		'Only the page title "Create a Form Link" was seen; path follows /v1/booking_links and /v1/attachment_links',
	inferredParts: ['method', 'path', 'body'],
};

/** Local checks: the form, optional patient, expiry date and use count, as the request's body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const zone = this.getTimezone();
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		form_id: requireLocatorId.call(this, 'formId', itemIndex, 'Form'),
	};
	addLocatorId(node, itemIndex, fields, 'patientId', 'Patient', 'patient_id', body);
	const expiry = addExpiryDate(node, itemIndex, fields, body, zone);
	checkDates(node, itemIndex, { expiry }, zone);
	addMaximumUseCount(node, itemIndex, fields, body);
	return endpointRequest(node, endpoint, { body, itemIndex });
}

/**
 * A link the patient opens to fill in a form. Hero's reference names this operation but was not
 * seen in full: the body mirrors Create Booking Link (see the endpoint's `inferred` note).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
