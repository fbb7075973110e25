import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { endpointRequest, HeroClient } from '../HeroHealth/transport';
import { scrubError } from '../HeroHealth/transport/scrub';
import { endpoint as webhookCreate } from '../HeroHealth/actions/webhook/create.operation';
import { endpoint as webhookDelete } from '../HeroHealth/actions/webhook/delete.operation';
import { endpoint as webhookGetAll } from '../HeroHealth/actions/webhook/getAll.operation';

/**
 * Events Hero sends (its newer docs and AsyncAPI page name them) that the enum of its Create
 * Webhook reference does not list: a Hero that follows the reference refuses them.
 */
export const EVENTS_NOT_IN_REFERENCE = new Set([
	'write-to-record.succeeded',
	'write-to-record.failed',
	'form-submission.created',
]);

/** One Hero webhook this trigger created: Hero registers one event per webhook. */
export interface OwnedWebhook {
	id: string;
	event: string;
}

/** What the trigger keeps in the workflow's static data between activation and deactivation. */
export interface TriggerState {
	webhooks?: OwnedWebhook[];
	/** Shared by all webhooks of one activation; a new one is made on every activation. */
	signingKey?: string;
}

export function triggerState(context: { getWorkflowStaticData(type: string): IDataObject }) {
	return context.getWorkflowStaticData('node') as TriggerState & IDataObject;
}

function ownedWebhooks(state: TriggerState): OwnedWebhook[] {
	return Array.isArray(state.webhooks) ? state.webhooks : [];
}

function selectedEvents(this: IHookFunctions): string[] {
	const events = this.getNodeParameter('events', []) as string[];
	if (!Array.isArray(events) || events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one event to listen for', {
			description: 'The Events field of the Hero Health Trigger is empty.',
		});
	}
	return [...new Set(events)];
}

function webhookUrl(this: IHookFunctions): string {
	const url = this.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(this.getNode(), 'n8n gave no webhook URL for this node');
	return url;
}

/**
 * A URL in one spelling, so that the trigger knows its webhooks however Hero writes the URL back:
 * scheme and host in lower case and default ports dropped (the URL parser does both), no trailing
 * slash, no empty query or fragment (`…/webhook?`). Text that is not a URL is only trimmed.
 */
export function normalisedUrl(value: string): string {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		return value.trim().replace(/\/+$/, '');
	}
	url.pathname = url.pathname.replace(/\/+$/, '');
	// Setting them to '' drops a lone `?` or `#` from the URL.
	if (url.search === '') url.search = '';
	if (url.hash === '') url.hash = '';
	return url.href.replace(/\/+$/, '');
}

/** A webhook as Hero lists it. */
interface ListedWebhook extends OwnedWebhook {
	url: string;
}

/** Every webhook Hero lists for this practice group (all pages: a short list fails). */
async function listWebhooks(context: IHookFunctions, client: HeroClient): Promise<ListedWebhook[]> {
	const existing = await client.requestAll(endpointRequest(context.getNode(), webhookGetAll));
	return existing
		.filter((hero) => hero.id !== undefined && hero.id !== null)
		.map((hero) => ({
			id: String(hero.id),
			event: String(hero.event_type ?? ''),
			url: typeof hero.url === 'string' ? hero.url : '',
		}));
}

/**
 * The Hero webhooks that belong to this trigger: those whose URL means its own webhook URL, which
 * carries the node's unique webhook ID. Webhooks with any other URL are never touched.
 */
function atUrl(listed: ListedWebhook[], url: string): OwnedWebhook[] {
	const own = normalisedUrl(url);
	return listed
		.filter((hero) => normalisedUrl(hero.url) === own)
		.map(({ id, event }) => ({ id, event }));
}

async function webhooksAtUrl(
	context: IHookFunctions,
	client: HeroClient,
	url: string,
): Promise<OwnedWebhook[]> {
	return atUrl(await listWebhooks(context, client), url);
}

/**
 * True only when every webhook this trigger created still exists in Hero, still points at this
 * node's URL (production or test, whichever n8n asks about) with its event, and together they
 * cover exactly the selected events. Never deletes or adopts anything.
 */
export async function heroWebhooksExist(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const owned = ownedWebhooks(state);
	if (owned.length === 0 || !state.signingKey) return false;
	const events = selectedEvents.call(this);
	const ownedEvents = new Set(owned.map((webhook) => webhook.event));
	if (ownedEvents.size !== events.length || !events.every((event) => ownedEvents.has(event))) {
		return false;
	}
	const url = webhookUrl.call(this);
	const atThisUrl = await webhooksAtUrl(this, new HeroClient(this), url);
	const ownedIds = new Set(owned.map((webhook) => webhook.id));
	// One more at this URL (left by an activation whose answer was lost) also means "create again":
	// create removes it, so Hero does not deliver every event twice.
	if (atThisUrl.some((hero) => !ownedIds.has(hero.id))) return false;
	return owned.every((webhook) =>
		atThisUrl.some((hero) => hero.id === webhook.id && hero.event === webhook.event),
	);
}

/** Deletes the given webhooks; a 404 means already gone. Answers those that could not be deleted. */
async function deleteWebhooks(
	context: IHookFunctions,
	client: HeroClient,
	webhooks: OwnedWebhook[],
): Promise<Array<{ webhook: OwnedWebhook; error: Error }>> {
	const failures: Array<{ webhook: OwnedWebhook; error: Error }> = [];
	for (const webhook of webhooks) {
		try {
			await client.requestOrNull(
				endpointRequest(context.getNode(), webhookDelete, { pathParams: { id: webhook.id } }),
			);
		} catch (error) {
			failures.push({ webhook, error: error as Error });
		}
	}
	return failures;
}

function describeFailures(failures: Array<{ webhook: OwnedWebhook; error: Error }>): string {
	return failures
		.map(({ webhook, error }) => `${webhook.id} (${webhook.event}): ${error.message}`)
		.join('; ');
}

function workflowLabel(this: IHookFunctions): string {
	const workflow = this.getWorkflow();
	const name = (workflow.name ?? '').slice(0, 100);
	const test = this.getMode() === 'manual' ? ', test URL' : '';
	return `n8n workflow "${name}" (ID ${workflow.id ?? 'unsaved'}), node "${this.getNode().name}"${test}`;
}

/** The error for an event Hero refused: it names the event and says to deselect it. */
function refusedEventError(error: NodeApiError, event: string): NodeApiError {
	const unlisted = EVENTS_NOT_IN_REFERENCE.has(event);
	const hero = error.message;
	error.message = `Hero refused the event "${event}": deselect it in Events, then activate again`;
	error.description = [
		unlisted
			? `"${event}" is not in the event list of Hero’s Create Webhook reference, and this Hero does not offer it.`
			: `Hero did not accept a webhook for "${event}".`,
		`Hero said: ${hero}.`,
		'The webhooks made for the other events were removed again.',
		error.description,
	]
		.filter(Boolean)
		.join(' ');
	return error;
}

/**
 * Removes this trigger's webhooks from Hero: every one whose URL is this node's URL. When Hero's
 * list cannot be read, `known` (webhooks this very call just created) are deleted by ID instead.
 */
async function removeWebhooksAtUrl(
	context: IHookFunctions,
	client: HeroClient,
	url: string,
	known: OwnedWebhook[] = [],
): Promise<Array<{ webhook: OwnedWebhook; error: Error }>> {
	const listing = webhooksAtUrl(context, client, url);
	const targets = known.length ? await listing.catch(() => known) : await listing;
	return await deleteWebhooks(context, client, targets);
}

/**
 * Creates one Hero webhook per selected event, all pointing at this node's URL and signed with a
 * fresh key. Webhooks already at this URL (of an earlier activation, or of one whose answer was
 * lost) are removed first. If one create fails, every webhook at this URL is removed again, so an
 * answer lost on the way back leaves no orphan either.
 */
export async function createHeroWebhooks(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const events = selectedEvents.call(this);
	const url = webhookUrl.call(this);
	const client = new HeroClient(this);

	// Removed first, so Hero does not keep sending to this URL with a key the trigger no longer holds.
	const leftovers = await removeWebhooksAtUrl(this, client, url);
	if (leftovers.length) {
		state.webhooks = leftovers.map(({ webhook }) => webhook);
		throw new NodeOperationError(
			this.getNode(),
			'Could not remove the Hero webhooks already registered for this trigger',
			{ description: describeFailures(leftovers) },
		);
	}
	delete state.webhooks;
	delete state.signingKey;

	const signingKey = randomBytes(32).toString('hex');
	const description = workflowLabel.call(this);
	const created: OwnedWebhook[] = [];
	for (const event of events) {
		try {
			const response = await client.request(
				endpointRequest(this.getNode(), webhookCreate, {
					body: { url, event_type: event, description, signing_key: signingKey },
				}),
			);
			const record = (
				response.data && typeof response.data === 'object' ? response.data : response
			) as IDataObject;
			if (record.id === undefined || record.id === null || record.id === '') {
				throw new NodeOperationError(
					this.getNode(),
					`Hero created the webhook for ${event} but did not return its ID`,
					{ description: 'Check the webhooks in Hero and delete the one pointing at this URL.' },
				);
			}
			created.push({ id: String(record.id), event });
		} catch (error) {
			let failures: Array<{ webhook: OwnedWebhook; error: Error }>;
			try {
				failures = await removeWebhooksAtUrl(this, client, url, created);
			} catch (listError) {
				failures = created.map((webhook) => ({ webhook, error: listError as Error }));
			}
			if (failures.length) state.webhooks = failures.map(({ webhook }) => webhook);
			const refused =
				error instanceof NodeApiError && (error.httpCode === '400' || error.httpCode === '422');
			const thrown = refused ? refusedEventError(error, event) : (error as Error);
			if (failures.length) {
				const error_ = thrown as Error & { description?: string };
				error_.description = [
					error_.description,
					`The webhooks created before the failure could not all be removed: ${describeFailures(failures)}`,
				]
					.filter(Boolean)
					.join(' ');
			}
			throw scrubError(thrown, [signingKey]);
		}
	}

	state.webhooks = created;
	state.signingKey = signingKey;
	return true;
}

/**
 * Deletes every Hero webhook at this node's URL: those it stored and any an uncertain activation
 * left. A stored ID is forgotten (with the signing key, once none is left) only when Hero confirmed
 * its delete, answered 404 for it, or no longer lists it. A stored ID Hero lists at another URL
 * (static data copied with the workflow to another n8n) is not touched and stays stored. Any failure
 * is reported, and the webhooks left are kept for the next attempt.
 */
export async function deleteHeroWebhooks(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	// Asks Hero even when nothing is stored: an activation whose answer was lost stored nothing.
	// A list that cannot be read fails here, before anything is forgotten.
	const client = new HeroClient(this);
	const listed = await listWebhooks(this, client);
	const targets = atUrl(listed, webhookUrl.call(this));
	const failures = await deleteWebhooks(this, client, targets);
	const listedIds = new Set(listed.map((hero) => hero.id));
	const targetIds = new Set(targets.map((webhook) => webhook.id));
	const kept = [
		...failures.map(({ webhook }) => webhook),
		...ownedWebhooks(state).filter(
			(webhook) => listedIds.has(webhook.id) && !targetIds.has(webhook.id),
		),
	];
	if (kept.length) {
		state.webhooks = kept;
	} else {
		delete state.webhooks;
		delete state.signingKey;
	}
	if (failures.length === 1) throw failures[0].error;
	if (failures.length) {
		throw new NodeOperationError(
			this.getNode(),
			`Could not delete ${failures.length} Hero webhooks`,
			{ description: describeFailures(failures) },
		);
	}
	return true;
}
