import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireChanges, requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import {
	addMemoFields,
	collectionMethodField,
	invoiceItemsField,
	memoFields,
	readInvoiceItems,
} from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Invoice ID',
		name: 'invoiceId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1801',
	},
	{
		displayName: 'A finalised invoice accepts changes to its memo, footer and coupons only',
		name: 'finalisedNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [collectionMethodField, ...memoFields.slice(0, 2), invoiceItemsField, memoFields[2]],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invoicing'], operation: ['updateInvoice'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'PATCH',
	path: '/v1/invoicing/invoices/{id}',
	inferred:
		'The "Update invoice" page shows the URL and that a finalised invoice can change only its memo, footer and coupons; the body names memo, footer and coupons (and collection_method, invoice_items_attributes as Create Invoice) are guesses',
	inferredParts: ['body'],
};

/** Local checks: the invoice ID and at least one valid change, as the request's body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const id = requireText(
		node,
		itemIndex,
		this.getNodeParameter('invoiceId', itemIndex),
		'Invoice ID',
	);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.collectionMethod) body.collection_method = fields.collectionMethod;
	if (fields.invoiceItems !== undefined) {
		body.invoice_items_attributes = readInvoiceItems(node, itemIndex, fields.invoiceItems);
	}
	addMemoFields(node, itemIndex, fields, body);
	requireChanges(node, itemIndex, body);
	return endpointRequest(node, endpoint, {
		pathParams: { id },
		body,
		itemIndex,
	});
}

/** Changes an invoice; Hero refuses anything but memo, footer and coupons once it is finalised. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
