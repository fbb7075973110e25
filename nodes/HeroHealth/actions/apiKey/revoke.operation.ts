import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName:
			'Revoking cannot be undone. If you revoke the key this node’s credential uses, the node stops working.',
		name: 'revokeNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'API Key ID',
		name: 'keyId',
		type: 'string',
		default: '',
		required: true,
		description: 'The key’s ID as API Key → Get Many lists it (not the key itself)',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['apiKey'], operation: ['revoke'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'DELETE',
	path: '/v1/api_keys/{id}',
	inferred: 'Tag "ApiKey" seen without operations; path follows DELETE /v1/webhooks/{id}',
	inferredParts: ['method', 'path'],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('keyId', itemIndex),
		'API Key ID',
	);
	await heroApiRequest.call(this, endpoint, { pathParams: { id }, itemIndex });
	return { id, revoked: true };
}
