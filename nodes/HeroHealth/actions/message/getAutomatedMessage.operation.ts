import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';
import { readLocatorId } from '../../helpers/parameters';
import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	resourceLocator({
		displayName: 'Automated Message',
		name: 'automatedMessageId',
		searchListMethod: 'searchAutomatedMessages',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getAutomatedMessage'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v2/automated_messages/{id}' };

export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireText(
		this.getNode(),
		itemIndex,
		readLocatorId.call(this, 'automatedMessageId', itemIndex),
		'Automated Message',
	);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
