import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint, HeroClient, HeroRequest } from '../../transport';
import { episodeListProperties, episodeListRequest, listEpisodes } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['episode'], operation: ['getAll'] } },
	episodeListProperties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/episodes', paged: true };

/** Local checks: how many episodes to read and the filters, as the query. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	return episodeListRequest.call(this, itemIndex, endpoint);
}

/** Inbox episodes (a patient's request with its tasks), one item per episode. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await listEpisodes.call(this, itemIndex, client, request);
}
