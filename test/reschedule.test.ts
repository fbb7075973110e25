import type { IDataObject } from 'n8n-workflow';

import { locator } from './helpers/constants';
import { hero, useHeroMocks } from './helpers/hero';
import { runNode } from './helpers/run';
import { control, credentials } from './helpers/sandbox';

/**
 * Booking → Reschedule sends what Edit Appointment requires (start_time, duration,
 * practitioner_id), reading the ones left out from the appointment, with Update's code.
 */

useHeroMocks();

const current = {
	id: '48213',
	practitioner_id: '22',
	location_id: '5',
	appointment_type_id: '1',
	duration: 15,
	start_time: '2026-03-16T09:30:00.000Z',
	booking_confirmed_at: '2026-03-10T12:00:00Z',
};

const reschedule = (additionalFields: IDataObject, startTime = '2026-03-17T14:00:00Z') => ({
	resource: 'booking',
	operation: 'reschedule',
	appointmentId: '48213',
	startTime,
	additionalFields,
});

describe('booking → Reschedule (Hero faked)', () => {
	it('reads the appointment and sends its duration and practitioner with the new time', async () => {
		hero().get('/v1/appointments/48213').reply(200, current);
		hero()
			.patch('/v1/appointments/48213/reschedule', {
				start_time: '2026-03-17T14:00:00.000Z',
				duration: 15,
				practitioner_id: '22',
				suppress_mail: true,
			})
			.reply(200, { ...current, start_time: '2026-03-17T14:00:00.000Z' });
		const { json, requests } = await runNode({
			parameters: reschedule({ suppressMail: true }),
		});
		expect(requests.map((request) => request.method)).toEqual(['GET', 'PATCH']);
		expect(json).toEqual([{ ...current, start_time: '2026-03-17T14:00:00.000Z' }]);
	});

	it('keeps what the user gives over the current values', async () => {
		hero().get('/v1/appointments/48213').reply(200, current);
		hero()
			.patch('/v1/appointments/48213/reschedule', {
				start_time: '2026-03-17T14:00:00.000Z',
				duration: 30,
				practitioner_id: '22',
			})
			.reply(200, '');
		const { json } = await runNode({ parameters: reschedule({ duration: 30 }) });
		expect(json).toEqual([
			{ id: '48213', rescheduled: true, start_time: '2026-03-17T14:00:00.000Z' },
		]);
	});

	it('sends without reading when nothing is left out', async () => {
		hero()
			.patch('/v1/appointments/48213/reschedule', {
				start_time: '2026-03-17T14:00:00.000Z',
				duration: 20,
				practitioner_id: '23',
			})
			.reply(200, '');
		const { requests } = await runNode({
			parameters: reschedule({ duration: 20, practitionerId: locator('23') }),
		});
		expect(requests.map((request) => request.method)).toEqual(['PATCH']);
	});

	it('sends nothing when the appointment cannot be read', async () => {
		hero().get('/v1/appointments/48213').reply(404, { message: 'Appointment not found' });
		const { output, requests } = await runNode({
			parameters: reschedule({}),
			continueOnFail: true,
		});
		expect(requests.map((request) => request.method)).toEqual(['GET']);
		expect(output[0].json.error).toBe(
			'Hero found nothing at GET /v1/appointments/48213 (404): check the ID',
		);
	});
});

describe('booking → Reschedule (sandbox, which requires all three)', () => {
	beforeEach(async () => {
		await control.reset();
	});

	type Appointment = { id: string; start_time: string; duration: number; practitioner_id: string };
	const appointment = async (id: string) =>
		((await control.state()).appointments as Appointment[]).find(
			(row) => row.id === id,
		) as Appointment;

	it('moves a confirmed appointment given only the new time, keeping duration and practitioner', async () => {
		const before = await appointment('40001');
		const { json: slots } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'getSlots',
				returnAll: false,
				limit: 5,
				filters: { practitionerId: locator(before.practitioner_id) },
			},
			credentials: credentials(),
		});
		const target = slots.find((slot) => slot.start_time !== before.start_time) as IDataObject;
		const { json } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'reschedule',
				appointmentId: '40001',
				startTime: String(target.start_time),
				additionalFields: {},
			},
			credentials: credentials(),
		});
		expect(json[0]).toMatchObject({ id: '40001', start_time: target.start_time });
		const after = await appointment('40001');
		expect(after).toMatchObject({
			start_time: target.start_time,
			duration: before.duration,
			practitioner_id: before.practitioner_id,
		});
		expect((await control.counters()).validationFailures).toBe(0);
	});
});
