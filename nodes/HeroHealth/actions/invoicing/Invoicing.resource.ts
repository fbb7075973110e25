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
				name: 'Get Coupons',
				value: 'getCoupons',
				description: 'List the practice’s Stripe coupons',
				action: 'Get coupons',
			},
			{
				name: 'Get Customers',
				value: 'getCustomers',
				description: 'Search the practice’s Stripe customers',
				action: 'Get customers',
			},
			{
				name: 'Get Membership Schemes',
				value: 'getMembershipSchemes',
				description: 'List the practice’s membership schemes',
				action: 'Get membership schemes',
			},
			{
				name: 'Get Products',
				value: 'getProducts',
				description: 'List the products the practice invoices for',
				action: 'Get products',
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
