import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest, type Endpoint } from '../../transport';
import { requirePrescriberId, prescriberIdField } from './common';

const properties: INodeProperties[] = [prescriberIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['prescription'], operation: ['getPrescriber'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/prescriber/{id}',
	inferred:
		'Only the title "Get a prescriber" was seen; path is the parent of /v1/prescriber/{id}/pharmacies',
	inferredParts: ['method', 'path'],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requirePrescriberId.call(this, itemIndex);
	return await heroApiRequest.call(this, endpoint, {
		pathParams: { id },
		itemIndex,
	});
}
