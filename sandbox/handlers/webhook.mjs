// @ts-check
// Webhooks (deliveries: ../webhooks.mjs).
import { iso } from '../seed.mjs';
import { list, notFound, whereParam } from './common.mjs';

/** @param {any} webhook */
function webhookView(webhook) {
	return { ...webhook };
}

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'webhook.create': ({ state, body, ctx }) => {
		const now = iso(ctx.now());
		const id = String(state.nextWebhookId++);
		/** @type {Record<string, unknown>} */
		const webhook = {
			id,
			event_type: body.event_type,
			url: body.url,
			description: body.description ?? null,
			headers: body.headers ?? {},
			created_at: now,
			updated_at: now,
		};
		if (body.signing_key !== undefined) webhook.signing_key = body.signing_key;
		state.webhooks.set(id, webhook);
		ctx.effect('webhooksCreated');
		return webhookView(webhook);
	},
	'webhook.getAll': (req) => {
		return list(
			req,
			[...req.state.webhooks.values()].filter(whereParam(req, 'event_type')).map(webhookView),
		);
	},
	'webhook.delete': ({ state, params, ctx }) => {
		const webhook = state.webhooks.get(params.id);
		if (!webhook) throw notFound('Webhook not found');
		state.webhooks.delete(params.id);
		ctx.effect('webhooksDeleted');
		return { id: webhook.id, deleted: true };
	},
};
