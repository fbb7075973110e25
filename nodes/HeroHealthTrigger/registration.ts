import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	heroApiRequest,
	heroApiRequestAllItems,
	heroApiRequestOrNull,
} from '../HeroHealth/transport';

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
	const existing = await heroApiRequestAllItems.call(this, 'webhook.getAll');
	return owned.every((webhook) =>
		existing.some(
			(hero) =>
				String(hero.id) === webhook.id &&
				hero.event_type === webhook.event &&
				sameUrl(hero.url, url),
		),
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
			await heroApiRequestOrNull.call(context, 'webhook.delete', {
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

/** A copy of a JSON value with the texts scrubbed; a value that is not JSON is kept as it is. */
function scrubbedCopy(value: object, scrub: (text: string) => string): unknown {
	let json: string;
	try {
		json = JSON.stringify(value);
	} catch {
		return value;
	}
	return JSON.parse(scrub(json)) as unknown;
}

/** Removes a secret from an error's texts, in case Hero echoed the request back. */
function withoutSecret<T extends Error>(error: T, secret: string): T {
	const scrub = (text: string) => text.split(secret).join('[redacted]');
	error.message = scrub(error.message);
	// description, messages, errorResponse, context: every field n8n may show or store.
	const fields = error as unknown as Record<string, unknown>;
	for (const [name, value] of Object.entries(fields)) {
		if (name === 'node') continue;
		if (typeof value === 'string') fields[name] = scrub(value);
		else if (value && typeof value === 'object') fields[name] = scrubbedCopy(value, scrub);
	}
	return error;
}

function workflowLabel(this: IHookFunctions): string {
	const workflow = this.getWorkflow();
	const name = (workflow.name ?? '').slice(0, 100);
	const test = this.getMode() === 'manual' ? ', test URL' : '';
	return `n8n workflow "${name}" (ID ${workflow.id ?? 'unsaved'}), node "${this.getNode().name}"${test}`;
}

/**
 * Creates one Hero webhook per selected event, all pointing at this node's URL and signed with a
 * fresh key. If one fails, the ones already made are deleted again before the error is thrown.
 */
export async function createHeroWebhooks(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const events = selectedEvents.call(this);
	const url = webhookUrl.call(this);

	// Webhooks of an earlier activation that checkExists found incomplete: remove them first, so
	// Hero does not keep sending to this URL with a key the trigger no longer holds.
	const leftovers = ownedWebhooks(state);
	if (leftovers.length) {
		const failures = await deleteWebhooks(this, leftovers);
		state.webhooks = failures.map(({ webhook }) => webhook);
		if (failures.length) {
			throw new NodeOperationError(
				this.getNode(),
				'Could not remove the Hero webhooks of the previous activation',
				{ description: describeFailures(failures) },
			);
		}
	}
	delete state.webhooks;
	delete state.signingKey;

	const signingKey = randomBytes(32).toString('hex');
	const description = workflowLabel.call(this);
	const created: OwnedWebhook[] = [];
	for (const event of events) {
		try {
			const response = await heroApiRequest.call(this, 'webhook.create', {
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
			const failures = await deleteWebhooks(this, created);
			if (failures.length) {
				const error_ = error as Error & { description?: string };
				error_.description = [
					error_.description,
					`The webhooks created before the failure could not all be removed: ${describeFailures(failures)}`,
				]
					.filter(Boolean)
					.join(' ');
			}
			throw withoutSecret(error as Error, signingKey);
		}
	}

	state.webhooks = created;
	state.signingKey = signingKey;
	return true;
}

/**
 * Deletes exactly the webhooks this trigger created. A webhook already gone (404) counts as
 * deleted; any other failure is reported, and the webhooks left are kept for the next attempt.
 */
export async function deleteHeroWebhooks(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const failures = await deleteWebhooks(this, ownedWebhooks(state));
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
