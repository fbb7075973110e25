import type { INodePropertyOptions } from 'n8n-workflow';

import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { toolDescriptionFor } from './helpers/tool';

/**
 * What an AI agent reads about each Hero Health tool: n8n builds it from the operation's `action`
 * ("<action> in Hero Health") unless the user writes one. These are the facts an agent needs to use
 * the operation safely and to know what comes next.
 */
const FACTS: Array<[string, string, RegExp[]]> = [
	['patient', 'pdsLookup', [/PDS/, /Hero patient ID/, /registering them in Hero/]],
	['patient', 'register', [/without a PDS trace/, /creates or updates/]],
	['patient', 'get', [/Hero patient ID/]],
	['patient', 'merge', [/for good/, /Preview Merge/]],
	['patient', 'previewMerge', [/token Merge needs/]],
	['booking', 'getSlots', [/free slots/, /Reserve/]],
	['booking', 'reserve', [/holds the time until reserved_until/, /Confirm books it/]],
	['booking', 'confirm', [/reserved appointment/, /booking it for the patient/]],
	['booking', 'cancel', [/emails the patient/]],
	['booking', 'reschedule', [/confirmed appointment/]],
	['message', 'send', [/cannot be unsent/, /SMS uses SMS credits/]],
	['message', 'sendBatch', [/all its recipients/, /cannot be unsent/, /SMS credits/]],
	['message', 'createBatch', [/nothing is sent until Send Batch/]],
	['practiceGroup', 'getSmsCredits', [/every SMS sent uses/]],
	['practiceGroup', 'getLocations', [/Get Many Slots and Reserve/]],
	['practiceGroup', 'getPractitioners', [/Get Many Slots and Reserve/]],
	['practiceGroup', 'getAppointmentTypes', [/Get Many Slots and Reserve/]],
	['apiKey', 'revoke', [/for good/, /stops working/]],
	['link', 'createBookingLink', [/Message Send/]],
	['link', 'createAttachmentLink', [/attachment_uuid/, /Message Send/]],
	['webhook', 'create', [/Hero then sends that event/]],
	['webhook', 'delete', [/stops sending/]],
	['episode', 'createNote', [/only by staff/]],
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
