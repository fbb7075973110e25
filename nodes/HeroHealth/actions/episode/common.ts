import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, simplifyToggle } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';
import { requireIdList } from '../../helpers/validation';
import { simplified } from '../../helpers/output';

export const EPISODE_STATUSES = [
	{ name: 'Closed', value: 'closed' },
	{ name: 'In Progress', value: 'in_progress' },
	{ name: 'Open', value: 'open' },
];

export const PRIORITIES = [
	{ name: 'High', value: 'high' },
	{ name: 'Highest', value: 'highest' },
	{ name: 'Low', value: 'low' },
	{ name: 'Lowest', value: 'lowest' },
	{ name: 'Medium', value: 'medium' },
];

/** Return All / Limit, filters and sorting of the inbox episode lists. */
export const episodeListProperties: INodeProperties[] = [
	...returnAllOrLimit(),
	simplifyToggle(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Assignee IDs',
				name: 'assigneeIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12, 15',
				description: 'Admin or admin team IDs, separated by commas (Admin → Get Many lists admins)',
			},
			{
				displayName: 'Assignee Types',
				name: 'assigneeTypes',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Admin', value: 'Admin' },
					{ name: 'Admin Team', value: 'AdminTeam' },
					{ name: 'Unassigned', value: 'Unassigned' },
				],
			},
			{
				displayName: 'Priorities',
				name: 'priorities',
				type: 'multiOptions',
				default: [],
				options: PRIORITIES,
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				default: [],
				options: EPISODE_STATUSES,
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'orderBy',
				type: 'options',
				default: 'created_at',
				options: [
					{ name: 'Created At', value: 'created_at' },
					{ name: 'Priority', value: 'priority' },
				],
			},
			{
				displayName: 'Sort Descending',
				name: 'orderDescending',
				type: 'boolean',
				default: true,
				description: 'Whether to put the newest or highest priority first',
			},
		],
	},
];

function asList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	return [];
}

/**
 * The episode filters as query parameters. Hero names them with brackets (`status[]`) and takes
 * several values as repeated names, which is how the transport sends arrays.
 */
function episodeListQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const assigneeIds = requireIdList(this.getNode(), itemIndex, filters.assigneeIds, 'Assignee IDs');
	const qs: IDataObject = {
		'assignee_id[]': assigneeIds,
		'assignee_type[]': asList(filters.assigneeTypes),
		'status[]': asList(filters.statuses),
		'priority[]': asList(filters.priorities),
	};
	if (options.orderBy) qs['order_by[]'] = [String(options.orderBy)];
	if (options.orderDescending !== undefined) {
		qs['order_descending[]'] = [String(options.orderDescending === true)];
	}
	for (const [name, values] of Object.entries(qs)) {
		if (!(values as string[]).length) delete qs[name];
	}
	return qs;
}

/** Local checks of an episode list (Get Many, Get Many V2): how many to read and the filters. */
export function episodeListRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	endpoint: Endpoint,
): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	const qs = episodeListQuery.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex, limit });
}

/** Reads an episode list endpoint with the filters, one item per episode. */
export async function listEpisodes(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	const episodes = await client.requestAll(request);
	return simplified(this, itemIndex, 'episode', episodes);
}
