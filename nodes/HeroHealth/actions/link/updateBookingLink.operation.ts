import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { addDate, addLocatorId, checkDates, optionalLocator } from './common';
import { requireChanges, requireId } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Booking Link ID',
		name: 'bookingLinkId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 4821',
		description: 'The ID Create Booking Link returned',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			optionalLocator('Appointment Type', 'appointmentTypeId', 'searchAppointmentTypes'),
			{
				displayName: 'From Date',
				name: 'fromDate',
				type: 'dateTime',
				default: '',
				description: 'Only offer appointments from this day',
			},
			optionalLocator('Location', 'locationId', 'searchLocations'),
			optionalLocator('Practitioner', 'practitionerId', 'searchPractitioners'),
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
	{ show: { resource: ['link'], operation: ['updateBookingLink'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'PATCH', path: '/v1/booking_links/{id}' };

/**
 * Local checks: the booking link ID and at least one valid change; the ID and body are kept for the
 * output when Hero answers nothing.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const zone = this.getTimezone();
	const id = requireId(
		node,
		itemIndex,
		this.getNodeParameter('bookingLinkId', itemIndex),
		'Booking Link ID',
	);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	addLocatorId(
		node,
		itemIndex,
		fields,
		'appointmentTypeId',
		'Appointment Type',
		'appointment_type_id',
		body,
	);
	addLocatorId(node, itemIndex, fields, 'locationId', 'Location', 'location_id', body);
	addLocatorId(node, itemIndex, fields, 'practitionerId', 'Practitioner', 'practitioner_id', body);
	const from = addDate(node, itemIndex, fields, 'fromDate', 'From Date', 'from_date', body, zone);
	const to = addDate(node, itemIndex, fields, 'toDate', 'To Date', 'to_date', body, zone);
	checkDates(node, itemIndex, { from, to }, zone);
	requireChanges(node, itemIndex, body);
	const request = endpointRequest(node, endpoint, {
		pathParams: { id },
		body,
		itemIndex,
	});
	return { id, body, request };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ id, body, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	const response = await client.request(request);
	return Object.keys(response).length ? response : { id, ...body };
}
