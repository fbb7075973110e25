import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, WEBHOOK_EVENTS } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
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

/** Local checks: how many webhooks to read, and the event filter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.eventType) qs.event_type = filters.eventType;
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex, limit });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	const webhooks = await client.requestAll(request);
	return webhooks.map(withoutSigningKey);
}
