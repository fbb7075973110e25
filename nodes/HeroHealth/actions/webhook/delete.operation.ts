import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';
import { readLocatorId } from '../../helpers/parameters';
import { requireText } from '../../helpers/validation';
import { heroApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	resourceLocator({
		displayName: 'Webhook',
		name: 'webhookId',
		searchListMethod: 'searchWebhooks',
		description: 'The webhook to delete; Hero stops sending its event to its URL',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['webhook'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireText(
		this.getNode(),
		itemIndex,
		readLocatorId.call(this, 'webhookId', itemIndex),
		'Webhook',
	);
	await heroApiRequest.call(this, 'webhook.delete', { pathParams: { id }, itemIndex });
	return { id, deleted: true };
}
