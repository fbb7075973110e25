import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getSmsCredits'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/me/sms-credits' };

/** Local checks: none; the request takes no parameters. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	return endpointRequest(this.getNode(), endpoint, { itemIndex });
}

/** The practice group's SMS credits: `{sms_credit_count}` (null when SMS is not billed in credits). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
