import type { INodeProperties } from 'n8n-workflow';

import * as createNote from './createNote.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAllV2 from './getAllV2.operation';
import * as update from './update.operation';

export { createNote, get, getAll, getAllV2, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['episode'] } },
		options: [
			{
				name: 'Add Note',
				value: 'createNote',
				description: 'Add a staff note to an inbox episode; patients never see it',
				action: 'Add a note only staff can see to an episode',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an inbox episode with its tasks',
				action: 'Get an episode',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List inbox episodes',
				action: 'Get many episodes',
			},
			{
				name: 'Get Many (Newer List)',
				value: 'getAllV2',
				description:
					'List inbox episodes through Hero’s newer (v2) episode list; try Get Many first',
				action: 'Get many episodes from the newer episode list',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change an inbox episode’s status, priority or assignees',
				action: 'Update an episode',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...getAllV2.description,
	...get.description,
	...createNote.description,
	...update.description,
];
