import type { INodeProperties } from 'n8n-workflow';

import * as createCustomer from './createCustomer.operation';
import * as createInvoice from './createInvoice.operation';
import * as getCoupons from './getCoupons.operation';
import * as getCustomers from './getCustomers.operation';
import * as getDefaultCustomer from './getDefaultCustomer.operation';
import * as getMembershipSchemes from './getMembershipSchemes.operation';
import * as getProducts from './getProducts.operation';
import * as linkInvoice from './linkInvoice.operation';
import * as updateInvoice from './updateInvoice.operation';

export {
	createCustomer,
	createInvoice,
	getCoupons,
	getCustomers,
	getDefaultCustomer,
	getMembershipSchemes,
	getProducts,
	linkInvoice,
	updateInvoice,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoicing'] } },
		options: [
			{
				name: 'Create Customer',
				value: 'createCustomer',
				description: 'Create a customer in the practice’s Stripe account',
				action: 'Create a customer',
			},
			{
				name: 'Create Invoice',
				value: 'createInvoice',
				description:
					'Create a draft or finalised invoice; finalising one asks the customer to pay, or charges them',
				action: 'Create an invoice',
			},
			{
				name: 'Get Default Customer',
				value: 'getDefaultCustomer',
				description: 'Get the Stripe customer Hero invoices a patient as',
				action: 'Get the default customer of a patient',
			},
			{
				name: 'Get Many Coupons',
				value: 'getCoupons',
				description: 'List the practice’s Stripe coupons',
				action: 'Get many coupons',
			},
			{
				name: 'Get Many Customers',
				value: 'getCustomers',
				description: 'Search the practice’s Stripe customers',
				action: 'Get many customers',
			},
			{
				name: 'Get Many Membership Schemes',
				value: 'getMembershipSchemes',
				description: 'List the practice’s membership schemes',
				action: 'Get many membership schemes',
			},
			{
				name: 'Get Many Products',
				value: 'getProducts',
				description: 'List the products the practice invoices for',
				action: 'Get many products',
			},
			{
				name: 'Link Invoice',
				value: 'linkInvoice',
				description: 'Link an invoice made in Stripe to a Hero appointment',
				action: 'Link an invoice to an appointment',
			},
			{
				name: 'Update Invoice',
				value: 'updateInvoice',
				description: 'Change an invoice; once finalised, only its memo, footer and coupons',
				action: 'Update an invoice',
			},
		],
		default: 'getCustomers',
	},
	...getCoupons.description,
	...getCustomers.description,
	...createCustomer.description,
	...getProducts.description,
	...getMembershipSchemes.description,
	...getDefaultCustomer.description,
	...createInvoice.description,
	...updateInvoice.description,
	...linkInvoice.description,
];
