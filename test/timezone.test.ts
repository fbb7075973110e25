import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { locator } from './helpers/constants';
import { itemsOf, runNode, type RecordedRequest } from './helpers/run';
import { control, credentials } from './helpers/sandbox';

/**
 * Issue 22: a date-time without a zone is read in the workflow's time zone, on both sides of the
 * clock changes, and reaches Hero (here the local sandbox) as an unambiguous instant. One table
 * over every date-time parameter, taken from the node's built description: a new one that is not
 * in the table fails the first test.
 */

/** `resource.operation.path` of every `dateTime` parameter, collections included. */
function dateTimeParameters(): string[] {
	const found = new Set<string>();
	const walk = (
		list: INodeProperties[],
		resources: string[],
		operations: string[],
		prefix: string,
	) => {
		for (const property of list) {
			const show = property.displayOptions?.show ?? {};
			const inResources = (show.resource as string[] | undefined) ?? resources;
			const inOperations = (show.operation as string[] | undefined) ?? operations;
			const path = `${prefix}${property.name}`;
			if (property.type === 'dateTime') {
				for (const resource of inResources) {
					for (const operation of inOperations) found.add(`${resource}.${operation}.${path}`);
				}
			}
			for (const option of (property.options ?? []) as unknown[]) {
				const entry = option as { values?: INodeProperties[]; type?: string; name: string };
				if (entry.values) {
					walk(entry.values, inResources, inOperations, `${path}.${entry.name}.`);
				} else if (entry.type) {
					walk([entry as INodeProperties], inResources, inOperations, `${path}.`);
				}
			}
		}
	};
	walk(new HeroHealth().description.properties, [], [], '');
	return [...found].sort();
}

interface Case {
	/** The operation's parameters with the date-time set to `value`. */
	parameters: (value: string) => IDataObject;
	/** The name the value has on the wire (body or query). */
	wire: string;
	/** An instant (date-time) or a day (a date field offered with n8n's date-time picker). */
	kind: 'instant' | 'day';
	/** Work in the sandbox the operation needs first (e.g. an appointment not yet confirmed). */
	setup?: () => Promise<IDataObject>;
}

const reserveParameters = {
	resource: 'booking',
	operation: 'reserve',
	appointmentTypeId: locator('31'),
	locationId: locator('11'),
	practitionerId: locator('21'),
	duration: 10,
};

/** A reservation in the sandbox (not confirmed), for Update. */
async function reservedAppointment(): Promise<IDataObject> {
	const { json: slots } = await runNode({
		credentials: credentials(),
		parameters: { resource: 'booking', operation: 'getSlots', returnAll: false, limit: 1 },
	});
	const slot = slots[0];
	const { json } = await runNode({
		credentials: credentials(),
		parameters: {
			resource: 'booking',
			operation: 'reserve',
			appointmentTypeId: locator(String(slot.appointment_type_id)),
			locationId: locator(String(slot.location_id)),
			practitionerId: locator(String(slot.practitioner_id)),
			startTime: String(slot.start_time),
			duration: Number(slot.duration ?? 10),
			additionalFields: {},
		},
	});
	return { appointmentId: String(json[0].id) };
}

const slotCase = (operation: string, option: string, wire: string): Case => ({
	kind: 'instant',
	wire,
	parameters: (value) => ({
		resource: 'booking',
		operation,
		...(operation === 'getSlots' ? { returnAll: false, limit: 1 } : {}),
		filters: { [option]: value },
	}),
});

const bookingLinkCase = (option: string, wire: string): Case => ({
	kind: 'day',
	wire,
	parameters: (value) => ({
		resource: 'link',
		operation: 'createBookingLink',
		appointmentTypeId: locator('31'),
		locationId: locator('11'),
		additionalFields: { [option]: value },
	}),
});

const CASES: Record<string, Case> = {
	'booking.reserve.startTime': {
		kind: 'instant',
		wire: 'start_time',
		parameters: (value) => ({ ...reserveParameters, startTime: value, additionalFields: {} }),
	},
	'booking.reschedule.startTime': {
		kind: 'instant',
		wire: 'start_time',
		parameters: (value) => ({
			resource: 'booking',
			operation: 'reschedule',
			appointmentId: '40001',
			startTime: value,
			additionalFields: {},
		}),
	},
	'booking.update.updateFields.startTime': {
		kind: 'instant',
		wire: 'start_time',
		setup: reservedAppointment,
		parameters: (value) => ({
			resource: 'booking',
			operation: 'update',
			updateFields: { startTime: value },
		}),
	},
	'booking.getSlots.filters.startDate': slotCase('getSlots', 'startDate', 'start_date'),
	'booking.getSlots.filters.endDate': slotCase('getSlots', 'endDate', 'end_date'),
	'booking.countSlots.filters.startDate': slotCase('countSlots', 'startDate', 'start_date'),
	'booking.countSlots.filters.endDate': slotCase('countSlots', 'endDate', 'end_date'),
	'message.send.additionalFields.sendAt': {
		kind: 'instant',
		wire: 'send_at',
		parameters: (value) => ({
			resource: 'message',
			operation: 'send',
			patientId: locator('1001'),
			messageType: 'hero',
			messageText: 'Your results are ready to view.',
			additionalFields: { sendAt: value },
		}),
	},
	'link.createBookingLink.additionalFields.fromDate': bookingLinkCase('fromDate', 'from_date'),
	'link.createBookingLink.additionalFields.toDate': bookingLinkCase('toDate', 'to_date'),
	'link.createBookingLink.additionalFields.expiryDate': bookingLinkCase(
		'expiryDate',
		'expiry_date',
	),
	'link.updateBookingLink.updateFields.fromDate': {
		kind: 'day',
		wire: 'from_date',
		parameters: (value) => ({
			resource: 'link',
			operation: 'updateBookingLink',
			bookingLinkId: '4821',
			updateFields: { fromDate: value },
		}),
	},
	'link.updateBookingLink.updateFields.toDate': {
		kind: 'day',
		wire: 'to_date',
		parameters: (value) => ({
			resource: 'link',
			operation: 'updateBookingLink',
			bookingLinkId: '4821',
			updateFields: { toDate: value },
		}),
	},
	'link.createFormLink.additionalFields.expiryDate': {
		kind: 'day',
		wire: 'expiry_date',
		parameters: (value) => ({
			resource: 'link',
			operation: 'createFormLink',
			formId: locator('401'),
			additionalFields: { expiryDate: value },
		}),
	},
	'link.createVideoLink.additionalFields.expiryDate': {
		kind: 'day',
		wire: 'expiry_date',
		parameters: (value) => ({
			resource: 'link',
			operation: 'createVideoLink',
			additionalFields: { expiryDate: value },
		}),
	},
	'link.createAttachmentLink.additionalFields.expiryDate': {
		kind: 'day',
		wire: 'expiry_date',
		parameters: (value) => ({
			resource: 'link',
			operation: 'createAttachmentLink',
			patientId: locator('1001'),
			fileFrom: 'ehr',
			ehrFileId: 'EHR-FILE-1',
			additionalFields: { expiryDate: value },
		}),
	},
};

/** n8n's own default when neither the workflow nor GENERIC_TIMEZONE sets one. */
const N8N_DEFAULT_ZONE = 'America/New_York';

/**
 * What a practice types (no zone: n8n's date picker), and what must reach Hero in each zone.
 * Summer and winter on both sides of the Atlantic; a value with a zone keeps it everywhere.
 */
const INSTANTS: Array<{ typed: string; London: string; NewYork: string }> = [
	{
		typed: '2027-07-15T10:00:00',
		London: '2027-07-15T09:00:00.000Z',
		NewYork: '2027-07-15T14:00:00.000Z',
	},
	{
		typed: '2027-01-15T10:00:00',
		London: '2027-01-15T10:00:00.000Z',
		NewYork: '2027-01-15T15:00:00.000Z',
	},
	{
		typed: '2027-07-15T10:00:00+02:00',
		London: '2027-07-15T08:00:00.000Z',
		NewYork: '2027-07-15T08:00:00.000Z',
	},
];

/** A day: its date as written without a zone; a UTC time (a JavaScript date) on its date in the zone. */
const DAYS: Array<{ typed: string; London: string; NewYork: string }> = [
	{ typed: '2027-07-15T00:00:00', London: '2027-07-15', NewYork: '2027-07-15' },
	// Midnight UTC: a date cell exported as a date-time, that date in every zone.
	{ typed: '2027-01-15T00:00:00.000Z', London: '2027-01-15', NewYork: '2027-01-15' },
	{ typed: '2027-07-14T23:30:00.000Z', London: '2027-07-15', NewYork: '2027-07-14' },
	{ typed: '2027-01-15T02:00:00.000Z', London: '2027-01-15', NewYork: '2027-01-14' },
];

const ZONES: Array<{ name: string; timezone?: string; column: 'London' | 'NewYork' }> = [
	{ name: 'Europe/London', timezone: 'Europe/London', column: 'London' },
	{ name: 'America/New_York', timezone: 'America/New_York', column: 'NewYork' },
	{ name: `n8n's default (${N8N_DEFAULT_ZONE})`, timezone: undefined, column: 'NewYork' },
];

function sentValues(requests: RecordedRequest[], wire: string): unknown[] {
	return requests
		.filter((request) => request.method !== 'GET' || request.qs?.[wire] !== undefined)
		.map((request) => (request.body as IDataObject | undefined)?.[wire] ?? request.qs?.[wire])
		.filter((value) => value !== undefined);
}

beforeEach(async () => {
	await control.reset();
});

describe('every date-time parameter is read in the workflow’s time zone', () => {
	it('the table covers every date-time parameter of the node’s description', () => {
		const parameters = dateTimeParameters();
		expect(parameters.length).toBeGreaterThanOrEqual(15);
		expect(Object.keys(CASES).sort()).toEqual(parameters);
	});

	describe.each(ZONES)('with the workflow in $name', ({ timezone, column }) => {
		it.each(Object.keys(CASES))('%s', async (key) => {
			const testCase = CASES[key];
			const extra = testCase.setup ? await testCase.setup() : {};
			const rows = testCase.kind === 'instant' ? INSTANTS : DAYS;
			const { requests } = await runNode({
				credentials: credentials(),
				timezone,
				continueOnFail: true,
				items: itemsOf(...rows.map((row) => ({ when: row.typed }))),
				parameters: {
					...testCase.parameters('={{ $json.when }}'),
					...extra,
					// One at a time: the requests come in item order.
					requestOptions: { concurrency: 1 },
				},
			});
			expect(sentValues(requests, testCase.wire)).toEqual(rows.map((row) => row[column]));
		});
	});
});
