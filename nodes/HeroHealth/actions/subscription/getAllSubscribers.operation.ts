import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { listLimit } from '../../helpers/parameters';
import { heroApiRequestAllItems } from '../../transport';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['getAllSubscribers'] } },
	properties,
);

/** Hero's top-level subscribers list (inferred method, see the endpoint table), one item each. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = listLimit.call(this, itemIndex);
	return await heroApiRequestAllItems.call(
		this,
		'subscription.getAllSubscribers',
		{ itemIndex },
		limit,
	);
}
