import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as send from './send.operation';

export { get, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a message with its delivery and write-to-record status',
				action: 'Get a message',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Send a patient an SMS, email, NHS App or Hero message',
				action: 'Send a message',
			},
		],
		default: 'send',
	},
	...send.description,
	...get.description,
];
