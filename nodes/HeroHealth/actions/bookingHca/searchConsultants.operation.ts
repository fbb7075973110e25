import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Search',
		name: 'search',
		type: 'string',
		default: '',
		placeholder: 'e.g. Smith',
		description: 'Text to look for, e.g. a consultant’s name. Empty lists them all.',
	},
	...returnAllOrLimit(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fields to Return',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'e.g. first_name, last_name, gmc_number',
				description:
					'Comma-separated names of the consultant fields Hero should return; empty returns every field',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['bookingHca'], operation: ['searchConsultants'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/booking-hca/consultants' };

/** Local checks: how many consultants to read, the search and the fields, as the query. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const limit = listLimit.call(this, itemIndex);
	const search = String(this.getNodeParameter('search', itemIndex, '') ?? '').trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fields = String(options.fields ?? '')
		.split(',')
		.map((field) => field.trim())
		.filter(Boolean);
	const qs = { ...(search ? { search } : {}), ...(fields.length ? { fields } : {}) };
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex, limit });
}

/** One item per consultant; `fields` goes out as `fields=a&fields=b`, as Hero's reference shows. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
