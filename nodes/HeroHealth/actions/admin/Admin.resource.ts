import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsertSignature from './upsertSignature.operation';

export { getAll, update, upsertSignature };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['admin'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the practice group’s staff users',
				action: 'Get many admins',
			},
			{
				name: 'Set Signature',
				value: 'upsertSignature',
				description: 'Add or replace the signature of the admin the API key acts for',
				action: 'Set the admin signature',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change an admin’s prescriber details',
				action: 'Update an admin',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...update.description,
	...upsertSignature.description,
];
