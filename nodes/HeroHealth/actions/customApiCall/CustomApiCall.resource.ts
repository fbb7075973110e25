import type { INodeProperties } from 'n8n-workflow';

import * as request from './request.operation';

export { request };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customApiCall'] } },
		options: [
			{
				name: 'Make a Custom API Call',
				value: 'request',
				description: 'Call any Hero API endpoint the node has no operation for yet',
				action: 'Make a custom API call',
			},
		],
		default: 'request',
	},
	...request.description,
];
