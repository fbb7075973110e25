import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';
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

/** The practice group's API keys, one item per key, with any secret value hidden. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = listLimit.call(this, itemIndex);
	const records = await heroApiRequestAllItems.call(this, endpoint, { itemIndex }, limit);
	return records.map(withoutSecrets);
}
