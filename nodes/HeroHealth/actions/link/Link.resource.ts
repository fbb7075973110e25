import type { INodeProperties } from 'n8n-workflow';

import * as createAttachmentLink from './createAttachmentLink.operation';
import * as createBookingLink from './createBookingLink.operation';
import * as createFormLink from './createFormLink.operation';
import * as createVideoLink from './createVideoLink.operation';
import * as getStatus from './getStatus.operation';
import * as updateBookingLink from './updateBookingLink.operation';

export {
	createAttachmentLink,
	createBookingLink,
	createFormLink,
	createVideoLink,
	getStatus,
	updateBookingLink,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['link'] } },
		options: [
			{
				name: 'Create Attachment Link',
				value: 'createAttachmentLink',
				description:
					'Create a link through which a patient opens one file; put its attachment ID into Message → Send (Attachment UUID)',
				action: 'Create an attachment link to share a file in a message',
			},
			{
				name: 'Create Booking Link',
				value: 'createBookingLink',
				description:
					'Create a link through which patients book an appointment; send it to them with Message → Send',
				action: 'Create a booking link to send to patients in a message',
			},
			{
				name: 'Create Form Link',
				value: 'createFormLink',
				description: 'Create a link through which patients fill in a form',
				action: 'Create a form link',
			},
			{
				name: 'Create Video Link',
				value: 'createVideoLink',
				description: 'Create a video-call link for a patient',
				action: 'Create a video link',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Whether a link was used, and what it is (booking, form …)',
				action: 'Get the status of a link',
			},
			{
				name: 'Update Booking Link',
				value: 'updateBookingLink',
				description: 'Change what a booking link offers',
				action: 'Update a booking link',
			},
		],
		default: 'createBookingLink',
	},
	...createBookingLink.description,
	...updateBookingLink.description,
	...createAttachmentLink.description,
	...createFormLink.description,
	...createVideoLink.description,
	...getStatus.description,
];
