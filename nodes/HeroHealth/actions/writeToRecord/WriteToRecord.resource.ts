import type { INodeProperties } from 'n8n-workflow';

import * as getStatus from './getStatus.operation';

export { getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['writeToRecord'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				description:
					'See whether a message was written to the patient’s clinical record, and why not if it failed',
				action: 'Get the write to record status of a message',
			},
		],
		default: 'getStatus',
	},
	...getStatus.description,
];
