// @ts-check
// Subscriptions and their subscribers.
import { iso } from '../seed.mjs';
import { checkBody, invalid, list, notFound, patientOr404 } from './common.mjs';

/** @param {any} subscription */
function subscriptionView(subscription) {
	const { subscribers, ...view } = subscription;
	return { ...view, subscriber_count: subscribers.length };
}

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'subscription.getAll': (req) => list(req, req.state.subscriptions.map(subscriptionView)),
	'subscription.create': ({ state, body, ctx }) => {
		const record = checkBody(body, {
			name: { type: 'string', required: true },
			description: { type: 'string' },
		});
		const subscription = {
			id: String(state.nextSubscriptionId++),
			name: record.name,
			description: record.description ?? null,
			created_at: iso(ctx.now()),
			subscribers: [],
		};
		state.subscriptions.push(subscription);
		return subscriptionView(subscription);
	},
	'subscription.delete': ({ state, params }) => {
		const index = state.subscriptions.findIndex((item) => item.id === params.id);
		if (index < 0) throw notFound('Subscription not found');
		const [removed] = state.subscriptions.splice(index, 1);
		return { id: removed.id, deleted: true };
	},
	'subscription.getSubscribers': (req) => {
		const subscription = req.state.subscriptions.find((item) => item.id === req.params.id);
		if (!subscription) throw notFound('Subscription not found');
		return list(
			req,
			subscription.subscribers.map((/** @type {string} */ patientId) => {
				const patient = req.state.patients.get(patientId);
				return {
					id: patientId,
					patient_id: patientId,
					first_name: patient?.first_name ?? null,
					last_name: patient?.last_name ?? null,
				};
			}),
		);
	},
	'subscription.addSubscriber': ({ state, params, body }) => {
		const subscription = state.subscriptions.find((item) => item.id === params.id);
		if (!subscription) throw notFound('Subscription not found');
		const record = checkBody(body, { patient_id: { type: 'id', required: true } });
		patientOr404(state, record.patient_id);
		if (subscription.subscribers.includes(record.patient_id)) {
			throw invalid(
				['patient_id'],
				'a patient not yet subscribed',
				`Patient ${record.patient_id} is already subscribed`,
			);
		}
		subscription.subscribers.push(record.patient_id);
		return {
			id: record.patient_id,
			patient_id: record.patient_id,
			subscription_id: subscription.id,
		};
	},
	'subscription.removeSubscriber': ({ state, params }) => {
		const subscription = state.subscriptions.find((item) => item.id === params.id);
		if (!subscription) throw notFound('Subscription not found');
		const index = subscription.subscribers.indexOf(params.subscriber_id);
		if (index < 0) throw notFound('Subscriber not found');
		subscription.subscribers.splice(index, 1);
		return { id: params.subscriber_id, deleted: true };
	},
};
