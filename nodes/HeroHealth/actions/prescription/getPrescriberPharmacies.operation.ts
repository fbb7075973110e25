import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { heroApiRequestAllItems, type Endpoint } from '../../transport';
import { requirePrescriberId, prescriberIdField } from './common';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [prescriberIdField, ...returnAllOrLimit()];

export const description = updateDisplayOptions(
	{ show: { resource: ['prescription'], operation: ['getPrescriberPharmacies'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/prescriber/{id}/pharmacies' };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const id = requirePrescriberId.call(this, itemIndex);
	const limit = listLimit.call(this, itemIndex);
	return await heroApiRequestAllItems.call(
		this,
		endpoint,
		{ pathParams: { id }, itemIndex },
		limit,
	);
}
