// @ts-check
// Prescriptions, prescribers and pharmacies.
import { list, notFound } from './common.mjs';

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'prescription.get': ({ state, params }) => {
		const prescription = state.prescriptions.find((item) => item.id === params.id);
		if (!prescription) throw notFound('Prescription not found');
		return prescription;
	},
	'prescription.getPrescriber': ({ state, params }) => {
		const prescriber = state.prescribers.find((item) => item.id === params.id);
		if (!prescriber) throw notFound('Prescriber not found');
		return prescriber;
	},
	'prescription.getPrescriberPharmacies': (req) => {
		if (!req.state.prescribers.some((item) => item.id === req.params.id))
			throw notFound('Prescriber not found');
		return list(
			req,
			req.state.pharmacies.filter((item) => item.prescriber_id === req.params.id),
		);
	},
	'prescription.createPharmacy': ({ state, body, ctx }) => {
		if (!state.prescribers.some((item) => item.id === body.prescriber_id))
			throw notFound('Prescriber not found');
		const pharmacy = {
			id: String(state.nextPharmacyId++),
			prescriber_id: body.prescriber_id,
			name: body.name,
			email: body.email,
			mobile: body.mobile,
		};
		state.pharmacies.push(pharmacy);
		ctx.effect('pharmaciesCreated');
		return pharmacy;
	},
};
