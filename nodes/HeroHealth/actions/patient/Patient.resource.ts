import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as pdsLookup from './pdsLookup.operation';
import * as register from './register.operation';

export { get, getAll, pdsLookup, register };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['patient'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a patient', action: 'Get a patient' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Search the practice group’s patients',
				action: 'Get many patients',
			},
			{
				name: 'PDS Lookup',
				value: 'pdsLookup',
				description:
					'Trace a patient on the NHS Spine (PDS) and get their Hero patient ID, registering them in Hero if needed',
				action: 'Look up a patient on PDS',
			},
			{
				name: 'Register',
				value: 'register',
				description: 'Create or update a patient without a PDS trace',
				action: 'Register a patient',
			},
		],
		default: 'pdsLookup',
	},
	...pdsLookup.description,
	...register.description,
	...get.description,
	...getAll.description,
];
