import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { practitionerLocator } from '../common.descriptions';
import { requireLocatorId } from '../../helpers/parameters';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [practitionerLocator()];

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getPractitioner'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/practitioners/{id}' };

/** Local checks: the practitioner ID, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireLocatorId.call(this, 'practitionerId', itemIndex, 'Practitioner');
	return endpointRequest(this.getNode(), endpoint, {
		pathParams: { id },
		itemIndex,
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
