import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { formResponseIdField, requireFormResponseId } from './common';

const properties: INodeProperties[] = [formResponseIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['formResponse'], operation: ['get'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/form_response/{id}' };

/** Local checks: the form response ID, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireFormResponseId.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
