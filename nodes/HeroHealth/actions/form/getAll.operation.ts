import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const FORM_TYPES = [
	{ name: 'Appointment', value: 'appointment' },
	{ name: 'Care Navigation', value: 'care_navigation' },
	{ name: 'Questionnaire', value: 'questionnaire' },
	{ name: 'Response', value: 'response' },
];

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Form Type',
				name: 'formType',
				type: 'options',
				default: 'questionnaire',
				options: FORM_TYPES,
			},
			{
				displayName: 'Reply Form',
				name: 'replyForm',
				type: 'boolean',
				default: true,
				description:
					'Whether to list only forms patients fill in as a reply to a message (true) or only the others (false)',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Text to look for in the form’s title',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['form'], operation: ['getAll'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/forms' };

/** Local checks: how many forms to read and the filters, as the query. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const search = String(filters.search ?? '').trim();
	if (search) qs.search = search;
	if (typeof filters.replyForm === 'boolean') qs.reply_form = filters.replyForm;
	if (filters.formType) qs.form_type = filters.formType;
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex, limit });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
