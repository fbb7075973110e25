import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint } from '../../transport';
import { listProperties, readPracticeList } from './common';

const properties: INodeProperties[] = listProperties([]);

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getElements'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/me/elements' };

/** One item per Hero Element (embeddable component) the practice group has. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await readPracticeList.call(this, itemIndex, endpoint);
}
