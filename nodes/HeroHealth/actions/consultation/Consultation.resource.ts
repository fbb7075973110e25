import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['consultation'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a consultation',
				action: 'Get a consultation',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the practice group’s consultations',
				action: 'Get many consultations',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
