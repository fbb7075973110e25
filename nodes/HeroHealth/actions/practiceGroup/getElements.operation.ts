import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listProperties, readList } from './common';

const properties: INodeProperties[] = listProperties([]);

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getElements'] } },
	properties,
);

/** One item per Hero Element (embeddable component) the practice group has. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await readList.call(this, itemIndex, 'practiceGroup.getElements');
}
