import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { heroApiRequestAllItems } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['consultation'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = listLimit.call(this, itemIndex);
	return await heroApiRequestAllItems.call(this, 'consultation.getAll', { itemIndex }, limit);
}
