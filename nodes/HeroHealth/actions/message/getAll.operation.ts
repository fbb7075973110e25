import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyToggle } from '../common.descriptions';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';
import { listLimit } from '../../helpers/parameters';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [...returnAllOrLimit(), simplifyToggle()];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getAll'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/messages',
	paged: true,
	pagingInferred: true,
	inferred:
		'Only the page slug listsentmessages was seen; path is the collection of /v1/messages/{id}',
	inferredParts: ['method', 'path'],
};

/** Messages the practice group has sent, one item per message. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = listLimit.call(this, itemIndex);
	const messages = await heroApiRequestAllItems.call(this, endpoint, { itemIndex }, limit);
	return simplified(this, itemIndex, 'message', messages);
}
