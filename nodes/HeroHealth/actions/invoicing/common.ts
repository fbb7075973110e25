import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { itemError, optionalText, requireNumber, scalarText } from '../../helpers/validation';

export const issuerIdField: INodeProperties = {
	displayName: 'Issuer ID',
	name: 'issuerId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 731',
	description: 'Who issues the invoice, as Hero’s invoicing names it',
};

export const collectionMethodField: INodeProperties = {
	displayName: 'Collection Method',
	name: 'collectionMethod',
	type: 'options',
	default: 'request_payment',
	options: [
		{
			name: 'Charge Automatically',
			value: 'charge_automatically',
			description: 'Charge the customer’s saved payment method when the invoice is finalised',
		},
		{
			name: 'Request Payment',
			value: 'request_payment',
			description: 'Send the customer the invoice to pay',
		},
	],
};

export const memoFields: INodeProperties[] = [
	{
		displayName: 'Coupon IDs',
		name: 'coupons',
		type: 'string',
		default: '',
		placeholder: 'e.g. coupon_10OFF',
		description:
			'Stripe coupons to apply, separated by commas (Invoicing → Get Coupons lists them)',
	},
	{
		displayName: 'Footer',
		name: 'footer',
		type: 'string',
		default: '',
		description: 'Text at the foot of the invoice',
	},
	{
		displayName: 'Memo',
		name: 'memo',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'A note on the invoice the customer sees',
	},
];

export const invoiceItemsField: INodeProperties = {
	displayName: 'Invoice Items',
	name: 'invoiceItems',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Item',
	default: {},
	options: [
		{
			displayName: 'Item',
			name: 'item',
			values: [
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Product ID',
					name: 'productId',
					type: 'string',
					default: '',
					placeholder: 'e.g. prod_001',
					description: 'Invoicing → Get Products lists them',
				},
				{
					displayName: 'Quantity',
					name: 'quantity',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 1,
				},
				{
					displayName: 'Unit Amount (Pence)',
					name: 'unitAmount',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: 'Price of one, in pence; 0 uses the product’s price',
				},
			],
		},
	],
};

/**
 * The items as `invoice_items_attributes`; each names a product or has a description, and its
 * quantity is a whole number of 1 or more.
 */
export function readInvoiceItems(node: INode, itemIndex: number, value: unknown): IDataObject[] {
	const rows = ((value as IDataObject | undefined)?.item as IDataObject[] | undefined) ?? [];
	if (!rows.length) throw itemError(node, itemIndex, 'Invoice Items is empty: add an item');
	return rows.map((row, position) => {
		const label = `item ${position + 1} of Invoice Items`;
		const item: IDataObject = {};
		const productId = optionalText(node, itemIndex, row.productId, `Product ID of ${label}`);
		const text = optionalText(node, itemIndex, row.description, `Description of ${label}`);
		if (!productId && !text) {
			throw itemError(node, itemIndex, `Give a Product ID or a Description for ${label}`);
		}
		if (productId) item.product_id = productId;
		if (text) item.description = text;
		item.quantity = requireNumber(node, itemIndex, row.quantity ?? 1, `Quantity of ${label}`, {
			integer: true,
			min: 1,
		});
		const amount = requireNumber(node, itemIndex, row.unitAmount ?? 0, `Unit Amount of ${label}`, {
			integer: true,
			min: 0,
			unit: 'pence',
		});
		if (amount > 0) item.unit_amount = amount;
		return item;
	});
}

/** Adds memo, footer and coupons set in a collection to the body. */
export function addMemoFields(
	node: INode,
	itemIndex: number,
	fields: IDataObject,
	body: IDataObject,
): void {
	for (const [name, label] of [
		['memo', 'Memo'],
		['footer', 'Footer'],
	] as const) {
		// Set but empty is sent, so an update can clear it; a list or an object is refused.
		if (fields[name] !== undefined) body[name] = scalarText(node, itemIndex, fields[name], label);
	}
	if (fields.coupons !== undefined) {
		body.coupons = scalarText(node, itemIndex, fields.coupons, 'Coupons')
			.split(',')
			.map((coupon) => coupon.trim())
			.filter(Boolean);
	}
}
