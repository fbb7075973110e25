import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';
import { readLocatorId } from '../../helpers/parameters';
import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';

const properties: INodeProperties[] = [
	resourceLocator({
		displayName: 'Webhook',
		name: 'webhookId',
		searchListMethod: 'searchWebhooks',
		description: 'The webhook to delete; Hero stops sending its event to its URL',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['delete'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'DELETE',
	path: '/v1/webhooks/{id}',
	inferred:
		'Only the page slug deletewebhook was seen; DELETE on the item of the /v1/webhooks collection',
	inferredParts: ['path'],
};

/** Local checks: the webhook's ID, as the request's path parameter; kept for the output. */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const id = requireText(
		this.getNode(),
		itemIndex,
		readLocatorId.call(this, 'webhookId', itemIndex),
		'Webhook',
	);
	return {
		id,
		request: endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex }),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ id, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	await client.request(request);
	return { id, deleted: true };
}
