import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { appointmentIdField, requireAppointmentId } from './common';
import { simplifyToggle } from '../common.descriptions';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [appointmentIdField, simplifyToggle()];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['get'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/appointments/{id}' };

/** Local checks: the appointment ID, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireAppointmentId.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	const appointment = await client.request(request);
	return simplified(this, itemIndex, 'appointment', appointment);
}
