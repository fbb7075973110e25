import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['careNavigation'], operation: ['getSubmissions'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/care_navigation/submissions',
	paged: true,
	pagingInferred: true,
	inferred:
		'Tag "Care Navigation" seen without operations; path follows the /v1/<collection> convention',
	inferredParts: ['method', 'path'],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = listLimit.call(this, itemIndex);
	return await heroApiRequestAllItems.call(this, endpoint, { itemIndex }, limit);
}
