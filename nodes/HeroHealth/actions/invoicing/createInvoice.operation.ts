import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';
import { readLocatorValue } from '../../helpers/parameters';
import { requireId, requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import {
	addMemoFields,
	collectionMethodField,
	invoiceItemsField,
	issuerIdField,
	memoFields,
	readInvoiceItems,
} from './common';

const properties: INodeProperties[] = [
	issuerIdField,
	{ ...collectionMethodField, required: true },
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		default: 'draft',
		options: [
			{
				name: 'Draft',
				value: 'draft',
				description: 'Keep the invoice as a draft that can still change',
			},
			{
				name: 'Finalize',
				value: 'finalize',
				description:
					'Issue it: the customer is asked to pay or charged, and only memo, footer and coupons can change',
			},
		],
	},
	{ ...invoiceItemsField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...memoFields,
			resourceLocator({
				displayName: 'Patient',
				name: 'patientId',
				searchListMethod: 'searchPatients',
				required: false,
				description: 'The patient the invoice is for',
			}),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invoicing'], operation: ['createInvoice'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'POST',
	path: '/v1/invoicing/invoices',
	inferred:
		'The "Create invoice" page shows issuer_id, collection_method, mode and invoice_items_attributes[] but not the fields of an item, nor how the patient, memo, footer and coupons are named: product_id, quantity, description, unit_amount, patient_id, memo, footer and coupons are guesses',
	inferredParts: ['body'],
};

/** Local checks: issuer, invoice items, patient and memo fields, as the request's body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		issuer_id: requireText(
			node,
			itemIndex,
			this.getNodeParameter('issuerId', itemIndex),
			'Issuer ID',
		),
		collection_method: this.getNodeParameter('collectionMethod', itemIndex) as string,
		mode: this.getNodeParameter('mode', itemIndex) as string,
		invoice_items_attributes: readInvoiceItems(
			node,
			itemIndex,
			this.getNodeParameter('invoiceItems', itemIndex, {}),
		),
	};
	if (fields.patientId !== undefined) {
		body.patient_id = requireId(node, itemIndex, readLocatorValue(fields.patientId), 'Patient');
	}
	addMemoFields(node, itemIndex, fields, body);
	return endpointRequest(node, endpoint, { body, itemIndex });
}

/** Creates an invoice (Hero answers 201); part of its body is inferred (see `endpoint`). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
