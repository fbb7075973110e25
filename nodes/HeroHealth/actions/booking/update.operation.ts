import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { practitionerLocator, simplifyToggle } from '../common.descriptions';
import { recordOr, simplified } from '../../helpers/output';
import { itemError, normaliseDateTime, requireChanges } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';
import { endpoint as getAppointment } from './get.operation';
import {
	appointmentIdField,
	completeAppointmentEdit,
	readAppointmentChanges,
	requireAppointmentId,
} from './common';

const properties: INodeProperties[] = [
	{
		...appointmentIdField,
		description: 'The reservation to change, as Reserve output it. It must not be confirmed yet.',
	},
	simplifyToggle(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
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
			},
			practitionerLocator(false),
			{
				displayName: 'Start Time',
				name: 'startTime',
				type: 'dateTime',
				default: '',
				description: 'A time without a zone is read in the workflow’s time zone',
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
				description: 'Whether to stop Hero emailing the patient about the change',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['update'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'PUT', path: '/v1/appointments/{id}' };

/** Local checks: the appointment ID and at least one valid change; execute completes the body. */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const id = requireAppointmentId.call(this, itemIndex);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	requireChanges(node, itemIndex, updateFields);
	const changes: IDataObject = {};
	if (updateFields.startTime !== undefined) {
		changes.start_time = normaliseDateTime(
			node,
			itemIndex,
			updateFields.startTime,
			'Start Time',
			this.getTimezone(),
		);
	}
	Object.assign(
		changes,
		readAppointmentChanges.call(this, itemIndex, updateFields, 'updateFields'),
	);
	const request = endpointRequest(node, endpoint, { pathParams: { id }, itemIndex });
	return { id, changes, request };
}

/**
 * Hero's edit (PUT) needs start_time, duration and practitioner_id every time, and works only on a
 * reservation. The node reads the appointment first: fields left out keep their current values, and
 * a confirmed appointment fails here with a pointer to Reschedule instead of at Hero.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ id, changes, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	const node = this.getNode();
	const body = await completeAppointmentEdit.call(
		this,
		itemIndex,
		client,
		getAppointment,
		id,
		changes,
		(current) => {
			if (current.booking_confirmed_at) {
				throw itemError(
					node,
					itemIndex,
					`Appointment ${id} is already confirmed, and Update only changes reservations`,
					'Use Reschedule to move a confirmed appointment',
				);
			}
		},
	);
	const response = await client.request({ ...request, body });
	return recordOr(simplified(this, itemIndex, 'appointment', response), {
		id,
		updated: true,
		...body,
	});
}
