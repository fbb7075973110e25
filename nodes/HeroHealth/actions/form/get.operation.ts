import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { formLocator } from '../common.descriptions';
import { requireLocatorId } from '../../helpers/parameters';
import { heroApiRequest, type Endpoint } from '../../transport';

const properties: INodeProperties[] = [formLocator()];

export const description = updateDisplayOptions(
	{ show: { resource: ['form'], operation: ['get'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/forms/{id}' };

/** The form with its `fields` (each with the form_question_id a form response answers). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireLocatorId.call(this, 'formId', itemIndex, 'Form');
	return await heroApiRequest.call(this, endpoint, { pathParams: { id }, itemIndex });
}
