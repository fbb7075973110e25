import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listProperties, readList } from './common';

const properties: INodeProperties[] = listProperties([]);

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getNetwork'] } },
	properties,
);

/** One item per practice group in the same Hero network, each {id, name}. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await readList.call(this, itemIndex, 'practiceGroup.getNetwork');
}
