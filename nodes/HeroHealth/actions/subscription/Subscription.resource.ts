import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as getAllSubscribers from './getAllSubscribers.operation';

export { getAll, getAllSubscribers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List patients’ membership-scheme subscriptions, filtered by patient, scheme or status',
				action: 'Get many subscriptions',
			},
			{
				name: 'Get Many Subscribers',
				value: 'getAllSubscribers',
				description: 'List the subscribers of the practice group’s membership schemes',
				action: 'Get many subscribers',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...getAllSubscribers.description,
];
