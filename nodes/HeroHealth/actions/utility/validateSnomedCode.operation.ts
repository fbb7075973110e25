import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { normaliseSnomedCode } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'SNOMED Code',
		name: 'snomedCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 279991000000102',
		description:
			'The SNOMED CT concept ID to check. The node checks its form and check digit before asking Hero.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['utility'], operation: ['validateSnomedCode'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/utilities/snomed_codes/{code}',
	inferred:
		'Tag "Utilities" seen without operations; SNOMED code validation on a /v1/utilities path',
	inferredParts: ['method', 'path'],
};

/** Local checks: the SNOMED code's form and check digit, before Hero is asked. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const code = normaliseSnomedCode(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('snomedCode', itemIndex),
	);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { code }, itemIndex });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
