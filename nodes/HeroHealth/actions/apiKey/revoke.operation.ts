import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';

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

/** Local checks: the key's ID, as the request's path parameter (and kept for the output). */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const id = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('keyId', itemIndex),
		'API Key ID',
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
	return { id, revoked: true };
}
