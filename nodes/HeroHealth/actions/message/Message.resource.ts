import type { INodeProperties } from 'n8n-workflow';

import * as createBatch from './createBatch.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAllBatches from './getAllBatches.operation';
import * as getAutomatedMessage from './getAutomatedMessage.operation';
import * as getAutomatedMessages from './getAutomatedMessages.operation';
import * as getBatch from './getBatch.operation';
import * as getBatchMessages from './getBatchMessages.operation';
import * as getBatchRecipients from './getBatchRecipients.operation';
import * as getStatus from './getStatus.operation';
import * as getTemplates from './getTemplates.operation';
import * as releaseCampaignKeys from './releaseCampaignKeys.operation';
import * as send from './send.operation';
import * as sendBatch from './sendBatch.operation';

export {
	createBatch,
	get,
	getAll,
	getAllBatches,
	getAutomatedMessage,
	getAutomatedMessages,
	getBatch,
	getBatchMessages,
	getBatchRecipients,
	getStatus,
	getTemplates,
	releaseCampaignKeys,
	send,
	sendBatch,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Create Batch',
				value: 'createBatch',
				description: 'Create a batch message to many patients. Nothing is sent until Send Batch.',
				action: 'Create a batch message that is not sent until send batch',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a message with its delivery and write-to-record status',
				action: 'Get a message',
			},
			{
				name: 'Get Automated Message',
				value: 'getAutomatedMessage',
				description: 'Get one of the messages Hero sends automatically',
				action: 'Get an automated message',
			},
			{
				name: 'Get Batch',
				value: 'getBatch',
				description: 'Get a batch message and its status',
				action: 'Get a batch message',
			},
			{
				name: 'Get Batch Messages',
				value: 'getBatchMessages',
				description: 'List the messages a batch sent',
				action: 'Get the messages of a batch',
			},
			{
				name: 'Get Batch Recipients',
				value: 'getBatchRecipients',
				description: 'List the patients of a batch and how sending to each went',
				action: 'Get the recipients of a batch',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the messages the practice group has sent',
				action: 'Get many messages',
			},
			{
				name: 'Get Many Automated Messages',
				value: 'getAutomatedMessages',
				description: 'List the messages Hero sends automatically',
				action: 'Get many automated messages',
			},
			{
				name: 'Get Many Batches',
				value: 'getAllBatches',
				description: 'List batch messages',
				action: 'Get many batch messages',
			},
			{
				name: 'Get Many Templates',
				value: 'getTemplates',
				description: 'List the practice’s message templates',
				action: 'Get many message templates',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Get the delivery status of a message',
				action: 'Get the status of a message',
			},
			{
				name: 'Release Campaign Keys',
				value: 'releaseCampaignKeys',
				description:
					'Let the next run of a Once per Campaign send reach these patients again, after checking them in Hero. Calls nothing in Hero.',
				action: 'Release campaign keys so the next run sends to these patients again',
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send a patient an SMS, email, NHS App or Hero message. It goes out at once (or at Send At) and cannot be unsent; SMS, and NHS App messages that fall back to SMS, use the practice’s SMS credits.',
				action:
					'Send a patient a message now which cannot be unsent and uses SMS credits when sent by SMS',
			},
			{
				name: 'Send Batch',
				value: 'sendBatch',
				description:
					'Send a batch message made with Create Batch to all its recipients. It cannot be unsent; SMS batches use the practice’s SMS credits.',
				action:
					'Send a batch message to all its recipients now which cannot be unsent and uses SMS credits',
			},
		],
		default: 'send',
	},
	...send.description,
	...get.description,
	...getStatus.description,
	...getAll.description,
	...createBatch.description,
	...sendBatch.description,
	...getBatch.description,
	...getAllBatches.description,
	...getBatchRecipients.description,
	...getBatchMessages.description,
	...getTemplates.description,
	...getAutomatedMessages.description,
	...getAutomatedMessage.description,
	...releaseCampaignKeys.description,
];
