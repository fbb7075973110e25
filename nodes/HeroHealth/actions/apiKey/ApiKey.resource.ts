import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';
import * as revoke from './revoke.operation';

export { getAll, revoke };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['apiKey'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the practice group’s API keys (secret values are hidden)',
				action: 'Get many API keys',
			},
			{
				name: 'Revoke',
				value: 'revoke',
				description:
					'Revoke an API key so it no longer works. Revoking the key this credential uses stops the node working.',
				action: 'Revoke an API key for good so whatever uses it stops working',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...revoke.description,
];
