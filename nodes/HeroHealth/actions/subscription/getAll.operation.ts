import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { patientLocator, returnAllOrLimit } from '../common.descriptions';
import { listLimit, readLocatorValue } from '../../helpers/parameters';
import { requireId, scalarText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

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
				...patientLocator('Only this patient’s subscriptions'),
				required: false,
			},
			{
				displayName: 'Scheme ID',
				name: 'schemeId',
				type: 'string',
				default: '',
				description:
					'Only subscriptions to this membership scheme (Invoicing → Get Membership Schemes lists them)',
			},
			{
				displayName: 'Scheme Name',
				name: 'schemeName',
				type: 'string',
				default: '',
				placeholder: 'e.g. Family membership',
				description: 'Only subscriptions to the membership scheme of this name',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'e.g. cancelled',
				description:
					'Only subscriptions in this status, as Hero names it (its reference shows cancelled)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'orderBy',
				type: 'options',
				default: 'created_at',
				options: [{ name: 'Created At', value: 'created_at' }],
			},
			{
				displayName: 'Sort Descending',
				name: 'orderDescending',
				type: 'boolean',
				default: true,
				description: 'Whether to put the newest first',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscription'], operation: ['getAll'] } },
	properties,
);

// Patients' membership-scheme subscriptions: Hero's List Subscriptions page (FINDINGS-2026-12).
export const endpoint: Endpoint = { method: 'GET', path: '/v1/subscriptions', paged: true };

/** Hero's filters as its List Subscriptions page shows them (sorting with bracketed names). */
function subscriptionQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.patientId !== undefined) {
		qs.patient_id = requireId(
			this.getNode(),
			itemIndex,
			readLocatorValue(filters.patientId),
			'Patient',
		);
	}
	for (const [option, name, label] of [
		['schemeId', 'scheme_id', 'Scheme ID'],
		['schemeName', 'scheme_name', 'Scheme Name'],
		['status', 'status', 'Status'],
	]) {
		const value = scalarText(this.getNode(), itemIndex, filters[option], label);
		if (value) qs[name] = value;
	}
	if (options.orderBy) qs['order_by[]'] = [String(options.orderBy)];
	if (options.orderDescending !== undefined) {
		qs['order_descending[]'] = [String(options.orderDescending === true)];
	}
	return qs;
}

/** Local checks: the filters (the patient's ID, scheme, status) and how many to read. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const qs = subscriptionQuery.call(this, itemIndex);
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex, limit });
}

/** Patients' membership-scheme subscriptions, one item each. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject[]> {
	return await client.requestAll(request);
}
