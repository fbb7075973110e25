import type { INodeProperties } from 'n8n-workflow';

import * as getPathways from './getPathways.operation';
import * as getSubmission from './getSubmission.operation';
import * as getSubmissions from './getSubmissions.operation';

export { getPathways, getSubmission, getSubmissions };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['careNavigation'] } },
		options: [
			{
				name: 'Get Many Pathways',
				value: 'getPathways',
				description: 'List the practice group’s care navigation pathways',
				action: 'Get many care navigation pathways',
			},
			{
				name: 'Get Many Submissions',
				value: 'getSubmissions',
				description: 'List care navigation submissions',
				action: 'Get many care navigation submissions',
			},
			{
				name: 'Get Submission',
				value: 'getSubmission',
				description: 'Get one care navigation submission',
				action: 'Get a care navigation submission',
			},
		],
		default: 'getSubmissions',
	},
	...getPathways.description,
	...getSubmissions.description,
	...getSubmission.description,
];
