import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireId } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Prescription ID',
		name: 'prescriptionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 9921',
		description: 'The prescription, e.g. the ID in a Prescription Issued event',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['prescription'], operation: ['get'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/prescriptions/{id}',
	inferred:
		'No get-prescription page was seen; the prescription.issued webhook names a Prescription by ID, so the path follows /v1/<collection>/{id}',
	inferredParts: ['method', 'path'],
};

/** Local checks: the prescription ID, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireId(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('prescriptionId', itemIndex),
		'Prescription ID',
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
