// @ts-check
// Webhooks (deliveries: ../webhooks.mjs).
import { iso } from '../seed.mjs';
import { HttpError, list, notFound, validationBody, whereParam } from './common.mjs';

/** @param {any} webhook */
function webhookView(webhook) {
	return { ...webhook };
}

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'webhook.create': ({ state, body, ctx }) => {
		// The spec's x-additional-values-seen: events Hero sends but its Create Webhook enum omits.
		const unlisted = [
			'write-to-record.succeeded',
			'write-to-record.failed',
			'form-submission.created',
		];
		if (ctx.config.referenceWebhookEventsOnly && unlisted.includes(body.event_type)) {
			const expected = [
				'appointment.confirmed',
				'appointment.cancelled',
				'appointment.rescheduled',
				'prescription.issued',
				'patient.medical-record-updated',
				'patient.added-to-sequence',
			].join(' | ');
			throw new HttpError(
				400,
				validationBody([
					{
						code: 'invalid_enum_value',
						expected,
						received: body.event_type,
						path: ['event_type'],
						message: `Invalid enum value. Expected ${expected}, received '${body.event_type}'`,
					},
				]),
			);
		}
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
