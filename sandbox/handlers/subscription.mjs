// @ts-check
// Patients' membership-scheme subscriptions, and their subscribers (/v1/subscribers, inferred).
import { list, q, qList, whereParam } from './common.mjs';

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'subscription.getAll': (req) => {
		const orderBy = qList(req, 'order_by');
		const descending = qList(req, 'order_descending');
		const schemeName = String(q(req, 'scheme_name') ?? '').toLowerCase();
		const items = req.state.subscriptions.filter(
			(item) =>
				whereParam(req, 'patient_id')(item) &&
				whereParam(req, 'scheme_id')(item) &&
				whereParam(req, 'status')(item) &&
				(!schemeName || item.scheme_name.toLowerCase() === schemeName),
		);
		orderBy.forEach((field, index) => {
			const direction = descending[index] === 'true' ? -1 : 1;
			items.sort((a, b) => String(a[field]).localeCompare(String(b[field])) * direction);
		});
		return list(req, items);
	},
	// One subscriber per patient with a subscription that is not cancelled.
	'subscription.getAllSubscribers': (req) => {
		/** @type {Map<string, any>} */
		const subscribers = new Map();
		for (const subscription of req.state.subscriptions) {
			if (subscription.status === 'cancelled') continue;
			const patient = req.state.patients.get(subscription.patient_id);
			const entry = subscribers.get(subscription.patient_id) ?? {
				id: subscription.patient_id,
				patient_id: subscription.patient_id,
				first_name: patient?.first_name ?? null,
				last_name: patient?.last_name ?? null,
				subscription_ids: [],
			};
			entry.subscription_ids.push(subscription.id);
			subscribers.set(subscription.patient_id, entry);
		}
		return list(req, [...subscribers.values()]);
	},
};
