import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { simplifyToggle } from '../common.descriptions';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		description: 'The message ID that Message → Send returned',
	},
	simplifyToggle(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['get'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/messages/{id}' };

/** Local checks: the message ID, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('messageId', itemIndex),
		'Message ID',
	);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex });
}

/** The message with its delivery state and write-to-record status (`write_to_record.status`). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	const message = await client.request(request);
	return simplified(this, itemIndex, 'message', message);
}
