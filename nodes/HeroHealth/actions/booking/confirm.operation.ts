import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator, simplifyToggle } from '../common.descriptions';
import { recordOr, simplified } from '../../helpers/output';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';
import { appointmentIdField, requireAppointmentId, readOptionalId } from './common';

const properties: INodeProperties[] = [
	{
		...appointmentIdField,
		description: 'The ID Reserve output for the reservation to confirm',
	},
	simplifyToggle(),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			// Optional: n8n checks a required option inside a collection for every operation.
			{
				...patientLocator(
					'The patient to book the appointment for. Needed when the reservation was made without one.',
				),
				required: false,
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['confirm'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'PATCH',
	path: '/v1/appointments/{id}/book',
	inferred:
		'The "Book Appointment" page was cut before its URL; path and method follow PATCH /v1/appointments/{id}/cancel and /reschedule',
	inferredParts: ['method', 'path', 'body'],
};

/** Local checks: the appointment ID and the patient, as the request (the ID is kept for the output). */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const id = requireAppointmentId.call(this, itemIndex);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (additionalFields.patientId !== undefined) {
		const patientId = readOptionalId.call(this, itemIndex, 'additionalFields.patientId', 'Patient');
		if (patientId) body.patient_id = patientId;
	}
	const request = endpointRequest(this.getNode(), endpoint, {
		pathParams: { id },
		body,
		itemIndex,
	});
	return { id, request };
}

/**
 * Books a reservation made with Reserve. Hero's reference names this step "Book Appointment" but
 * its request was not visible: the endpoint (booking.confirm) and the patient_id body are inferred.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ id, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	const response = await client.request(request);
	return recordOr(simplified(this, itemIndex, 'appointment', response), {
		id,
		confirmed: true,
	});
}
