import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export { create, get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['formResponse'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Record a patient’s answers to a form. Inferred: Hero’s reference only showed the read.',
				action: 'Create a form response',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a patient’s answers to a form',
				action: 'Get a form response',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change answers in a form response. Inferred: Hero’s reference only showed the read.',
				action: 'Update a form response',
			},
		],
		default: 'get',
	},
	...get.description,
	...create.description,
	...update.description,
];
