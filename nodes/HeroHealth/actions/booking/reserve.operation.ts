import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	appointmentTypeLocator,
	locationLocator,
	patientLocator,
	practitionerLocator,
	simplifyToggle,
} from '../common.descriptions';
import { mapFields, requireLocatorId } from '../../helpers/parameters';
import { normaliseDateTime, optionalText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { readDuration, readOptionalId } from './common';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [
	appointmentTypeLocator(),
	locationLocator(),
	practitionerLocator(),
	{
		displayName: 'Start Time',
		name: 'startTime',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'When the appointment starts, e.g. a slot’s start_time. A time without a zone is read in the workflow’s time zone.',
	},
	{
		displayName: 'Duration (Minutes)',
		name: 'duration',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		required: true,
		description: 'Length of the appointment in minutes',
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
					'The patient the appointment is for. You can also give them when you confirm.',
				),
				required: false,
			},
			{
				displayName: 'Reason',
				name: 'reason',
				type: 'string',
				default: '',
				description: 'Why the patient is booking, as the practice will see it',
			},
			{
				displayName: 'Suppress Availability Check',
				name: 'suppressAvailabilityCheck',
				type: 'boolean',
				default: false,
				description: 'Whether to reserve the time even if Hero does not show it as a free slot',
			},
			{
				displayName: 'Suppress Mail',
				name: 'suppressMail',
				type: 'boolean',
				default: false,
				description: 'Whether to stop Hero emailing the patient about this appointment',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['reserve'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/appointments' };

/** Local checks: the appointment's type, location, practitioner, time and options, as the body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const id = (name: string, field: string) => requireLocatorId.call(this, name, itemIndex, field);
	const body: IDataObject = {
		appointment_type_id: id('appointmentTypeId', 'Appointment Type'),
		location_id: id('locationId', 'Location'),
		practitioner_id: id('practitionerId', 'Practitioner'),
		start_time: normaliseDateTime(
			node,
			itemIndex,
			this.getNodeParameter('startTime', itemIndex),
			'Start Time',
			this.getTimezone(),
		),
		duration: readDuration.call(
			this,
			itemIndex,
			this.getNodeParameter('duration', itemIndex),
			'Duration (Minutes)',
		),
	};
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (additionalFields.patientId !== undefined) {
		const patientId = readOptionalId.call(this, itemIndex, 'additionalFields.patientId', 'Patient');
		if (patientId) body.patient_id = patientId;
	}
	const reason = optionalText(node, itemIndex, additionalFields.reason, 'Reason');
	if (reason) body.reason = reason;
	mapFields(
		additionalFields,
		{
			suppressAvailabilityCheck: 'suppress_availability_check',
			suppressMail: 'suppress_mail',
		},
		body,
	);
	return endpointRequest(this.getNode(), endpoint, { body, itemIndex });
}

/** Holds a time for a patient; it stays a reservation until Confirm, and Hero releases it at reserved_until. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	const appointment = await client.request(request);
	return simplified(this, itemIndex, 'appointment', appointment);
}
