import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as confirm from './confirm.operation';
import * as countSlots from './countSlots.operation';
import * as get from './get.operation';
import * as getBookingLinks from './getBookingLinks.operation';
import * as getSlot from './getSlot.operation';
import * as getSlots from './getSlots.operation';
import * as getStatus from './getStatus.operation';
import * as reschedule from './reschedule.operation';
import * as reserve from './reserve.operation';
import * as update from './update.operation';

export {
	cancel,
	confirm,
	countSlots,
	get,
	getBookingLinks,
	getSlot,
	getSlots,
	getStatus,
	reschedule,
	reserve,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['booking'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description:
					'Cancel an appointment. Hero emails the patient unless Suppress Mail is on; inside the practice’s cancellation notice period it fails unless Ignore Cancellation Policy is on.',
				action: 'Cancel an appointment and email the patient unless mail is suppressed',
			},
			{
				name: 'Confirm',
				value: 'confirm',
				description:
					'Book a reservation made with Reserve for the patient, before the reservation expires',
				action: 'Confirm a reserved appointment and book it for the patient',
			},
			{
				name: 'Count Slots',
				value: 'countSlots',
				description: 'Count the free slots that match the filters',
				action: 'Count free slots',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an appointment',
				action: 'Get an appointment',
			},
			{
				name: 'Get Many Booking Links',
				value: 'getBookingLinks',
				description: 'List the practice’s booking links',
				action: 'Get many booking links',
			},
			{
				name: 'Get Many Slots',
				value: 'getSlots',
				description:
					'List free slots by location, practitioner, appointment type and dates. Reserve one with its start time, practitioner, location and appointment type.',
				action: 'Get many free slots for booking with reserve and confirm',
			},
			{
				name: 'Get Slot',
				value: 'getSlot',
				description: 'Get one slot by its ID',
				action: 'Get a slot',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Get the status of an appointment',
				action: 'Get the status of an appointment',
			},
			{
				name: 'Reschedule',
				value: 'reschedule',
				description:
					'Move a confirmed appointment to a new time; a reservation not yet confirmed is changed with Update',
				action: 'Reschedule a confirmed appointment to a new time',
			},
			{
				name: 'Reserve',
				value: 'reserve',
				description:
					'Hold a time for a patient. It stays a reservation until you book it with Confirm, and Hero releases it when it expires (Reserved Until in the output).',
				action: 'Reserve an appointment which holds the time until confirm books it or it expires',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the time, length or practitioner of a reservation not yet confirmed',
				action: 'Update a reserved appointment',
			},
		],
		default: 'getSlots',
	},
	...getSlots.description,
	...getSlot.description,
	...countSlots.description,
	...reserve.description,
	...confirm.description,
	...get.description,
	...update.description,
	...cancel.description,
	...reschedule.description,
	...getStatus.description,
	...getBookingLinks.description,
];
