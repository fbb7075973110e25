import type { INodeProperties } from 'n8n-workflow';

import * as getConsultant from './getConsultant.operation';
import * as searchConsultants from './searchConsultants.operation';

export { getConsultant, searchConsultants };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['bookingHca'] } },
		options: [
			{
				name: 'Get Consultant',
				value: 'getConsultant',
				description:
					'Get a consultant from Hero’s HCA (Healthcare Assistant) diary by their GMC number',
				action: 'Get an HCA consultant',
			},
			{
				name: 'Search Consultants',
				value: 'searchConsultants',
				description: 'Search the consultants of Hero’s HCA (Healthcare Assistant) diary',
				action: 'Search HCA consultants',
			},
		],
		default: 'searchConsultants',
	},
	...searchConsultants.description,
	...getConsultant.description,
];
