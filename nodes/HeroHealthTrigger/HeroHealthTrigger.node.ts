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
	heroWebhooksExist,
	triggerState,
} from './registration';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verify, type RawBody } from './signature';

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
				options: WEBHOOK_EVENTS,
				description:
					'The Hero events that start the workflow. Hero takes one event per webhook, so n8n registers one webhook for each event chosen and removes them when the workflow is deactivated.',
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
							'Whether to fetch the appointment, patient, prescription, message or form response the event is about and add it as "record". Hero’s events only carry the record’s type and ID.',
					},
					{
						displayName: 'Maximum Delivery Age (Seconds)',
						name: 'maxAgeSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: DEFAULT_MAX_AGE_SECONDS,
						description:
							'Deliveries whose Hero timestamp is further than this from now, in the past or the future, are refused, so a captured delivery cannot be replayed later. 0 turns the check off.',
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

		if (options.verifySignature !== false) {
			const headers = this.getHeaderData();
			const result = verify({
				signingKey: triggerState(this).signingKey,
				signature: headers[SIGNATURE_HEADER],
				timestamp: headers[TIMESTAMP_HEADER],
				rawBody: rawBodyOf(request),
				maxAgeSeconds: maxAgeOf(options),
				now: Date.now(),
			});
			if (!result.valid) {
				response.status(401).json({ message: `Hero signature check failed: ${result.reason}` });
				return { noWebhookResponse: true };
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
		// Answer Hero at once: fetching the record may take a while (retries, rate limits).
		response.status(200).end();
		const item: IDataObject = await withRecord.call(this, event);
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(item)] };
	}
}
