import type { INodeProperties } from 'n8n-workflow';

import * as createCustomer from './createCustomer.operation';
import * as getCoupons from './getCoupons.operation';
import * as getCustomers from './getCustomers.operation';
import * as getMembershipSchemes from './getMembershipSchemes.operation';
import * as getProducts from './getProducts.operation';

export { createCustomer, getCoupons, getCustomers, getMembershipSchemes, getProducts };

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
		],
		default: 'getCustomers',
	},
	...getCoupons.description,
	...getCustomers.description,
	...createCustomer.description,
	...getProducts.description,
	...getMembershipSchemes.description,
];
