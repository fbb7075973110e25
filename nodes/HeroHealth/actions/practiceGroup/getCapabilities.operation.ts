import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getCapabilities'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/me/capabilities' };

/** What the practice group can do in Hero, e.g. `sms_messaging`, as one item with a `capabilities` list. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await heroApiRequest.call(this, endpoint, { itemIndex });
}
