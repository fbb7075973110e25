import type { INodeProperties } from 'n8n-workflow';

import * as addSubscriber from './addSubscriber.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as getAll from './getAll.operation';
import * as getSubscribers from './getSubscribers.operation';
import * as removeSubscriber from './removeSubscriber.operation';

export { addSubscriber, create, del as delete, getAll, getSubscribers, removeSubscriber };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		options: [
			{
				name: 'Add Subscriber',
				value: 'addSubscriber',
				description: 'Subscribe a patient to a subscription',
				action: 'Add a subscriber to a subscription',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a subscription',
				action: 'Create a subscription',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a subscription',
				action: 'Delete a subscription',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the practice group’s subscriptions',
				action: 'Get many subscriptions',
			},
			{
				name: 'Get Subscribers',
				value: 'getSubscribers',
				description: 'List the patients subscribed to a subscription',
				action: 'Get subscribers of a subscription',
			},
			{
				name: 'Remove Subscriber',
				value: 'removeSubscriber',
				description: 'Unsubscribe a patient from a subscription',
				action: 'Remove a subscriber from a subscription',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...create.description,
	...del.description,
	...getSubscribers.description,
	...addSubscriber.description,
	...removeSubscriber.description,
];
