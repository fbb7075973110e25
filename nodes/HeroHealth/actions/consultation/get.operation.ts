import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Consultation ID',
		name: 'consultationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 8812',
		description: 'The consultation, e.g. from Get Many',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['consultation'], operation: ['get'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/consultations/{id}',
	inferred:
		'Tag "Consultations" seen without operations; path follows the /v1/<collection>/{id} convention',
	inferredParts: ['method', 'path'],
};

/** Local checks: the consultation ID, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('consultationId', itemIndex),
		'Consultation ID',
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
