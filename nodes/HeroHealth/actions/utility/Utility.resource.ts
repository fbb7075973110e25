import type { INodeProperties } from 'n8n-workflow';

import * as lookupAddress from './lookupAddress.operation';
import * as validateSnomedCode from './validateSnomedCode.operation';

export { lookupAddress, validateSnomedCode };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['utility'] } },
		options: [
			{
				name: 'Look Up Address',
				value: 'lookupAddress',
				description: 'List the addresses at a UK postcode',
				action: 'Look up addresses by postcode',
			},
			{
				name: 'Validate SNOMED Code',
				value: 'validateSnomedCode',
				description: 'Check a SNOMED CT code with Hero before writing it to a record',
				action: 'Validate a SNOMED code',
			},
		],
		default: 'lookupAddress',
	},
	...lookupAddress.description,
	...validateSnomedCode.description,
];
