import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { formLocator } from '../common.descriptions';
import { requireLocatorId } from '../../helpers/parameters';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [formLocator()];

export const description = updateDisplayOptions(
	{ show: { resource: ['form'], operation: ['get'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/forms/{id}' };

/** Local checks: the form ID, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireLocatorId.call(this, 'formId', itemIndex, 'Form');
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex });
}

/** The form with its `fields` (each with the form_question_id a form response answers). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
