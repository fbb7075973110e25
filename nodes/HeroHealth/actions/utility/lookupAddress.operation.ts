import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { normaliseUkPostcode } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Postcode',
		name: 'postcode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. LS1 4AP',
		description: 'A full UK postcode; any case and spacing is fine',
	},
	...returnAllOrLimit(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['utility'], operation: ['lookupAddress'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/utilities/address_lookup',
	inferred:
		'Tag "Utilities" seen without operations; address lookup by postcode on a /v1/utilities path',
	inferredParts: ['method', 'path', 'query'],
};

/** Local checks: the postcode, normalised, and how many addresses to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const postcode = normaliseUkPostcode(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('postcode', itemIndex),
	);
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { qs: { postcode }, itemIndex, limit });
}

/** One item per address at the postcode. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
