import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Submission ID',
		name: 'submissionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 4521',
		description: 'The care navigation submission, e.g. from Get Many Submissions',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['careNavigation'], operation: ['getSubmission'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/care_navigation/submissions/{id}',
	inferred:
		'Tag "Care Navigation" seen without operations; path follows the /v1/<collection>/{id} convention',
	inferredParts: ['method', 'path'],
};

/** Local checks: the submission ID, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('submissionId', itemIndex),
		'Submission ID',
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
