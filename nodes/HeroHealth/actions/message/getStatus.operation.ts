import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		required: true,
		description: 'The message ID that Message → Send returned',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getStatus'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/messages/{id}/status',
	inferred:
		'Only the page slug messages/getstatus was seen; path follows /v1/appointments/{id}/status',
	inferredParts: ['method', 'path'],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('messageId', itemIndex),
		'Message ID',
	);
	return await heroApiRequest.call(this, endpoint, { pathParams: { id }, itemIndex });
}
