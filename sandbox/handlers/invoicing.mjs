// @ts-check
// Invoicing: coupons, customers, products, membership schemes.
import { list, q } from './common.mjs';

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'invoicing.getCoupons': (req) => list(req, req.state.coupons),
	'invoicing.getCustomers': (req) => {
		const query = String(q(req, 'query') ?? '').toLowerCase();
		return list(
			req,
			req.state.customers.filter((item) =>
				`${item.name} ${item.email} ${item.phone}`.toLowerCase().includes(query),
			),
		);
	},
	'invoicing.createCustomer': ({ state, body }) => {
		const customer = {
			id: `cus_${String(state.nextCustomerId++).padStart(3, '0')}`,
			name: body.name,
			email: body.email ?? null,
			phone: body.phone ?? null,
			sources: body.sources ?? [],
		};
		state.customers.push(customer);
		return customer;
	},
	'invoicing.getProducts': (req) => list(req, req.state.products),
	'invoicing.getMembershipSchemes': (req) => list(req, req.state.membershipSchemes),
};
