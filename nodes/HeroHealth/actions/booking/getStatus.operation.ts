import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';
import { appointmentIdField, requireAppointmentId } from './common';

const properties: INodeProperties[] = [appointmentIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['getStatus'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/appointments/{id}/status',
	inferred: 'The page showed the URL but not the method; a status read is a GET',
	inferredParts: ['method'],
};

/** Local checks: the appointment ID, as the request's path parameter (and kept for the output). */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const id = requireAppointmentId.call(this, itemIndex);
	return {
		id,
		request: endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex }),
	};
}

/** Hero's answer is not documented: an object is output as it is, a bare value as `{id, status}`. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ id, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	const response: unknown = await client.request(request);
	if (response && typeof response === 'object' && !Array.isArray(response)) {
		return response as IDataObject;
	}
	return { id, status: response as string };
}
