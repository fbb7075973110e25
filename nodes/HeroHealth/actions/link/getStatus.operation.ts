import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { heroApiRequest, type Endpoint } from '../../transport';

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

/** Whether a link was used, and what it is (booking, form …) with what it refers to. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const byUrl = this.getNodeParameter('lookUpBy', itemIndex) === 'url';
	const qs: IDataObject = byUrl
		? { url: requireText(node, itemIndex, this.getNodeParameter('url', itemIndex), 'Link URL') }
		: { id: requireText(node, itemIndex, this.getNodeParameter('linkId', itemIndex), 'Link ID') };
	return await heroApiRequest.call(this, endpoint, { qs, itemIndex });
}
