import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getSmsCredits'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/me/sms-credits' };

/** The practice group's SMS credits: `{sms_credit_count}` (null when SMS is not billed in credits). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await heroApiRequest.call(this, endpoint, { itemIndex });
}
