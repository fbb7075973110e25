import { BASE_URL, locator } from './helpers/constants';
import { itemsOf, runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const slot = (n: number) => ({
	id: `S${n}`,
	practitioner_id: '22',
	appointment_type_id: '1',
	location_id: '5',
	start_time: '2026-03-16T09:00:00Z',
	finish_time: '2026-03-16T09:10:00Z',
});

describe('booking → Get Many Slots', () => {
	const base = { resource: 'booking', operation: 'getSlots' };

	it('sends the filters Hero names, dates as ISO 8601 UTC (Europe/London, GMT), and outputs one item per slot', async () => {
		hero()
			.get('/v1/slots')
			.query({
				appointment_type_id: '1',
				location_id: '5',
				practitioner_id: '22',
				start_date: '2026-03-16T00:00:00.000Z',
				end_date: '2026-03-20T17:00:00.000Z',
				page_index: 0,
				page_size: 2,
			})
			.reply(200, { data: [slot(1), slot(2)], count: 40 });
		const { json, requests } = await runNode({
			timezone: 'Europe/London',
			parameters: {
				...base,
				returnAll: false,
				limit: 2,
				filters: {
					appointmentTypeId: locator('1', 'list'),
					locationId: locator(' 5 '),
					practitionerId: locator('22'),
					startDate: '2026-03-16T00:00:00',
					endDate: '2026-03-20T18:00:00+01:00',
				},
			},
		});
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE_URL}/v1/slots`]);
		expect(json).toEqual([slot(1), slot(2)]);
	});

	it('leaves out filters that were added but left empty', async () => {
		hero()
			.get('/v1/slots')
			.query({ page_index: 0, page_size: 1 })
			.reply(200, { data: [slot(1)], count: 1 });
		const { json } = await runNode({
			parameters: {
				...base,
				returnAll: false,
				limit: 1,
				filters: { locationId: locator('', 'list') },
			},
		});
		expect(json).toEqual([slot(1)]);
	});

	it('with Return All walks five pages (4 × 100 + 20), keeping the filters on each page', async () => {
		const pages = [100, 100, 100, 100, 20];
		let next = 1;
		pages.forEach((size, pageIndex) => {
			const data = Array.from({ length: size }, () => slot(next++));
			hero()
				.get('/v1/slots')
				.query({ location_id: '5', page_index: pageIndex, page_size: 100 })
				.reply(200, { data, count: 420 });
		});
		const { json, output } = await runNode({
			parameters: { ...base, returnAll: true, filters: { locationId: locator('5') } },
		});
		expect(json).toHaveLength(420);
		expect(json[0].id).toBe('S1');
		expect(json[419].id).toBe('S420');
		expect(new Set(json.map((item) => item.id)).size).toBe(420);
		expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('rejects an End Date before the Start Date without sending anything', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: {
				...base,
				returnAll: true,
				filters: { startDate: '2026-03-20T09:00:00Z', endDate: '2026-03-19T09:00:00Z' },
			},
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe(
			'End Date 2026-03-19T09:00:00.000Z is before Start Date 2026-03-20T09:00:00.000Z (item 0)',
		);
	});

	it('rejects a location ID that is not a Hero ID, naming the field and item', async () => {
		await expect(
			runNode({
				parameters: { ...base, returnAll: true, filters: { locationId: locator('Leeds') } },
			}),
		).rejects.toThrow('Location "Leeds" is not a Hero ID (item 0)');
	});
});

describe('booking → Get Slot, Count Slots', () => {
	it('gets one slot by ID', async () => {
		hero().get('/v1/slots/S7').reply(200, slot(7));
		const { json } = await runNode({
			parameters: { resource: 'booking', operation: 'getSlot', slotId: ' S7 ' },
		});
		expect(json).toEqual([slot(7)]);
	});

	it('counts slots with the same filters, without paging, and outputs {count}', async () => {
		hero()
			.get('/v1/slots/count')
			.query({ practitioner_id: '22', start_date: '2026-03-16T08:00:00.000Z' })
			.reply(200, '12', { 'content-type': 'application/json' });
		const { json } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'countSlots',
				filters: { practitionerId: locator('22'), startDate: '2026-03-16T08:00:00Z' },
			},
		});
		expect(json).toEqual([{ count: 12 }]);
	});

	it('outputs an object answer as it is', async () => {
		hero().get('/v1/slots/count').reply(200, { count: 3 });
		const { json } = await runNode({
			parameters: { resource: 'booking', operation: 'countSlots', filters: {} },
		});
		expect(json).toEqual([{ count: 3 }]);
	});
});

describe('booking → Reserve', () => {
	const base = {
		resource: 'booking',
		operation: 'reserve',
		appointmentTypeId: locator('1', 'list'),
		locationId: locator('5'),
		practitionerId: locator('22'),
		startTime: '2026-03-16T09:30:00',
		duration: 10,
		additionalFields: {},
	};

	it('posts the reservation with Hero’s field names and outputs id and reserved_until', async () => {
		hero()
			.post('/v1/appointments', {
				appointment_type_id: '1',
				location_id: '5',
				practitioner_id: '22',
				start_time: '2026-03-16T08:30:00.000Z',
				duration: 15,
				patient_id: '98765',
				reason: 'Asthma review',
				suppress_mail: true,
				suppress_availability_check: false,
			})
			.reply(200, { id: '48213', reserved_until: '2026-03-16T08:15:00Z' });
		const { json } = await runNode({
			parameters: {
				...base,
				startTime: '2026-03-16T09:30:00+01:00',
				duration: 15,
				additionalFields: {
					patientId: locator('98765'),
					reason: ' Asthma review ',
					suppressMail: true,
					suppressAvailabilityCheck: false,
				},
			},
		});
		expect(json).toEqual([{ id: '48213', reserved_until: '2026-03-16T08:15:00Z' }]);
	});

	it('reads a start time without a zone in the workflow’s zone (London in March: GMT) and sends only the required fields', async () => {
		hero()
			.post('/v1/appointments', {
				appointment_type_id: '1',
				location_id: '5',
				practitioner_id: '22',
				start_time: '2026-03-16T09:30:00.000Z',
				duration: 10,
			})
			.reply(200, { id: '1', reserved_until: null });
		const { json } = await runNode({ parameters: base, timezone: 'Europe/London' });
		expect(json).toEqual([{ id: '1', reserved_until: null }]);
	});

	it('rejects a start time that is not ISO 8601 before sending, naming field and item', async () => {
		const rows = ['2026-03-16T09:30:00Z', '16/03/2026 9:30', '2026-03-16T10:00:00Z'];
		hero()
			.post('/v1/appointments', (body) => body.start_time === '2026-03-16T09:30:00.000Z')
			.reply(200, { id: '1', reserved_until: null });
		hero()
			.post('/v1/appointments', (body) => body.start_time === '2026-03-16T10:00:00.000Z')
			.reply(200, { id: '3', reserved_until: null });
		const { output, requests } = await runNode({
			items: itemsOf(...rows.map((start) => ({ start }))),
			continueOnFail: true,
			parameters: { ...base, startTime: '={{ $json.start }}' },
		});
		expect(requests).toHaveLength(2);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toEqual({ id: '1', reserved_until: null });
		expect(output[1].json.error).toBe(
			'Start Time "16/03/2026 9:30" is not an ISO 8601 date-time (item 1)',
		);
		expect(output[2].json).toEqual({ id: '3', reserved_until: null });
	});

	it('fails the node on a bad start time without Continue On Fail', async () => {
		await expect(runNode({ parameters: { ...base, startTime: 'tomorrow' } })).rejects.toThrow(
			'Start Time "tomorrow" is not an ISO 8601 date-time (item 0)',
		);
	});

	it.each([
		[0, 'Duration (Minutes) "0" is not a whole number of minutes, 1 or more (item 0)'],
		[7.5, 'Duration (Minutes) "7.5" is not a whole number of minutes, 1 or more (item 0)'],
	])('rejects a duration of %p', async (duration, message) => {
		await expect(runNode({ parameters: { ...base, duration } })).rejects.toThrow(message);
	});

	it('rejects a missing practitioner', async () => {
		await expect(
			runNode({ parameters: { ...base, practitionerId: locator('={{ "" }}', 'list') } }),
		).rejects.toThrow('Practitioner is empty (item 0)');
	});
});

describe('booking → Confirm', () => {
	it('books the reservation for the patient with PATCH /v1/appointments/{id}/book', async () => {
		hero()
			.patch('/v1/appointments/48213/book', { patient_id: '98765' })
			.reply(200, { id: '48213', booking_confirmed_at: '2026-03-10T12:00:00Z' });
		const { json } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'confirm',
				appointmentId: '48213',
				additionalFields: { patientId: locator('98765', 'list') },
			},
		});
		expect(json).toEqual([{ id: '48213', booking_confirmed_at: '2026-03-10T12:00:00Z' }]);
	});

	it('sends no body without a patient and says it confirmed when Hero answers nothing', async () => {
		hero().patch('/v1/appointments/48213/book').reply(200, '');
		const { json, requests } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'confirm',
				appointmentId: '48213',
				additionalFields: {},
			},
		});
		expect(json).toEqual([{ id: '48213', confirmed: true }]);
		// The node hands n8n an empty object; n8n's HTTP client sends no body for it.
		expect(requests[0].body).toBeUndefined();
	});

	it('rejects an appointment ID that is not a Hero ID', async () => {
		await expect(
			runNode({
				parameters: {
					resource: 'booking',
					operation: 'confirm',
					appointmentId: 'abc',
					additionalFields: {},
				},
			}),
		).rejects.toThrow('Appointment ID "abc" is not a Hero ID (item 0)');
	});
});

describe('booking → Get, Get Status, Get Booking Links', () => {
	const appointment = {
		id: '48213',
		patient_id: '98765',
		practitioner_id: '22',
		location_id: '5',
		appointment_type_id: '1',
		duration: 10,
		start_time: '2026-03-16T09:30:00Z',
		booking_confirmed_at: null,
	};

	it('gets an appointment', async () => {
		hero().get('/v1/appointments/48213').reply(200, appointment);
		const { json } = await runNode({
			parameters: { resource: 'booking', operation: 'get', appointmentId: ' 48213 ' },
		});
		expect(json).toEqual([appointment]);
	});

	it('outputs a status object as it is, and a bare status as {id, status}', async () => {
		hero().get('/v1/appointments/48213/status').reply(200, { status: 'confirmed' });
		hero()
			.get('/v1/appointments/48214/status')
			.reply(200, '"reserved"', { 'content-type': 'application/json' });
		const first = await runNode({
			parameters: { resource: 'booking', operation: 'getStatus', appointmentId: '48213' },
		});
		expect(first.json).toEqual([{ status: 'confirmed' }]);
		const second = await runNode({
			parameters: { resource: 'booking', operation: 'getStatus', appointmentId: '48214' },
		});
		expect(second.json).toEqual([{ id: '48214', status: 'reserved' }]);
	});

	it('lists booking links from v2, one item per link', async () => {
		hero()
			.get('/v2/bookinglinks')
			.query({ page_index: 0, page_size: 2 })
			.reply(200, { data: [{ id: 'L1' }, { id: 'L2' }], count: 8 });
		const { json } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'getBookingLinks',
				returnAll: false,
				limit: 2,
			},
		});
		expect(json).toEqual([{ id: 'L1' }, { id: 'L2' }]);
	});
});

describe('booking → Update', () => {
	const current = {
		id: '48213',
		practitioner_id: '22',
		location_id: '5',
		appointment_type_id: '1',
		duration: 10,
		start_time: '2026-03-16T09:30:00.000Z',
		booking_confirmed_at: null,
	};

	it('reads the reservation, then PUTs it with the changes and the current values of the rest', async () => {
		hero().get('/v1/appointments/48213').reply(200, current);
		hero()
			.put('/v1/appointments/48213', {
				start_time: '2026-03-16T11:00:00.000Z',
				duration: 10,
				practitioner_id: '23',
				suppress_mail: true,
			})
			.reply(200, { ...current, start_time: '2026-03-16T11:00:00.000Z', practitioner_id: '23' });
		const { json } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'update',
				appointmentId: '48213',
				updateFields: {
					startTime: '2026-03-16T11:00:00Z',
					practitionerId: locator('23'),
					suppressMail: true,
				},
			},
		});
		expect(json).toEqual([
			{ ...current, start_time: '2026-03-16T11:00:00.000Z', practitioner_id: '23' },
		]);
	});

	it('refuses a confirmed appointment after reading it, pointing to Reschedule', async () => {
		hero()
			.get('/v1/appointments/48213')
			.reply(200, { ...current, booking_confirmed_at: '2026-03-10T12:00:00Z' });
		const { output } = await runNode({
			continueOnFail: true,
			parameters: {
				resource: 'booking',
				operation: 'update',
				appointmentId: '48213',
				updateFields: { duration: 20 },
			},
		});
		expect(output[0].json.error).toBe(
			'Appointment 48213 is already confirmed, and Update only changes reservations (item 0)',
		);
		// n8n keeps the node's error on the item (its JSON is only { error: message }).
		expect(output[0].error?.description).toBe('Use Reschedule to move a confirmed appointment');
	});

	it('rejects empty Update Fields without sending anything', async () => {
		await expect(
			runNode({
				parameters: {
					resource: 'booking',
					operation: 'update',
					appointmentId: '48213',
					updateFields: {},
				},
			}),
		).rejects.toThrow('Update Fields is empty: add at least one field to change (item 0)');
	});
});

describe('booking → Cancel, Reschedule', () => {
	it('cancels with the options and says so when Hero answers nothing', async () => {
		hero()
			.patch('/v1/appointments/48213/cancel', {
				suppress_mail: true,
				suppress_cancellation_policy: true,
			})
			.reply(200, '');
		const { json } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'cancel',
				appointmentId: '48213',
				options: { suppressMail: true, suppressCancellationPolicy: true },
			},
		});
		expect(json).toEqual([{ id: '48213', cancelled: true }]);
	});

	it('cancels with no body when no option is set', async () => {
		hero().patch('/v1/appointments/48213/cancel').reply(200, { id: '48213' });
		const { json, requests } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'cancel',
				appointmentId: '48213',
				options: {},
			},
		});
		expect(json).toEqual([{ id: '48213' }]);
		expect(requests[0].body).toBeUndefined();
	});

	it('reschedules with the new start time and the additional fields', async () => {
		hero()
			.patch('/v1/appointments/48213/reschedule', {
				start_time: '2026-03-17T14:00:00.000Z',
				duration: 20,
				practitioner_id: '23',
				suppress_availability_check: true,
			})
			.reply(200, '');
		const { json } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'reschedule',
				appointmentId: '48213',
				startTime: '2026-03-17T14:00:00Z',
				additionalFields: {
					duration: 20,
					practitionerId: locator('23'),
					suppressAvailabilityCheck: true,
				},
			},
		});
		expect(json).toEqual([
			{ id: '48213', rescheduled: true, start_time: '2026-03-17T14:00:00.000Z' },
		]);
	});

	it('rejects a bad new start time', async () => {
		await expect(
			runNode({
				parameters: {
					resource: 'booking',
					operation: 'reschedule',
					appointmentId: '48213',
					startTime: '2026-02-30T10:00:00Z',
					additionalFields: {},
				},
			}),
		).rejects.toThrow('New Start Time "2026-02-30T10:00:00Z" is not a real date (item 0)');
	});
});

describe('optional collections', () => {
	it('hold no required field, which n8n would flag on every operation', async () => {
		const { HeroHealth } = await import('../nodes/HeroHealth/HeroHealth.node');
		const mine = ['booking', 'practiceGroup', 'form', 'formResponse', 'webhook'];
		const flagged: string[] = [];
		for (const parameter of new HeroHealth().description.properties) {
			const resources = (parameter.displayOptions?.show?.resource ?? []) as string[];
			if (parameter.type !== 'collection' || !resources.some((r) => mine.includes(r))) continue;
			for (const option of (parameter.options ?? []) as Array<{
				name: string;
				required?: boolean;
			}>) {
				if (option.required)
					flagged.push(`${resources.join('/')}: ${parameter.name}.${option.name}`);
			}
		}
		expect(flagged).toEqual([]);
	});
});
