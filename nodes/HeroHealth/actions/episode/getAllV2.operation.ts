import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint, HeroClient, HeroRequest } from '../../transport';
import { episodeListProperties, episodeListRequest, listEpisodes } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['episode'], operation: ['getAllV2'] } },
	episodeListProperties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v2/episodes',
	paged: true,
	pagingInferred: true,
	inferred: 'Only the page title "List episodes (v2)" was seen; path is the v2 of /v1/episodes',
	inferredParts: ['method', 'path'],
};

/** Local checks: how many episodes to read and the filters, as the query. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	return episodeListRequest.call(this, itemIndex, endpoint);
}

/** Like Get Many, from Hero's v2 episode list. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await listEpisodes.call(this, itemIndex, client, request);
}
