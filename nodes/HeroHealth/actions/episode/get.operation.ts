import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireId } from '../../helpers/validation';
import { heroApiRequest, type Endpoint } from '../../transport';
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

/** An inbox episode with its status, priority, assignees and tasks. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireId(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('episodeId', itemIndex),
		'Episode ID',
	);
	const episode = await heroApiRequest.call(this, endpoint, { pathParams: { id }, itemIndex });
	return simplified(this, itemIndex, 'episode', episode);
}
