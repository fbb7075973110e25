import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Endpoint } from '../../transport';
import { episodeListProperties, listEpisodes } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['episode'], operation: ['getAll'] } },
	episodeListProperties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/episodes', paged: true };

/** Inbox episodes (a patient's request with its tasks), one item per episode. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listEpisodes.call(this, itemIndex, endpoint);
}
