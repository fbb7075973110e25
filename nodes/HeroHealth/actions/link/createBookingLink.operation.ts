import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { appointmentTypeLocator, locationLocator } from '../common.descriptions';
import {
	addDate,
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
	appointmentTypeLocator(),
	locationLocator(),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			expiryDateField,
			{
				displayName: 'From Date',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description: 'Only offer appointments from this day',
			},
			maximumUseCountField,
			optionalLocator(
				'Patient',
				'patientId',
				'searchPatients',
				'Makes a personal invite: the patient confirms with their date of birth. Leave out for a generic link patients open with NHS login.',
			),
			optionalLocator(
				'Practitioner',
				'practitionerId',
				'searchPractitioners',
				'Only offer this practitioner’s appointments',
			),
			{
				displayName: 'To Date',
				name: 'toDate',
				type: 'dateTime',
				default: '',
				description: 'Only offer appointments up to this day',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['link'], operation: ['createBookingLink'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'POST',
	path: '/v1/booking_links',
	inferred:
		'The "Create a Booking Link" page shows its body fields but not its URL or method; POST on the collection of PATCH /v1/booking_links/{id}',
	inferredParts: ['method', 'path'],
};

/** Local checks: appointment type, location, optional IDs, dates and use count, as the body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const zone = this.getTimezone();
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		appointment_type_id: requireLocatorId.call(
			this,
			'appointmentTypeId',
			itemIndex,
			'Appointment Type',
		),
		location_id: requireLocatorId.call(this, 'locationId', itemIndex, 'Location'),
	};
	addLocatorId(node, itemIndex, fields, 'patientId', 'Patient', 'patient_id', body);
	addLocatorId(node, itemIndex, fields, 'practitionerId', 'Practitioner', 'practitioner_id', body);
	const from = addDate(node, itemIndex, fields, 'fromDate', 'From Date', 'from_date', body, zone);
	const to = addDate(node, itemIndex, fields, 'toDate', 'To Date', 'to_date', body, zone);
	const expiry = addExpiryDate(node, itemIndex, fields, body, zone);
	checkDates(node, itemIndex, { from, to, expiry }, zone);
	addMaximumUseCount(node, itemIndex, fields, body);
	return endpointRequest(node, endpoint, { body, itemIndex });
}

/** A link the patient opens to book an appointment of the given type at the given location. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
