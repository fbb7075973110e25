import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireId } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { simplifyToggle } from '../common.descriptions';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [
	{
		displayName: 'Episode ID',
		name: 'episodeId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5123',
	},
	simplifyToggle(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['episode'], operation: ['get'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/episodes/{id}' };

/** Local checks: the episode ID, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireId(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('episodeId', itemIndex),
		'Episode ID',
	);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex });
}

/** An inbox episode with its status, priority, assignees and tasks. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	const episode = await client.request(request);
	return simplified(this, itemIndex, 'episode', episode);
}
