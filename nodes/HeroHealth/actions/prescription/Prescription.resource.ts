import type { INodeProperties } from 'n8n-workflow';

import * as createPharmacy from './createPharmacy.operation';
import * as get from './get.operation';
import * as getPrescriber from './getPrescriber.operation';
import * as getPrescriberPharmacies from './getPrescriberPharmacies.operation';

export { createPharmacy, get, getPrescriber, getPrescriberPharmacies };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['prescription'] } },
		options: [
			{
				name: 'Create Pharmacy',
				value: 'createPharmacy',
				description: 'Create a pharmacy for a prescriber',
				action: 'Create a pharmacy',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a prescription',
				action: 'Get a prescription',
			},
			{
				name: 'Get Prescriber',
				value: 'getPrescriber',
				description: 'Get a prescriber',
				action: 'Get a prescriber',
			},
			{
				name: 'Get Prescriber Pharmacies',
				value: 'getPrescriberPharmacies',
				description: 'List the pharmacies of a prescriber',
				action: 'Get pharmacies of a prescriber',
			},
		],
		default: 'getPrescriberPharmacies',
	},
	...get.description,
	...getPrescriber.description,
	...getPrescriberPharmacies.description,
	...createPharmacy.description,
];
