import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, WEBHOOK_EVENTS } from '../common.descriptions';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';
import { withoutSigningKey } from './common';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Event',
				name: 'eventType',
				type: 'options',
				default: 'appointment.confirmed',
				options: WEBHOOK_EVENTS,
				description: 'Only webhooks for this event',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['getAll'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/webhooks',
	paged: true,
	pagingInferred: true,
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = listLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.eventType) qs.event_type = filters.eventType;
	const webhooks = await heroApiRequestAllItems.call(this, endpoint, { qs, itemIndex }, limit);
	return webhooks.map(withoutSigningKey);
}
