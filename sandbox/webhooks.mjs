// @ts-check
// Webhook deliveries: a thin event `{object, id, practice_group_id, event}` POSTed to every webhook
// registered for the event type, signed as Hero documents it when the webhook has a signing_key:
// X-Herohealth-Timestamp = Unix seconds, X-Herohealth-Signature = lowercase hex
// HMAC-SHA256(signing_key, `${timestamp}.${rawBody}`). Each delivery is logged with its outcome.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

/**
 * @typedef {{
 *   id: number, webhook_id: string, event: string, object: string, object_id: string, url: string,
 *   body: string, headers: Record<string, string>, signed: boolean,
 *   status: number | null, error: string | null, skipped: string | null,
 *   response_body: string | null, started_at: string, finished_at: string | null, duration_ms: number | null,
 * }} Delivery
 */

/** Hosts a delivery may reach without `allowExternalWebhooks`: this machine only. @param {string} hostname */
export function isLoopbackHost(hostname) {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The signature Hero sends: lowercase hex HMAC-SHA256 of `${timestamp}.${rawBody}`. @param {string} key @param {string} timestamp @param {string} rawBody */
export function signPayload(key, timestamp, rawBody) {
	return createHmac('sha256', key).update(`${timestamp}.${rawBody}`).digest('hex');
}

/**
 * @param {{
 *   practiceGroupId: string,
 *   config: () => { webhookSigning: boolean, allowExternalWebhooks: boolean, webhookTimeoutMs: number },
 *   log: (line: string) => void,
 *   onDelivered: (delivery: Delivery) => void,
 * }} options
 */
export function createDeliverer(options) {
	/** @type {Delivery[]} */
	let log = [];
	let nextId = 1;
	/** @type {Set<Promise<void>>} */
	const pending = new Set();
	/** @type {Set<http.ClientRequest>} */
	const open = new Set();

	/**
	 * @param {Delivery} delivery
	 * @returns {Promise<void>}
	 */
	function send(delivery) {
		return new Promise((resolve) => {
			const started = Date.now();
			const finish = (
				/** @type {number | null} */ status,
				/** @type {string | null} */ error,
				/** @type {string | null} */ body,
			) => {
				if (delivery.finished_at) return;
				delivery.status = status;
				delivery.error = error;
				delivery.response_body = body;
				delivery.finished_at = new Date().toISOString();
				delivery.duration_ms = Date.now() - started;
				options.log(
					`webhook ${delivery.event} #${delivery.object_id} -> ${delivery.url} ${status ?? error}`,
				);
				options.onDelivered(delivery);
				resolve();
			};
			let url;
			try {
				url = new URL(delivery.url);
			} catch {
				finish(null, 'invalid URL', null);
				return;
			}
			const client = url.protocol === 'https:' ? https : http;
			const request = client.request(
				url,
				{
					method: 'POST',
					agent: false,
					headers: {
						...delivery.headers,
						'content-length': String(Buffer.byteLength(delivery.body)),
						connection: 'close',
					},
					timeout: options.config().webhookTimeoutMs,
				},
				(response) => {
					/** @type {Buffer[]} */
					const chunks = [];
					response.on('data', (chunk) => {
						if (chunks.reduce((size, item) => size + item.length, 0) < 4096) chunks.push(chunk);
					});
					response.on('end', () =>
						finish(
							response.statusCode ?? null,
							null,
							Buffer.concat(chunks).toString('utf8').slice(0, 4096),
						),
					);
					response.on('error', (error) => finish(response.statusCode ?? null, error.message, null));
				},
			);
			open.add(request);
			request.on('close', () => open.delete(request));
			request.on('timeout', () => request.destroy(new Error('timed out')));
			request.on('error', (error) =>
				finish(null, /** @type {any} */ (error).code ?? error.message, null),
			);
			request.end(delivery.body);
		});
	}

	return {
		/**
		 * Delivers one event to the given webhooks (those of its event type). Returns at once.
		 * @param {Array<Record<string, any>>} webhooks
		 * @param {string} eventType
		 * @param {string} object
		 * @param {string} objectId
		 */
		dispatch(webhooks, eventType, object, objectId) {
			const config = options.config();
			for (const webhook of webhooks) {
				if (webhook.event_type !== eventType) continue;
				const body = JSON.stringify({
					object,
					id: objectId,
					practice_group_id: options.practiceGroupId,
					event: eventType,
				});
				const timestamp = String(Math.floor(Date.now() / 1000));
				/** @type {Record<string, string>} */
				const headers = {
					...(webhook.headers ?? {}),
					'content-type': 'application/json',
					'user-agent': 'hero-sandbox-webhooks/1',
				};
				const signed = Boolean(config.webhookSigning && webhook.signing_key);
				if (signed) {
					headers['X-Herohealth-Timestamp'] = timestamp;
					headers['X-Herohealth-Signature'] = signPayload(webhook.signing_key, timestamp, body);
				}
				/** @type {Delivery} */
				const delivery = {
					id: nextId++,
					webhook_id: String(webhook.id),
					event: eventType,
					object,
					object_id: objectId,
					url: String(webhook.url),
					body,
					headers,
					signed,
					status: null,
					error: null,
					skipped: null,
					response_body: null,
					started_at: new Date().toISOString(),
					finished_at: null,
					duration_ms: null,
				};
				log.push(delivery);
				let host = '';
				try {
					host = new URL(delivery.url).hostname;
				} catch {
					host = '';
				}
				if (!config.allowExternalWebhooks && !isLoopbackHost(host)) {
					delivery.skipped = 'not a loopback address (set allowExternalWebhooks to deliver)';
					delivery.finished_at = delivery.started_at;
					options.log(`webhook ${eventType} -> ${delivery.url} skipped: ${delivery.skipped}`);
					options.onDelivered(delivery);
					continue;
				}
				const promise = send(delivery);
				pending.add(promise);
				promise.finally(() => pending.delete(promise));
			}
		},
		/** Every delivery so far, oldest first. */
		deliveries() {
			return log;
		},
		/** Resolves when every delivery started so far has finished. */
		async settled() {
			while (pending.size) await Promise.all([...pending]);
		},
		/** Forgets the log (reset); deliveries in flight finish but are not kept. */
		clear() {
			log = [];
		},
		/** Aborts deliveries in flight (stop). */
		abort() {
			for (const request of open) request.destroy(new Error('sandbox stopped'));
		},
	};
}
