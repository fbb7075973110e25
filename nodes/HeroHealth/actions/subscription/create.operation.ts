import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionalText, requireText } from '../../helpers/validation';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Flu clinic reminders',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'What the subscription is for',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['create'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'POST',
	path: '/v1/subscriptions',
	inferred: 'Tag "Subscriptions" seen without operations; POST on the collection, as /v1/webhooks',
	inferredParts: ['method', 'path', 'body'],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		name: requireText(this.getNode(), itemIndex, this.getNodeParameter('name', itemIndex), 'Name'),
	};
	const text = optionalText(this.getNode(), itemIndex, additionalFields.description, 'Description');
	if (text) body.description = text;
	return await heroApiRequest.call(this, endpoint, { body, itemIndex });
}
