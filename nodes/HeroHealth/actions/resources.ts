import type { INodeProperties } from 'n8n-workflow';

import * as message from './message/Message.resource';
import * as patient from './patient/Patient.resource';

/** Settings that apply to every request the node makes in a run. */
const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 5,
			description:
				'How many items are sent to Hero at the same time. 1 sends them one after another. Output order always matches input order.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Cap on request starts per second, for the rate limit in your Hero partner agreement. 0 means no cap; 429 answers still slow the node down.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 5,
			description:
				'Retries after Hero’s rate limit (429) or a temporary outage (503). Sends that may have reached Hero are never retried.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
		},
	],
};

export const resources = { message, patient };

/** The Resource choice, every resource's operations and fields, and the request options. */
export const resourceProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Message', value: 'message' },
			{ name: 'Patient', value: 'patient' },
		],
		default: 'message',
	},
	...message.description,
	...patient.description,
	requestOptions,
];
