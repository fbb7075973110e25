import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator, simplifyToggle } from '../common.descriptions';
import { requireLocatorId } from '../../helpers/parameters';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [
	patientLocator(),
	simplifyToggle(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Data Source',
				name: 'dataSource',
				type: 'options',
				default: 'hero',
				description:
					'Where the record comes from. Setting this uses Hero’s v2 endpoint, which can read the record live from the clinical system.',
				options: [
					{ name: 'Hero', value: 'hero', description: 'The record as Hero holds it' },
					{
						name: 'Clinical System (EHR)',
						value: 'ehr',
						description: 'Read live from EMIS Web or SystmOne',
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['patient'], operation: ['get'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/patients/{id}' };

/** With Data Source set. */
export const endpointV2: Endpoint = { method: 'GET', path: '/v2/patients/{id}' };

/** Local checks: the patient ID; with Data Source set, the request goes to `endpointV2`. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireLocatorId.call(this, 'patientId', itemIndex, 'Patient');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return options.dataSource
		? endpointRequest(this.getNode(), endpointV2, {
				pathParams: { id },
				qs: { data_source: options.dataSource },
				itemIndex,
			})
		: endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	const patient = await client.request(request);
	return simplified(this, itemIndex, 'patient', patient);
}
