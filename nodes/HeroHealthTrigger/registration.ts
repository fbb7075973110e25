import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	heroApiRequest,
	heroApiRequestAllItems,
	heroApiRequestOrNull,
} from '../HeroHealth/transport';
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

const sameUrl = (a: unknown, b: string) =>
	typeof a === 'string' && a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * The Hero webhooks that belong to this trigger: those whose URL is exactly its own webhook URL,
 * which carries the node's unique webhook ID. Webhooks with any other URL are never touched.
 */
async function webhooksAtUrl(context: IHookFunctions, url: string): Promise<OwnedWebhook[]> {
	const existing = await heroApiRequestAllItems.call(context, webhookGetAll);
	return existing
		.filter((hero) => sameUrl(hero.url, url) && hero.id !== undefined && hero.id !== null)
		.map((hero) => ({ id: String(hero.id), event: String(hero.event_type ?? '') }));
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
	const atThisUrl = await webhooksAtUrl(this, url);
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
	webhooks: OwnedWebhook[],
): Promise<Array<{ webhook: OwnedWebhook; error: Error }>> {
	const failures: Array<{ webhook: OwnedWebhook; error: Error }> = [];
	for (const webhook of webhooks) {
		try {
			await heroApiRequestOrNull.call(context, webhookDelete, {
				pathParams: { id: webhook.id },
			});
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
	url: string,
	known: OwnedWebhook[] = [],
): Promise<Array<{ webhook: OwnedWebhook; error: Error }>> {
	const listing = webhooksAtUrl(context, url);
	const targets = known.length ? await listing.catch(() => known) : await listing;
	return await deleteWebhooks(context, targets);
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

	// Removed first, so Hero does not keep sending to this URL with a key the trigger no longer holds.
	const leftovers = await removeWebhooksAtUrl(this, url);
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
			const response = await heroApiRequest.call(this, webhookCreate, {
				body: { url, event_type: event, description, signing_key: signingKey },
			});
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
				failures = await removeWebhooksAtUrl(this, url, created);
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
 * left. Stored IDs whose webhook now points elsewhere (static data copied with the workflow to
 * another n8n) are not touched. A webhook already gone (404) counts as deleted; any other failure
 * is reported, and the webhooks left are kept for the next attempt.
 */
export async function deleteHeroWebhooks(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	// Asks Hero even when nothing is stored: an activation whose answer was lost stored nothing.
	const failures = await removeWebhooksAtUrl(this, webhookUrl.call(this));
	if (failures.length) {
		state.webhooks = failures.map(({ webhook }) => webhook);
		if (failures.length === 1) throw failures[0].error;
		throw new NodeOperationError(
			this.getNode(),
			`Could not delete ${failures.length} Hero webhooks`,
			{ description: describeFailures(failures) },
		);
	}
	delete state.webhooks;
	delete state.signingKey;
	return true;
}
