import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { WEBHOOK_EVENTS } from '../HeroHealth/actions/common.descriptions';
import { withRecord } from './records';
import {
	createHeroWebhooks,
	deleteHeroWebhooks,
	EVENTS_NOT_IN_REFERENCE,
	heroWebhooksExist,
	triggerState,
} from './registration';
import { isReplay } from './replay';
import {
	headerValue,
	parseTimestamp,
	sign,
	SIGNATURE_HEADER,
	TIMESTAMP_HEADER,
	verify,
	type RawBody,
} from './signature';

/** Hero's events, those missing from its Create Webhook reference marked as such. */
const TRIGGER_EVENTS = WEBHOOK_EVENTS.map((option) =>
	EVENTS_NOT_IN_REFERENCE.has(option.value)
		? {
				...option,
				description:
					'Not in the event list of Hero’s Create Webhook reference: if Hero refuses it at activation, deselect it',
			}
		: option,
);

const DEFAULT_MAX_AGE_SECONDS = 300;

interface TriggerOptions {
	maxAgeSeconds?: number;
	resolveData?: boolean;
	verifySignature?: boolean;
}

/** The body exactly as received: n8n keeps it as `rawBody`; the parsed body is a last resort. */
function rawBodyOf(request: { rawBody?: unknown; body?: unknown }): RawBody {
	const { rawBody, body } = request;
	if (rawBody instanceof Uint8Array || typeof rawBody === 'string') return rawBody;
	// Only reached if n8n did not keep the raw bytes: compact JSON is what Hero most likely sent.
	// A mismatch here fails the check (401); it can never make a forged delivery pass.
	if (typeof body === 'string') return body;
	return JSON.stringify(body ?? {});
}

/** The replay window in seconds; anything but a number of 0 or more falls back to 300. */
function maxAgeOf(options: TriggerOptions): number {
	const seconds = Number(options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_MAX_AGE_SECONDS;
}

export class HeroHealthTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hero Health Trigger',
		name: 'heroHealthTrigger',
		icon: { light: 'file:herohealth.svg', dark: 'file:herohealth.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "Events: " + $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when something happens in Hero Health, such as a confirmed appointment or an issued prescription',
		defaults: { name: 'Hero Health Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heroHealthApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// An empty 200: Hero only needs to know the delivery arrived.
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				options: TRIGGER_EVENTS,
				description:
					'The Hero events that start the workflow. Hero takes one event per webhook, so n8n registers one webhook for each event chosen and removes them when the workflow is deactivated.',
			},
			{
				displayName:
					'Verify Signature is off: anyone who knows this URL can start the workflow with an event they made up. Include Full Record is not used for such deliveries, so nothing is fetched from Hero by IDs a sender chose.',
				name: 'unverifiedNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { 'options.verifySignature': [false] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Full Record',
						name: 'resolveData',
						type: 'boolean',
						default: false,
						description:
							'Whether to fetch the appointment, patient, prescription, message or form response the event is about and add it as "record". Hero’s events only carry the record’s type and ID. Only for deliveries whose signature was verified.',
					},
					{
						displayName: 'Maximum Delivery Age (Seconds)',
						name: 'maxAgeSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_MAX_AGE_SECONDS,
						description:
							'Deliveries whose Hero timestamp is further than this from now, in the past or the future, are refused, and a delivery received again within it starts nothing, so a captured delivery cannot be replayed. 0 turns the age check off.',
					},
					{
						displayName: 'Verify Signature',
						name: 'verifySignature',
						type: 'boolean',
						default: true,
						description:
							'Whether to refuse deliveries that do not carry a valid Hero signature. n8n gives Hero a new signing key on every activation. Turn off only to test with hand-made requests.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await heroWebhooksExist.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createHeroWebhooks.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteHeroWebhooks.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const request = this.getRequestObject() as { rawBody?: unknown; body?: unknown };
		const response = this.getResponseObject();

		const verified = options.verifySignature !== false;
		if (verified) {
			const headers = this.getHeaderData();
			const signingKey = triggerState(this).signingKey;
			const timestamp = headerValue(headers[TIMESTAMP_HEADER]);
			const rawBody = rawBodyOf(request);
			const maxAgeSeconds = maxAgeOf(options);
			const now = Date.now();
			const result = verify({
				signingKey,
				signature: headers[SIGNATURE_HEADER],
				timestamp,
				rawBody,
				maxAgeSeconds,
				now,
			});
			if (!result.valid) {
				response.status(401).json({ message: `Hero signature check failed: ${result.reason}` });
				return { noWebhookResponse: true };
			}
			// Keyed by the HMAC itself, not the header as sent: the same signature re-encoded
			// (base64, upper case, sha256= prefix) is the same delivery.
			const window = (maxAgeSeconds || DEFAULT_MAX_AGE_SECONDS) * 1000;
			const sentAt = parseTimestamp(timestamp) ?? now;
			if (
				isReplay(
					sign(signingKey as string, timestamp, rawBody),
					Math.max(now, sentAt) + window,
					now,
				)
			) {
				return { webhookResponse: { received: true, ignored: 'delivery already received' } };
			}
		}

		const event = this.getBodyData();
		const selected = this.getNodeParameter('events', []) as string[];
		if (typeof event.event !== 'string' || !selected.includes(event.event)) {
			// Acknowledge, so Hero does not retry, but start nothing.
			return { webhookResponse: { received: true, ignored: 'event not selected' } };
		}

		if (!options.resolveData) {
			return { workflowData: [this.helpers.returnJsonArray(event)] };
		}
		if (!verified) {
			// Anyone could have sent it: no request to Hero by IDs the sender chose.
			const item: IDataObject = {
				...event,
				record: null,
				recordError: {
					message: 'Not fetched: Verify Signature is off, so the event may not come from Hero',
				},
			};
			return { workflowData: [this.helpers.returnJsonArray(item)] };
		}
		// Answer Hero at once: fetching the record may take a while (retries, rate limits).
		response.status(200).end();
		const item: IDataObject = await withRecord.call(this, event);
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(item)] };
	}
}
