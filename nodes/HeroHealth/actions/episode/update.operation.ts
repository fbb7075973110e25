import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { itemError, optionalText, requireChanges, requireId } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { EPISODE_STATUSES, PRIORITIES } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Episode ID',
		name: 'episodeId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5123',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Assignees',
				name: 'assignees',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Assignee',
				default: {},
				description: 'Who handles the episode; replaces its assignees',
				options: [
					{
						displayName: 'Assignee',
						name: 'assignee',
						values: [
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								default: 'Admin',
								options: [
									{ name: 'Admin', value: 'Admin' },
									{ name: 'Admin Team', value: 'AdminTeam' },
								],
							},
							{
								displayName: 'ID',
								name: 'id',
								type: 'string',
								default: '',
								placeholder: 'e.g. 601',
								description: 'The admin’s or team’s ID (Admin → Get Many lists admins)',
							},
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								description: 'The admin’s or team’s name, as Hero shows it',
							},
						],
					},
				],
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				default: 'medium',
				options: PRIORITIES,
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'in_progress',
				options: EPISODE_STATUSES,
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['episode'], operation: ['update'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'PATCH', path: '/v1/episodes/{id}' };

/** Local checks: the episode ID and at least one valid change, as the request's body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const id = requireId(
		node,
		itemIndex,
		this.getNodeParameter('episodeId', itemIndex),
		'Episode ID',
	);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.status) body.status = fields.status;
	if (fields.priority) body.priority = fields.priority;
	if (fields.assignees !== undefined) {
		const rows = ((fields.assignees as IDataObject).assignee as IDataObject[] | undefined) ?? [];
		if (!rows.length) throw itemError(node, itemIndex, 'Assignees is empty: add an assignee');
		body.assignees = rows.map((row, position) => {
			const assignee: IDataObject = {
				type: String(row.type ?? 'Admin'),
				id: requireId(node, itemIndex, row.id, `ID of assignee ${position + 1}`),
			};
			const name = optionalText(node, itemIndex, row.name, `Name of assignee ${position + 1}`);
			if (name) assignee.name = name;
			return assignee;
		});
	}
	requireChanges(node, itemIndex, body);
	return endpointRequest(node, endpoint, { pathParams: { id }, body, itemIndex });
}

/** Changes an inbox episode's status, priority or assignees. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
