import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest, type Endpoint } from '../../transport';
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

/** Hero's answer is not documented: an object is output as it is, a bare value as `{id, status}`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireAppointmentId.call(this, itemIndex);
	const response: unknown = await heroApiRequest.call(this, endpoint, {
		pathParams: { id },
		itemIndex,
	});
	if (response && typeof response === 'object' && !Array.isArray(response)) {
		return response as IDataObject;
	}
	return { id, status: response as string };
}
