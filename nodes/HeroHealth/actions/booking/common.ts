import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	appointmentTypeLocator,
	locationLocator,
	practitionerLocator,
} from '../common.descriptions';
import { readLocatorId, mapFields } from '../../helpers/parameters';
import { itemError, normaliseDateTime, requireId, requireNumber } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';

/** The appointment an operation acts on; Hero has no list of appointments to pick from. */
export const appointmentIdField: INodeProperties = {
	displayName: 'Appointment ID',
	name: 'appointmentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 48213',
	description: 'The Hero appointment ID, as Reserve outputs it or a webhook delivers it',
};

export function requireAppointmentId(this: IExecuteFunctions, itemIndex: number): string {
	return requireId(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('appointmentId', itemIndex),
		'Appointment ID',
	);
}

/** Returns a duration in whole minutes, 1 or more. */
export function readDuration(
	this: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field = 'Duration',
): number {
	return requireNumber(this.getNode(), itemIndex, value, field, {
		integer: true,
		min: 1,
		unit: 'minutes',
	});
}

/** Reads an optional resource locator nested in a collection; empty when not set. */
export function readOptionalId(
	this: IExecuteFunctions,
	itemIndex: number,
	path: string,
	field: string,
): string | undefined {
	const id = readLocatorId.call(this, path, itemIndex);
	return id ? requireId(this.getNode(), itemIndex, id, field) : undefined;
}

/**
 * The duration, practitioner and suppress flags set in a collection (Reschedule's Additional
 * Fields, Update's Update Fields), as the part of the request body they make. Fields left out
 * stay out of the result.
 */
export function readAppointmentChanges(
	this: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	collectionName: string,
): IDataObject {
	const changes: IDataObject = {};
	if (fields.duration !== undefined) {
		changes.duration = readDuration.call(this, itemIndex, fields.duration, 'Duration (Minutes)');
	}
	if (fields.practitionerId !== undefined) {
		const practitionerId = readOptionalId.call(
			this,
			itemIndex,
			`${collectionName}.practitionerId`,
			'Practitioner',
		);
		if (practitionerId) changes.practitioner_id = practitionerId;
	}
	mapFields(
		fields,
		{
			suppressAvailabilityCheck: 'suppress_availability_check',
			suppressMail: 'suppress_mail',
		},
		changes,
	);
	return changes;
}

/** What Edit Appointment requires every time, and so Update and Reschedule send. */
const APPOINTMENT_EDIT_FIELDS = ['start_time', 'duration', 'practitioner_id'];

/**
 * The body of Update (Edit Appointment) and Reschedule: `changes`, completed with the appointment's
 * current start_time, duration and practitioner_id where `changes` leaves them out. The appointment
 * is read first (through `read`, Get's endpoint) when something is missing or `check` (which may
 * refuse it) needs to see it.
 */
export async function completeAppointmentEdit(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	read: Endpoint,
	id: string,
	changes: IDataObject,
	check?: (current: IDataObject) => void,
): Promise<IDataObject> {
	if (!check && APPOINTMENT_EDIT_FIELDS.every((field) => changes[field] !== undefined)) {
		return changes;
	}
	const current = await client.request(
		endpointRequest(this.getNode(), read, { pathParams: { id }, itemIndex }),
	);
	check?.(current);
	const body: IDataObject = {};
	for (const field of APPOINTMENT_EDIT_FIELDS) body[field] = current[field] ?? null;
	return Object.assign(body, changes);
}

/** The filters Get Many Slots and Count Slots share. */
export const slotFilters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		appointmentTypeLocator(false),
		{
			displayName: 'End Date',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description:
				'Only slots up to this date and time. A time without a zone is read in the workflow’s time zone.',
		},
		locationLocator(false),
		practitionerLocator(false),
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description:
				'Only slots from this date and time. A time without a zone is read in the workflow’s time zone.',
		},
	],
};

const SLOT_FILTER_IDS: Array<[option: string, apiName: string, field: string]> = [
	['appointmentTypeId', 'appointment_type_id', 'Appointment Type'],
	['locationId', 'location_id', 'Location'],
	['practitionerId', 'practitioner_id', 'Practitioner'],
];

/** The query of Get Many Slots and Count Slots, checked before anything is sent. */
export function slotQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const node = this.getNode();
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const [option, apiName, field] of SLOT_FILTER_IDS) {
		if (filters[option] === undefined) continue;
		const id = readOptionalId.call(this, itemIndex, `filters.${option}`, field);
		if (id) qs[apiName] = id;
	}
	if (filters.startDate) {
		qs.start_date = normaliseDateTime(
			node,
			itemIndex,
			filters.startDate,
			'Start Date',
			this.getTimezone(),
		);
	}
	if (filters.endDate) {
		qs.end_date = normaliseDateTime(
			node,
			itemIndex,
			filters.endDate,
			'End Date',
			this.getTimezone(),
		);
	}
	if (qs.start_date && qs.end_date && String(qs.end_date) < String(qs.start_date)) {
		throw itemError(
			node,
			itemIndex,
			`End Date ${String(qs.end_date)} is before Start Date ${String(qs.start_date)}`,
		);
	}
	return qs;
}
