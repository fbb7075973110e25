import type { INodeProperties } from 'n8n-workflow';

import * as getHeidiToken from './getHeidiToken.operation';

export { getHeidiToken };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['partner'] } },
		options: [
			{
				name: 'Get Heidi Token',
				value: 'getHeidiToken',
				description: 'Get a Heidi token, with its expiry time, for the admin and practice group',
				action: 'Heidi token for the admin and practice group',
			},
		],
		default: 'getHeidiToken',
	},
	...getHeidiToken.description,
];
