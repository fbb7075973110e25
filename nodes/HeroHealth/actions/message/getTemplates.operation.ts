import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Has Follow-Up',
				name: 'hasFollowUp',
				type: 'boolean',
				default: true,
				description:
					'Whether to list only templates with a follow-up (on) or only those without (off)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getTemplates'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/templates' };

/** The practice's message templates, one item per template. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.hasFollowUp !== undefined) qs.has_follow_up = filters.hasFollowUp === true;
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex, limit });
}

/** The practice's message templates, one item per template. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
