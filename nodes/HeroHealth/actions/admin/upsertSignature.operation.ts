import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Signature',
		name: 'signature',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description:
			'The signature Hero stores for the admin the API key acts for, replacing any earlier one',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['admin'], operation: ['upsertSignature'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'POST',
	path: '/v1/admins/signature',
	inferred:
		'The "Upsert admin signature" page shows POST and the body { signature } but was cut before its URL; path is a sub-resource of /v1/admins',
	inferredParts: ['path'],
};

/** Local checks: the signature, as the request's body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const signature = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('signature', itemIndex),
		'Signature',
	);
	return endpointRequest(this.getNode(), endpoint, { body: { signature }, itemIndex });
}

/** Adds or replaces the signature of the admin the API key belongs to. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	const response = await client.request(request);
	return Object.keys(response).length ? response : { success: true };
}
