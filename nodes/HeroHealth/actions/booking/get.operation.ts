import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest } from '../../transport';
import { appointmentIdField, readAppointmentId } from './common';

const properties: INodeProperties[] = [appointmentIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readAppointmentId.call(this, itemIndex);
	return await heroApiRequest.call(this, 'booking.get', { pathParams: { id }, itemIndex });
}
