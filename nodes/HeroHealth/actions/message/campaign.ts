/*
 * Message → Send's Campaign Options (issue 27): once per campaign, preview, SMS credits before the
 * first SMS, and the sending window. Made once per node run (the router's prepareRun hook) and
 * passed to each item's prepare and execute, so that run-level checks happen after every item is
 * prepared and before the first request.
 *
 * The campaign record is n8n's own deduplication store (this.helpers.checkProcessedAndRecord and
 * removeProcessed), the store n8n's Remove Duplicates node uses: in n8n's database, so it survives
 * a crash and is shared by queue-mode workers. Per patient it holds two keys, written before the
 * request ('sending'): `claimed` in the workflow's list (scope 'workflow': every node and run of the
 * workflow shares it) and `unconfirmed` in this node's list (scope 'node'). `unconfirmed` is removed
 * once Hero answered ('sent'); both are removed when Hero refused the send, so that a re-run tries
 * again. Reading a key is recording it, so a claim records both keys and the answer tells the
 * earlier state:
 *   claimed  unconfirmed   meaning
 *   no       (either)      never sent: this run sends it
 *   yes      yes           may have reached Hero: "check in Hero" (left as it is)
 *   yes      no            sent: "already sent" (the `unconfirmed` the claim wrote is removed again)
 * `unconfirmed` is recorded before `claimed` and `claimed` removed before `unconfirmed`, so a crash
 * between the two calls leaves a patient to send again, never one marked sent who was not. A crash
 * between a claim and the removal of its `unconfirmed` can only turn "already sent" into "check in
 * Hero".
 *
 * n8n keeps each list as one JSON value that every call reads and writes whole, so a call costs more
 * as the list grows. The workflow's list grows with every patient of every campaign; this node's
 * list holds only the sends whose answer is awaited or was lost, so the per-send confirm stays
 * cheap at any campaign size and the big list is read and written once per claim batch. Calls are
 * batched: a claim takes up to the room left, and a removal every key due. At most Concurrency keys
 * of the run are `unconfirmed` with their request's fate unknown, so a killed run leaves at most
 * that many to check beyond the items it had already reported as possibly sent.
 *
 * The `unconfirmed` mark belongs to the Send node, so a patient left to check by one Send node is
 * reported "already sent" by another Send node of the same campaign (still never sent twice).
 */
import type {
	DeduplicationHelperFunctions,
	ICheckProcessedOptions,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ParameterReader } from '../../helpers/parameterReader';
import { smsParts, type SmsParts } from '../../helpers/sms';
import { itemError } from '../../helpers/validation';
import {
	endpointRequest,
	type HeroClient,
	type HeroRequest,
	type RunOutcomes,
} from '../../transport';
import { endpoint as smsCreditsEndpoint } from '../practiceGroup/getSmsCredits.operation';
import type { OperationRun, RunSetup } from '../operation';
import {
	isInside,
	localIso,
	minutesOf,
	nextStart,
	WEEKDAYS,
	type SendingWindow,
	type Weekday,
} from './sendingWindow';

export type CampaignOutcome = 'sent' | 'already sent' | 'check in Hero';

export const campaignOptionsDescription: INodeProperties = {
	displayName: 'Campaign Options',
	name: 'campaignOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Campaign Key',
			name: 'campaignKey',
			type: 'string',
			default: '',
			description:
				'What identifies the patient in the campaign. Empty: the item’s nhs_number field when it has one, else the Patient ID.',
		},
		{
			displayName: 'Check SMS Credits',
			name: 'checkSmsCredits',
			type: 'boolean',
			default: true,
			description:
				'Whether to read the practice’s SMS credits once before the first SMS and stop, with nothing sent, when the run needs more SMS parts than are left',
		},
		{
			displayName: 'Once per Campaign',
			name: 'campaignName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Flu invites 2026',
			description:
				'Name of the campaign: each patient gets at most one message of it, however often the workflow runs. Kept in n8n’s database for this workflow. Items already sent come out as "already sent", items that may have reached Hero as "check in Hero".',
		},
		{
			displayName: 'Preview',
			name: 'preview',
			type: 'boolean',
			default: false,
			description:
				'Whether to only show what would be sent: every check runs, nothing is sent, and a summary item with the SMS parts and credits comes last',
		},
		{
			displayName: 'Sending Window',
			name: 'sendingWindow',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Sending Window',
			description: 'Hours in the workflow’s time zone when patients may be messaged',
			options: [
				{
					displayName: 'Window',
					name: 'window',
					values: [
						{
							displayName: 'From',
							name: 'start',
							type: 'string',
							default: '08:00',
							placeholder: 'HH:MM',
						},
						{
							displayName: 'Until',
							name: 'end',
							type: 'string',
							default: '20:00',
							placeholder: 'HH:MM',
						},
						{
							displayName: 'Days',
							name: 'days',
							type: 'multiOptions',
							default: ['mon', 'tue', 'wed', 'thu', 'fri'],
							options: [
								{ name: 'Friday', value: 'fri' },
								{ name: 'Monday', value: 'mon' },
								{ name: 'Saturday', value: 'sat' },
								{ name: 'Sunday', value: 'sun' },
								{ name: 'Thursday', value: 'thu' },
								{ name: 'Tuesday', value: 'tue' },
								{ name: 'Wednesday', value: 'wed' },
							],
						},
						{
							displayName: 'Outside the Window',
							name: 'outside',
							type: 'options',
							default: 'refuse',
							options: [
								{
									name: 'Refuse the Run',
									value: 'refuse',
									description: 'Stop with nothing sent',
								},
								{
									name: 'Schedule for the Next Start',
									value: 'schedule',
									description:
										'Send each message with Hero’s Send At set to the window’s next start',
								},
							],
						},
					],
				},
			],
		},
	],
};

interface CampaignOptions {
	campaignName?: string;
	campaignKey?: string;
	preview?: boolean;
	checkSmsCredits?: boolean;
	sendingWindow?: {
		window?: { start?: string; end?: string; days?: string[]; outside?: string };
	};
}

/** What one item would send, gathered when the item is prepared. */
interface PlannedSend {
	channel: string;
	sms?: SmsParts;
	/** An NHS App message with an SMS fallback may use credits later. */
	fallbackSms?: SmsParts;
	/** Sent once per campaign: an earlier run may already have messaged this patient. */
	inCampaign?: boolean;
}

/** Where `claimed` keys live: shared by every node of the workflow. */
const CLAIMED = 'workflow';
/** Where `unconfirmed` keys live: this node's own list, small whatever the campaign's size. */
const UNCONFIRMED = 'node';
const ENTRIES: ICheckProcessedOptions = { mode: 'entries' };

type Deduplication = Pick<
	DeduplicationHelperFunctions,
	'checkProcessedAndRecord' | 'removeProcessed'
>;

const claimedKey = (key: string) => `herohealth-campaign\u001f${key}\u001fclaimed`;
const unconfirmedKey = (key: string) => `herohealth-campaign\u001f${key}\u001funconfirmed`;

interface PendingClaim {
	key: string;
	resolve: (outcome: 'new' | 'already sent' | 'check in Hero') => void;
	reject: (error: unknown) => void;
}

interface PendingRemoval {
	claimed: string[];
	unconfirmed: string[];
	/** Keys of this run's that stop being `unconfirmed` with it. */
	closes: number;
	resolve: () => void;
	reject: (error: unknown) => void;
}

/**
 * The campaign record of one node run: claims and removals queue up and go to n8n's store in
 * batches, one call at a time (n8n's store reads and writes a scope's list whole, so two calls at
 * once would lose one's keys). Keeping the two lists' calls in one line measured faster than
 * letting them overlap: the workflow's list then gets fewer, larger claims.
 */
export class CampaignLedger {
	private readonly claims: PendingClaim[] = [];
	private readonly removals: PendingRemoval[] = [];
	/** This run's keys whose `unconfirmed` is (or may be) in the store. */
	private open = 0;
	private running = false;
	private broken: unknown;

	constructor(
		private readonly store: Deduplication,
		private readonly room: number,
	) {}

	async claim(key: string): Promise<'new' | 'already sent' | 'check in Hero'> {
		return await new Promise((resolve, reject) => {
			if (this.broken) return reject(this.broken);
			this.claims.push({ key, resolve, reject });
			this.pump();
		});
	}

	/** Hero answered: the message is sent. */
	async confirm(key: string): Promise<void> {
		await this.remove({ claimed: [], unconfirmed: [unconfirmedKey(key)] });
	}

	/** Hero refused, or the request never left: a re-run tries again. */
	async forget(key: string): Promise<void> {
		await this.remove({ claimed: [claimedKey(key)], unconfirmed: [unconfirmedKey(key)] });
	}

	/**
	 * The send failed and may have reached Hero: the keys stay ('check in Hero' for the next run) and
	 * the run reports the item; its room goes to the next claim, as its fate is no longer unknown.
	 */
	keep(): void {
		this.open--;
		this.pump();
	}

	private async remove(keys: Pick<PendingRemoval, 'claimed' | 'unconfirmed'>): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.removals.push({ ...keys, closes: 1, resolve, reject });
			this.pump();
		});
	}

	private pump(): void {
		if (this.running) return;
		this.running = true;
		void this.drain().finally(() => {
			this.running = false;
			// Work queued while the last call was finishing.
			if (this.removals.length || (this.claims.length && this.open < this.room)) this.pump();
		});
	}

	private async drain(): Promise<void> {
		for (;;) {
			if (this.removals.length) {
				const batch = this.removals.splice(0);
				const claimed = batch.flatMap((removal) => removal.claimed);
				const unconfirmed = batch.flatMap((removal) => removal.unconfirmed);
				try {
					// `claimed` first: a crash in between leaves the patient to send again.
					if (claimed.length) await this.store.removeProcessed(claimed, CLAIMED, ENTRIES);
					if (unconfirmed.length) {
						await this.store.removeProcessed(unconfirmed, UNCONFIRMED, ENTRIES);
					}
					for (const removal of batch) {
						this.open -= removal.closes;
						removal.resolve();
					}
				} catch (error) {
					// The keys may still be in the store; the room they hold is not given back.
					this.fail(error);
					for (const removal of batch) removal.reject(error);
				}
				continue;
			}
			const room = this.room - this.open;
			if (!this.claims.length || room <= 0) return;
			const batch = this.claims.splice(0, room);
			this.open += batch.length;
			const processed = new Set<string>();
			try {
				// `unconfirmed` first: a crash in between leaves the patient to send again.
				for (const [keys, scope] of [
					[batch.map((claim) => unconfirmedKey(claim.key)), UNCONFIRMED],
					[batch.map((claim) => claimedKey(claim.key)), CLAIMED],
				] as const) {
					const answer = await this.store.checkProcessedAndRecord(keys, scope, ENTRIES);
					for (const key of answer.processed) processed.add(String(key));
				}
			} catch (error) {
				this.fail(error);
				for (const claim of batch) claim.reject(error);
				return;
			}
			const wronglyUnconfirmed: string[] = [];
			for (const claim of batch) {
				if (!processed.has(claimedKey(claim.key))) {
					claim.resolve('new');
				} else if (processed.has(unconfirmedKey(claim.key))) {
					this.open--;
					claim.resolve('check in Hero');
				} else {
					wronglyUnconfirmed.push(unconfirmedKey(claim.key));
					claim.resolve('already sent');
				}
			}
			if (wronglyUnconfirmed.length) {
				this.removals.push({
					claimed: [],
					unconfirmed: wronglyUnconfirmed,
					closes: wronglyUnconfirmed.length,
					resolve: () => {},
					reject: () => {},
				});
			}
		}
	}

	/** A store failure: no claim may go out any more, as the room of the run is no longer known. */
	private fail(error: unknown): void {
		this.broken = error;
		for (const claim of this.claims.splice(0)) claim.reject(error);
	}
}

/**
 * Releases keys so that the next run sends to them (Message → Release Campaign Keys). Only
 * `claimed` is the workflow's; an `unconfirmed` left in the Send node's own list does not hold the
 * patient back (a claim without `claimed` sends) and goes when that send is answered.
 */
export async function releaseCampaignKeys(store: Deduplication, keys: string[]): Promise<void> {
	await store.removeProcessed(keys.map(claimedKey), CLAIMED, ENTRIES);
}

/** The record key of one patient in one campaign. */
export function campaignKeyOf(campaign: string, key: string): string {
	return `${campaign}\u001f${key}`;
}

/** One item of Message → Send, prepared: the request and, with Once per Campaign, its key. */
export interface PreparedSend {
	request: HeroRequest & { body: IDataObject };
	campaign?: { name: string; key: string };
}

/**
 * Run-level state of Message → Send. Each item is planned as it is prepared; the router calls
 * beforeSend once, after every item is prepared and before the first request, and adds extraItems
 * to the output.
 */
export class SendRun implements OperationRun {
	private readonly plans = new Map<number, PlannedSend>();
	private ledger?: CampaignLedger;
	private credits?: IDataObject;
	private scheduleAt?: number;
	private readonly options: CampaignOptions;
	private readonly concurrency: number;
	private readonly parameters: ParameterReader;
	/** The run's record of items Hero may have acted for, kept by the client. */
	private readonly outcomes: RunOutcomes;
	private readonly client: HeroClient;
	readonly preview: boolean;

	constructor(
		private readonly context: IExecuteFunctions,
		{ concurrency, parameters, outcomes, client }: RunSetup,
	) {
		this.concurrency = concurrency;
		this.parameters = parameters;
		this.outcomes = outcomes;
		this.client = client;
		this.options = parameters.get('campaignOptions', 0, {}) as CampaignOptions;
		this.preview = this.options.preview === true;
	}

	/** The window as the user set it, checked; undefined when there is none. */
	private window(): (SendingWindow & { outside: string }) | undefined {
		const window = this.options.sendingWindow?.window;
		if (!window) return undefined;
		const { node } = this.parameters;
		const start = minutesOf(String(window.start ?? '08:00'));
		const end = minutesOf(String(window.end ?? '20:00'));
		if (start === undefined || end === undefined || end <= start) {
			throw new NodeOperationError(
				node,
				`Sending Window ${String(window.start)}–${String(window.end)} is not a window of one day`,
				{ description: 'Give From and Until as HH:MM, From before Until (e.g. 08:00 and 20:00)' },
			);
		}
		const days = (window.days ?? []).filter((day): day is Weekday =>
			(WEEKDAYS as readonly string[]).includes(day),
		);
		if (!days.length) {
			throw new NodeOperationError(node, 'Sending Window has no day', {
				description: 'Choose the days when patients may be messaged',
			});
		}
		return {
			start,
			end,
			days: new Set(days),
			timeZone: this.context.getTimezone(),
			outside: window.outside === 'schedule' ? 'schedule' : 'refuse',
		};
	}

	/** After every item is prepared, before the first request: the window, then the credits. */
	async beforeSend(itemIndexes: number[]): Promise<void> {
		const { node } = this.parameters;
		const window = this.window();
		if (window && !isInside(window, Date.now())) {
			const next = nextStart(window, Date.now());
			const nextText = next === undefined ? 'none' : localIso(next, window.timeZone);
			if (window.outside === 'refuse' && !this.preview) {
				throw new NodeOperationError(
					node,
					`Outside the sending window (${window.timeZone}): nothing was sent`,
					{
						description: `The window opens next at ${nextText}. Run the workflow then, or choose "Schedule for the Next Start".`,
					},
				);
			}
			this.scheduleAt = next;
		}
		const needed = this.smsPartsOf(itemIndexes);
		if (this.preview || (needed > 0 && this.options.checkSmsCredits !== false)) {
			this.credits = await this.client.request(endpointRequest(node, smsCreditsEndpoint));
			const left = this.credits.sms_credit_count;
			if (!this.preview && typeof left === 'number' && needed > left) {
				// n8n's record can only be read by writing to it (checkProcessedAndRecord), so patients
				// an earlier run of the campaign already messaged are counted here and skipped later.
				const rerun = itemIndexes.some((itemIndex) => this.plans.get(itemIndex)?.inCampaign)
					? ' With Once per Campaign, patients an earlier run already messaged are counted here too (they are skipped when sending): if this is a re-run of a campaign that was partly sent, turn the check off for it.'
					: '';
				throw new NodeOperationError(
					node,
					`Not enough SMS credits: this run needs ${needed} SMS parts and the practice has ${left} left. Nothing was sent.`,
					{
						description: `Buy credits in Hero, send to fewer patients, or shorten the message (Preview shows the parts of each). Campaign Options → Check SMS Credits turns this check off.${rerun}`,
					},
				);
			}
		}
	}

	private smsPartsOf(itemIndexes: number[]): number {
		let parts = 0;
		for (const itemIndex of itemIndexes) parts += this.plans.get(itemIndex)?.sms?.parts ?? 0;
		return parts;
	}

	/** The preview's summary item, paired to every item. */
	extraItems(itemIndexes: number[]): INodeExecutionData[] {
		if (!this.preview) return [];
		const byChannel: IDataObject = {};
		let fallbackParts = 0;
		for (const itemIndex of itemIndexes) {
			const plan = this.plans.get(itemIndex);
			if (!plan) continue;
			byChannel[plan.channel] = Number(byChannel[plan.channel] ?? 0) + 1;
			fallbackParts += plan.fallbackSms?.parts ?? 0;
		}
		const needed = this.smsPartsOf(itemIndexes);
		const left = this.credits?.sms_credit_count;
		const summary: IDataObject = {
			summary: true,
			preview: true,
			messages: itemIndexes.filter((itemIndex) => this.plans.has(itemIndex)).length,
			by_channel: byChannel,
			sms_parts: needed,
			sms_credits: left ?? null,
			enough_sms_credits: typeof left === 'number' ? needed <= left : null,
		};
		if (fallbackParts) summary.nhs_app_sms_fallback_parts = fallbackParts;
		if (itemIndexes.some((itemIndex) => this.plans.get(itemIndex)?.inCampaign)) {
			// Reading n8n's record writes to it, so a preview leaves it alone.
			summary.campaign_note =
				'Preview does not read the campaign record: patients an earlier run already messaged are counted here, and a real run outputs them as already sent without messaging them.';
		}
		if (this.scheduleAt !== undefined) {
			summary.outside_sending_window = true;
			summary.send_at = localIso(this.scheduleAt, this.context.getTimezone());
		}
		return [{ json: summary, pairedItem: itemIndexes.map((item) => ({ item })) }];
	}

	/** The campaign key of an item, or undefined when the campaign option is off. */
	private campaignOf(
		itemIndex: number,
		patientId: string,
	): { name: string; key: string } | undefined {
		const options =
			itemIndex === 0
				? this.options
				: (this.parameters.get('campaignOptions', itemIndex, {}) as CampaignOptions);
		const name = String(options.campaignName ?? '').trim();
		if (!name) return undefined;
		const { node } = this.parameters;
		if (!this.context.getWorkflow().id) {
			throw itemError(
				node,
				itemIndex,
				'Once per Campaign needs a saved workflow: its record belongs to the workflow',
				'Save the workflow, then run it again',
			);
		}
		let key = String(options.campaignKey ?? '').trim();
		if (!key) {
			const nhsNumber = this.context.getInputData()[itemIndex]?.json?.nhs_number;
			key =
				nhsNumber !== undefined && nhsNumber !== null && String(nhsNumber).trim()
					? String(nhsNumber).replace(/\s+/g, '')
					: patientId;
		}
		if (!key) throw itemError(node, itemIndex, 'Campaign Key is empty');
		return { name, key };
	}

	/**
	 * Part of preparing an item: its campaign key (checked) and what it would cost, for the credit
	 * check and the preview. `body` is the checked body of its request.
	 */
	plan(itemIndex: number, body: IDataObject): PreparedSend['campaign'] {
		const text = String(body.message_string);
		const channel = String(body.message_type);
		const campaign = this.campaignOf(itemIndex, String(body.patient_id));
		this.plans.set(itemIndex, {
			channel,
			sms: channel === 'sms' ? smsParts(text) : undefined,
			fallbackSms:
				channel === 'nhs_app' && (body.fallback_message_type ?? 'sms') === 'sms'
					? smsParts(text)
					: undefined,
			inCampaign: campaign !== undefined,
		});
		return campaign;
	}

	/**
	 * Sends one prepared item as the options say: its send_at set here when the window schedules the
	 * run, a preview instead of a request, and with Once per Campaign the claim in the record first.
	 * `send` makes the request and shapes its output.
	 */
	async send(
		itemIndex: number,
		{ request, campaign }: PreparedSend,
		send: () => Promise<IDataObject>,
	): Promise<IDataObject> {
		const { body } = request;
		if (this.scheduleAt !== undefined && !body.send_at) {
			body.send_at = new Date(this.scheduleAt).toISOString();
		}
		if (this.preview) return this.previewOf(itemIndex, body, campaign);
		if (!campaign) return await send();

		const tag = { campaign: campaign.name, campaign_key: campaign.key };
		this.ledger ??= new CampaignLedger(this.context.helpers, this.concurrency);
		const recordKey = campaignKeyOf(campaign.name, campaign.key);
		const claim = await this.ledger.claim(recordKey);
		if (claim !== 'new') {
			return { campaign_outcome: claim, ...tag, patient_id: body.patient_id };
		}
		// Whether Hero may have acted is the client's one rule (retryDecision in transport/retry.ts),
		// read from the run's outcomes as the stop report reads it: if it may have, the keys stay
		// ("check in Hero" next run); if the request never left or Hero refused it, a re-run tries
		// again. The error goes on as it is: the router tells a withheld request from a failed one.
		const sent = await send().catch(async (error: unknown) => {
			if (this.outcomes.heroMayHaveActed.has(itemIndex)) this.ledger?.keep();
			else await this.ledger?.forget(recordKey);
			return await Promise.reject(error);
		});
		const output: IDataObject = { campaign_outcome: 'sent', ...tag, ...sent };
		try {
			await this.ledger.confirm(recordKey);
		} catch (error) {
			// Sent all the same: the item says so; the next run will list it as "check in Hero".
			output.campaign_warning = `Sent, but n8n could not record it: ${(error as Error).message}`;
		}
		return output;
	}

	private previewOf(
		itemIndex: number,
		body: IDataObject,
		campaign: { name: string; key: string } | undefined,
	): IDataObject {
		const text = String(body.message_string);
		const preview: IDataObject = {
			preview: true,
			patient_id: body.patient_id,
			message_type: body.message_type,
			recipient: body.recipient_contact_detail ?? 'the contact on the patient record',
			message: text,
		};
		const sms = this.plans.get(itemIndex)?.sms;
		if (sms) {
			preview.sms_parts = sms.parts;
			preview.sms_encoding = sms.encoding;
			preview.sms_characters = sms.characters;
		}
		if (body.fallback_message_type) preview.fallback_message_type = body.fallback_message_type;
		if (body.send_at) preview.send_at = body.send_at;
		if (campaign) Object.assign(preview, { campaign: campaign.name, campaign_key: campaign.key });
		return preview;
	}
}
