// @ts-check
// Invoicing: coupons, customers, products, membership schemes, invoices.
import { iso } from '../seed.mjs';
import { HttpAnswer, invalid, list, notFound, patientOr404, q } from './common.mjs';

/** @typedef {import('./common.mjs').Handler} Handler */

/** What a finalised invoice still accepts changes to (Hero's Update Invoice page). */
const FINALISED_FIELDS = ['memo', 'footer', 'coupons'];

/** @param {import('../seed.mjs').State} state @param {unknown} coupons */
function checkCoupons(state, coupons) {
	for (const [index, id] of (Array.isArray(coupons) ? coupons : []).entries()) {
		if (!state.coupons.some((coupon) => coupon.id === id))
			throw invalid(['coupons', index], 'an existing coupon ID', `No coupon ${id}`, id);
	}
}

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
	'invoicing.getDefaultCustomer': (req) => {
		const patientId = String(q(req, 'patient_id') ?? '');
		patientOr404(req.state, patientId);
		const customer = req.state.customers.find((item) => item.patient_id === patientId);
		if (!customer) throw notFound('No default customer for this patient');
		return customer;
	},
	'invoicing.getProducts': (req) => list(req, req.state.products),
	'invoicing.getMembershipSchemes': (req) => list(req, req.state.membershipSchemes),
	'invoicing.createInvoice': ({ state, body, ctx }) => {
		if (body.patient_id !== undefined) patientOr404(state, body.patient_id);
		checkCoupons(state, body.coupons);
		const finalised = body.mode === 'finalize';
		const now = iso(ctx.now());
		const invoice = {
			id: String(state.nextInvoiceId++),
			status: finalised ? 'open' : 'draft',
			issuer_id: body.issuer_id,
			patient_id: body.patient_id ?? null,
			collection_method: body.collection_method,
			invoice_items: body.invoice_items_attributes,
			memo: body.memo ?? null,
			footer: body.footer ?? null,
			coupons: body.coupons ?? [],
			finalized_at: finalised ? now : null,
			created_at: now,
		};
		state.invoices.set(invoice.id, invoice);
		ctx.effect('invoicesCreated', invoice.patient_id);
		if (finalised) ctx.effect('invoicesFinalised', invoice.patient_id);
		return new HttpAnswer(201, invoice);
	},
	'invoicing.updateInvoice': ({ state, params, body }) => {
		const invoice = state.invoices.get(params.id);
		if (!invoice) throw notFound('Invoice not found');
		if (invoice.status !== 'draft') {
			const refused = Object.keys(body).filter((key) => !FINALISED_FIELDS.includes(key));
			if (refused.length) {
				throw invalid(
					[refused[0]],
					'memo, footer or coupons',
					`Invoice ${invoice.id} is finalised: only memo, footer and coupons can change`,
				);
			}
		}
		checkCoupons(state, body.coupons);
		for (const key of ['memo', 'footer', 'coupons', 'collection_method']) {
			if (body[key] !== undefined) invoice[key] = body[key];
		}
		if (body.invoice_items_attributes !== undefined)
			invoice.invoice_items = body.invoice_items_attributes;
		return invoice;
	},
	'invoicing.linkInvoice': ({ state, body, ctx }) => {
		if (!state.appointments.has(body.appointment_id)) throw notFound('Appointment not found');
		const link = {
			stripe_invoice_id: body.stripe_invoice_id,
			appointment_id: body.appointment_id,
			issuer_id: body.issuer_id,
			created_at: iso(ctx.now()),
		};
		state.invoiceLinks.push(link);
		ctx.effect('invoicesLinked', state.appointments.get(body.appointment_id)?.patient_id);
		return link;
	},
};
