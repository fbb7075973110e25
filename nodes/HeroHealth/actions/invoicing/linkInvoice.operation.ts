import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireId, requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { issuerIdField } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Stripe Invoice ID',
		name: 'stripeInvoiceId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. in_1PqR2sT3uV4wX5yZ',
		description: 'The invoice in the practice’s Stripe account',
	},
	{
		displayName: 'Appointment ID',
		name: 'appointmentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 48213',
		description: 'The Hero appointment the invoice is for',
	},
	issuerIdField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invoicing'], operation: ['linkInvoice'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'POST', path: '/v1/invoicing/invoices/link' };

/** Local checks: the Stripe invoice, appointment and issuer IDs, as the request's body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const body: IDataObject = {
		stripe_invoice_id: requireText(
			node,
			itemIndex,
			this.getNodeParameter('stripeInvoiceId', itemIndex),
			'Stripe Invoice ID',
		),
		appointment_id: requireId(
			node,
			itemIndex,
			this.getNodeParameter('appointmentId', itemIndex),
			'Appointment ID',
		),
		issuer_id: requireText(
			node,
			itemIndex,
			this.getNodeParameter('issuerId', itemIndex),
			'Issuer ID',
		),
	};
	return endpointRequest(node, endpoint, { body, itemIndex });
}

/** Links an invoice made in Stripe to a Hero appointment. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
