import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordOr, simplified } from '../../helpers/output';
import { mapFields } from '../../helpers/parameters';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';
import { appointmentIdField, requireAppointmentId } from './common';
import { simplifyToggle } from '../common.descriptions';

const properties: INodeProperties[] = [
	appointmentIdField,
	simplifyToggle(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Ignore Cancellation Policy',
				name: 'suppressCancellationPolicy',
				type: 'boolean',
				default: false,
				description: 'Whether to cancel even inside the practice’s cancellation notice period',
			},
			{
				displayName: 'Suppress Mail',
				name: 'suppressMail',
				type: 'boolean',
				default: false,
				description: 'Whether to stop Hero emailing the patient about the cancellation',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['cancel'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'PATCH', path: '/v1/appointments/{id}/cancel' };

/** Local checks: the appointment ID and the options, as the request (the ID is kept for the output). */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const id = requireAppointmentId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = mapFields(options, {
		suppressMail: 'suppress_mail',
		suppressCancellationPolicy: 'suppress_cancellation_policy',
	});
	const request = endpointRequest(this.getNode(), endpoint, {
		pathParams: { id },
		body,
		itemIndex,
	});
	return { id, request };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ id, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	const response = await client.request(request);
	return recordOr(simplified(this, itemIndex, 'appointment', response), {
		id,
		cancelled: true,
	});
}
