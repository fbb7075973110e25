import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	addExpiryDate,
	addLocatorId,
	checkDates,
	expiryDateField,
	optionalLocator,
} from './common';
import { requireId } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Appointment ID',
				name: 'appointmentId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 48213',
				description: 'The video appointment the link is for',
			},
			expiryDateField,
			optionalLocator('Patient', 'patientId', 'searchPatients', 'The patient the link is for'),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['link'], operation: ['createVideoLink'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'POST',
	path: '/v1/video_links',
	inferred:
		'The "Create video link" page shows POST /v1/video_links but was cut before its body; patient_id, appointment_id and expiry_date follow the other link bodies',
	inferredParts: ['body'],
};

/** Local checks: optional patient and appointment IDs and the expiry date, as the request's body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	addLocatorId(node, itemIndex, fields, 'patientId', 'Patient', 'patient_id', body);
	if (fields.appointmentId !== undefined) {
		body.appointment_id = requireId(node, itemIndex, fields.appointmentId, 'Appointment ID');
	}
	const zone = this.getTimezone();
	const expiry = addExpiryDate(node, itemIndex, fields, body, zone);
	checkDates(node, itemIndex, { expiry }, zone);
	return endpointRequest(node, endpoint, { body, itemIndex });
}

/** A video-call link; its body is inferred (see `endpoint`). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
