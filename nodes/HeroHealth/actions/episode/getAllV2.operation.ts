import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { episodeListProperties, listEpisodes } from './common';

export const description = updateDisplayOptions(
	{ show: { resource: ['episode'], operation: ['getAllV2'] } },
	episodeListProperties,
);

/** Like Get Many, from Hero's v2 episode list. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listEpisodes.call(this, itemIndex, 'episode.getAllV2');
}
