import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyToggle } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [...returnAllOrLimit(), simplifyToggle()];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getAll'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/messages',
	paged: true,
	pagingInferred: true,
	inferred:
		'Only the page slug listsentmessages was seen; path is the collection of /v1/messages/{id}',
	inferredParts: ['method', 'path'],
};

/** Local checks: how many messages to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { itemIndex, limit });
}

/** Messages the practice group has sent, one item per message. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	const messages = await client.requestAll(request);
	return simplified(this, itemIndex, 'message', messages);
}
