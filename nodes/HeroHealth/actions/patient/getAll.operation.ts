import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyToggle } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	simplifyToggle(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Text to look for, e.g. a name or an EMIS ID',
			},
			{
				displayName: 'Search Field',
				name: 'field',
				type: 'options',
				default: 'emis_id',
				description: 'The field Search looks in',
				options: [
					{ name: 'EHR Partner ID', value: 'ehr_partner_id' },
					{ name: 'Email', value: 'email' },
					{ name: 'EMIS ID', value: 'emis_id' },
					{ name: 'First Name', value: 'first_name' },
					{ name: 'Last Name', value: 'last_name' },
					{ name: 'Mobile', value: 'mobile' },
					{ name: 'NHS Number', value: 'nhs_number' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['getAll'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/patients',
	paged: true,
	pagingInferred: true,
};

/** Local checks: how many patients to read, and the search filters as the request's query. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.search) qs.search = filters.search;
	if (filters.search && filters.field) qs.field = filters.field;
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex, limit });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	const patients = await client.requestAll(request);
	return simplified(this, itemIndex, 'patient', patients);
}
