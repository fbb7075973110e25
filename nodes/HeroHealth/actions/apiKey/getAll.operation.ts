import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['apiKey'], operation: ['getAll'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/api_keys',
	paged: true,
	pagingInferred: true,
	inferred:
		'Tag "ApiKey" seen without operations; path follows the /v1/<snake_case collection> convention',
	inferredParts: ['method', 'path'],
};

/** Fields that could hold a key's secret value; never passed on to the workflow. */
const SECRET_FIELD = /^(key|api_?key|secret|token|hashed_key|.*_(secret|token))$/i;

function withoutSecrets(record: IDataObject): IDataObject {
	const safe: IDataObject = {};
	for (const [field, value] of Object.entries(record)) {
		safe[field] = SECRET_FIELD.test(field) && value ? '[hidden]' : value;
	}
	return safe;
}

/** Local checks: how many keys to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { itemIndex, limit });
}

/** The practice group's API keys, one item per key, with any secret value hidden. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	const records = await client.requestAll(request);
	return records.map(withoutSecrets);
}
