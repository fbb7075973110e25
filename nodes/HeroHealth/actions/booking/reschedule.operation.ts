import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { practitionerLocator, simplifyToggle } from '../common.descriptions';
import { recordOr, simplified } from '../../helpers/output';
import { normaliseDateTime } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';
import { endpoint as getAppointment } from './get.operation';
import {
	appointmentIdField,
	completeAppointmentEdit,
	readAppointmentChanges,
	requireAppointmentId,
} from './common';

const properties: INodeProperties[] = [
	appointmentIdField,
	{
		displayName: 'New Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'When the appointment should now start. A time without a zone is read in the workflow’s time zone.',
	},
	simplifyToggle(),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Duration (Minutes)',
				name: 'duration',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10,
				description: 'Left out, the appointment keeps its current duration',
			},
			{
				...practitionerLocator(false),
				description: 'Left out, the appointment keeps its current practitioner',
			},
			{
				displayName: 'Suppress Availability Check',
				name: 'suppressAvailabilityCheck',
				type: 'boolean',
				default: false,
				description: 'Whether to allow a time Hero does not show as a free slot',
			},
			{
				displayName: 'Suppress Mail',
				name: 'suppressMail',
				type: 'boolean',
				default: false,
				description: 'Whether to stop Hero emailing the patient about the new time',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['reschedule'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'PATCH',
	path: '/v1/appointments/{id}/reschedule',
	inferred:
		'The reschedule page shows the URL /v1/appointments/{id}/reschedule but not its method or body: PATCH follows /v1/appointments/{id}/cancel, and the body (start_time, duration, practitioner_id and the suppress options) follows Edit Appointment',
	inferredParts: ['method', 'body'],
};

/**
 * Local checks: the appointment ID, the new start time and the changes. The body is completed in
 * execute, which may first read the appointment for the values left out.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const id = requireAppointmentId.call(this, itemIndex);
	const changes: IDataObject = {
		start_time: normaliseDateTime(
			node,
			itemIndex,
			this.getNodeParameter('startTime', itemIndex),
			'New Start Time',
			this.getTimezone(),
		),
	};
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	Object.assign(
		changes,
		readAppointmentChanges.call(this, itemIndex, additionalFields, 'additionalFields'),
	);
	const request = endpointRequest(node, endpoint, { pathParams: { id }, itemIndex });
	return { id, changes, request };
}

/**
 * Hero's reference showed only this endpoint's URL: the body follows Edit Appointment, which
 * requires start_time, duration and practitioner_id; the ones left out keep their current values.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ id, changes, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	const body = await completeAppointmentEdit.call(
		this,
		itemIndex,
		client,
		getAppointment,
		id,
		changes,
	);
	const response = await client.request({ ...request, body });
	return recordOr(simplified(this, itemIndex, 'appointment', response), {
		id,
		rescheduled: true,
		start_time: body.start_time,
	});
}
