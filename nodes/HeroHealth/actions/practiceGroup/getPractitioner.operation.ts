import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { practitionerLocator } from '../common.descriptions';
import { requireLocatorId } from '../../helpers/parameters';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [practitionerLocator()];

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getPractitioner'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/practitioners/{id}' };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireLocatorId.call(this, 'practitionerId', itemIndex, 'Practitioner');
	return await heroApiRequest.call(this, endpoint, {
		pathParams: { id },
		itemIndex,
	});
}
