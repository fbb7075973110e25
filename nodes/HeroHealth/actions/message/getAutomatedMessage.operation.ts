import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';
import { readLocatorId } from '../../helpers/parameters';
import { requireText } from '../../helpers/validation';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [
	resourceLocator({
		displayName: 'Automated Message',
		name: 'automatedMessageId',
		searchListMethod: 'searchAutomatedMessages',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getAutomatedMessage'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v2/automated_messages/{id}' };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireText(
		this.getNode(),
		itemIndex,
		readLocatorId.call(this, 'automatedMessageId', itemIndex),
		'Automated Message',
	);
	return await heroApiRequest.call(this, endpoint, {
		pathParams: { id },
		itemIndex,
	});
}
