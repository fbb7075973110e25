import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest, type Endpoint } from '../../transport';
import { appointmentIdField, requireAppointmentId } from './common';
import { simplifyToggle } from '../common.descriptions';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [appointmentIdField, simplifyToggle()];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['get'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/appointments/{id}' };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireAppointmentId.call(this, itemIndex);
	const appointment = await heroApiRequest.call(this, endpoint, {
		pathParams: { id },
		itemIndex,
	});
	return simplified(this, itemIndex, 'appointment', appointment);
}
