import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireId, requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Episode ID',
		name: 'episodeId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5123',
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'Text of the note, seen by practice staff in the inbox (not by the patient)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['episode'], operation: ['createNote'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/notes' };

/** Local checks: the episode ID and the note, as the request's body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const body = {
		episode_id: requireId(
			node,
			itemIndex,
			this.getNodeParameter('episodeId', itemIndex),
			'Episode ID',
		),
		description: requireText(node, itemIndex, this.getNodeParameter('note', itemIndex), 'Note'),
	};
	return endpointRequest(node, endpoint, { body, itemIndex });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
