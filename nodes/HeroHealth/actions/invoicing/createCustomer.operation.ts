import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { itemError, normaliseEmail, optionalText, requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Jane Smith',
		description: 'The customer’s name as it appears on invoices',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. 0113 496 0000',
			},
			{
				displayName: 'Sources (JSON)',
				name: 'sources',
				type: 'json',
				default: '[]',
				description: 'Payment sources as a JSON array, passed to Hero unchanged',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invoicing'], operation: ['createCustomer'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/invoicing/customers' };

/** A JSON array typed by the user (a string) or given by an expression (already an array). */
function parseSources(this: IExecuteFunctions, value: unknown, itemIndex: number): unknown[] {
	let parsed = value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (!text) return [];
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = undefined;
		}
	}
	if (!Array.isArray(parsed)) {
		throw itemError(
			this.getNode(),
			itemIndex,
			'Sources (JSON) is not a JSON array',
			'Use e.g. [{"id": "src_123"}], or [] for none',
		);
	}
	return parsed;
}

/** Local checks: name, email, phone and the Sources JSON, as the request's body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		name: requireText(node, itemIndex, this.getNodeParameter('name', itemIndex), 'Name'),
	};
	if (optionalText(node, itemIndex, fields.email, 'Email')) {
		body.email = normaliseEmail(node, itemIndex, fields.email);
	}
	const phone = optionalText(node, itemIndex, fields.phone, 'Phone');
	if (phone) body.phone = phone;
	if (fields.sources !== undefined) {
		const sources = parseSources.call(this, fields.sources, itemIndex);
		if (sources.length) body.sources = sources as IDataObject[];
	}
	return endpointRequest(node, endpoint, { body, itemIndex });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
