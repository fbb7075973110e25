import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as getAll from './getAll.operation';

export { create, del as delete, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['webhook'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Have Hero send one kind of event to a URL, from now on',
				action: 'Create a webhook that sends one kind of event to a URL',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Stop a webhook: Hero sends its events no more',
				action: 'Delete a webhook so its events stop arriving',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the practice group’s webhooks',
				action: 'Get many webhooks',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...getAll.description,
	...del.description,
];
