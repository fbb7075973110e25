import type { INodePropertyOptions } from 'n8n-workflow';

import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { toolDescriptionFor } from './helpers/tool';

/**
 * What an AI agent reads about each Hero Health tool: n8n builds it from the operation's `action`
 * ("<action> in Hero Health") unless the user writes one. These are the facts an agent needs to use
 * the operation safely and to know what comes next. (n8n's linter keeps an action in sentence case
 * without punctuation, so operation names appear in lower case.)
 */
const FACTS: Array<[string, string, RegExp[]]> = [
	['patient', 'pdsLookup', [/PDS/, /patient ID/, /register them if new/]],
	['patient', 'register', [/without a PDS trace/, /creating or updating/]],
	['patient', 'get', [/patient ID/]],
	['patient', 'merge', [/for good/, /preview merge/]],
	['patient', 'previewMerge', [/token merge needs/]],
	['booking', 'getSlots', [/free slots/, /reserve and confirm/]],
	['booking', 'reserve', [/holds the time until confirm books it/, /expires/]],
	['booking', 'confirm', [/reserved appointment/, /book it for the patient/]],
	['booking', 'cancel', [/email the patient/]],
	['booking', 'reschedule', [/confirmed appointment/]],
	['message', 'send', [/cannot be unsent/, /uses SMS credits/]],
	['message', 'sendBatch', [/all its recipients/, /cannot be unsent/, /SMS credits/]],
	['message', 'createBatch', [/not sent until send batch/]],
	['practiceGroup', 'getSmsCredits', [/every SMS sent uses/]],
	['practiceGroup', 'getLocations', [/finding and reserving slots/]],
	['practiceGroup', 'getPractitioners', [/finding and reserving slots/]],
	['practiceGroup', 'getAppointmentTypes', [/finding and reserving slots/]],
	['apiKey', 'revoke', [/for good/, /stops working/]],
	['link', 'createBookingLink', [/send to patients in a message/]],
	['link', 'createAttachmentLink', [/in a message/]],
	['webhook', 'create', [/sends one kind of event to a URL/]],
	['webhook', 'delete', [/events stop arriving/]],
	['episode', 'createNote', [/only staff can see/]],
];

const properties = new HeroHealth().description.properties;
const operations = properties
	.filter((property) => property.name === 'operation')
	.flatMap((property) =>
		((property.options ?? []) as INodePropertyOptions[]).map((option) => ({
			resource: (property.displayOptions?.show?.resource as string[])[0],
			operation: String(option.value),
		})),
	);

describe('tool descriptions an AI agent sees', () => {
	it.each(FACTS)('%s.%s says what happens and what comes next', (resource, operation, facts) => {
		const description = toolDescriptionFor(resource, operation);
		expect(description).toMatch(/ in Hero Health$/);
		for (const fact of facts)
			expect({ description, fact }).toEqual({ description: expect.stringMatching(fact), fact });
	});

	it('every operation has its own description, short enough for a tool list', () => {
		const descriptions = operations.map(({ resource, operation }) =>
			toolDescriptionFor(resource, operation),
		);
		expect(operations.length).toBeGreaterThan(90);
		expect(new Set(descriptions).size).toBe(descriptions.length);
		expect(descriptions.filter((text) => text.length > 120)).toEqual([]);
	});
});
