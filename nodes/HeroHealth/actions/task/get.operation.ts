import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireId } from '../../helpers/validation';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 88231',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['get'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v2/tasks/{id}' };

/** An inbox task with its type, status, details and patient. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireId(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('taskId', itemIndex),
		'Task ID',
	);
	return await heroApiRequest.call(this, endpoint, { pathParams: { id }, itemIndex });
}
