import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';
import { readLocatorValue } from '../../helpers/parameters';
import { itemError, requireChanges, requireId } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 88231',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			resourceLocator({
				displayName: 'Assign to Admin',
				name: 'assigneeAdminId',
				searchListMethod: 'searchAdmins',
				required: false,
				description: 'The staff member who should handle the task',
			}),
			{
				displayName: 'Assign to Admin Team ID',
				name: 'assigneeTeamId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 7',
				description: 'The team who should handle the task',
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				default: 'medium',
				options: [
					{ name: 'High', value: 'high' },
					{ name: 'Highest', value: 'highest' },
					{ name: 'Low', value: 'low' },
					{ name: 'Lowest', value: 'lowest' },
					{ name: 'Medium', value: 'medium' },
				],
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'in_progress',
				options: [
					{ name: 'Closed', value: 'closed' },
					{ name: 'In Progress', value: 'in_progress' },
					{ name: 'Open', value: 'open' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['update'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'PATCH', path: '/v1/tasks/{id}' };

/** Local checks: the task ID, one assignee at most, and at least one change; answers the PATCH. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const id = requireId(node, itemIndex, this.getNodeParameter('taskId', itemIndex), 'Task ID');
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.status) body.status = fields.status;
	if (fields.priority) body.priority = fields.priority;
	const hasAdmin = fields.assigneeAdminId !== undefined;
	const hasTeam = fields.assigneeTeamId !== undefined;
	if (hasAdmin && hasTeam) {
		throw itemError(
			node,
			itemIndex,
			'Assign to Admin and Assign to Admin Team ID are both set: a task has one assignee',
		);
	}
	if (hasAdmin) {
		body.assignee_type = 'admin';
		body.assignee_id = requireId(
			node,
			itemIndex,
			readLocatorValue(fields.assigneeAdminId),
			'Assign to Admin',
		);
	}
	if (hasTeam) {
		body.assignee_type = 'admin_team';
		body.assignee_id = requireId(node, itemIndex, fields.assigneeTeamId, 'Assign to Admin Team ID');
	}
	requireChanges(this.getNode(), itemIndex, body);
	return endpointRequest(node, endpoint, { pathParams: { id }, body, itemIndex });
}

/** Changes a task's status, priority or assignee. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	const response = await client.request(request);
	// Hero answers `{ data: { id } }`: output the record, not the envelope.
	const data = response.data;
	return data && typeof data === 'object' && !Array.isArray(data)
		? (data as IDataObject)
		: response;
}
