import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as update from './update.operation';

export { get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get an inbox task with its patient',
				action: 'Get a task',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a task’s status, priority or assignee',
				action: 'Update a task',
			},
		],
		default: 'get',
	},
	...get.description,
	...update.description,
];
