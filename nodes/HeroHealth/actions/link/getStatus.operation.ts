import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookUpBy',
		type: 'options',
		default: 'url',
		options: [
			{ name: 'Link URL', value: 'url' },
			{ name: 'Link ID', value: 'id' },
		],
	},
	{
		displayName: 'Link URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://link.herohealth.net/abc123',
		description: 'The link as the patient received it',
		displayOptions: { show: { lookUpBy: ['url'] } },
	},
	{
		displayName: 'Link ID',
		name: 'linkId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 201',
		displayOptions: { show: { lookUpBy: ['id'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['link'], operation: ['getStatus'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/links/status' };

/** Local checks: the link's URL or ID, as the request's query. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const byUrl = this.getNodeParameter('lookUpBy', itemIndex) === 'url';
	const qs: IDataObject = byUrl
		? { url: requireText(node, itemIndex, this.getNodeParameter('url', itemIndex), 'Link URL') }
		: { id: requireText(node, itemIndex, this.getNodeParameter('linkId', itemIndex), 'Link ID') };
	return endpointRequest(node, endpoint, { qs, itemIndex });
}

/** Whether a link was used, and what it is (booking, form …) with what it refers to. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
