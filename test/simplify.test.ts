import type { INodeProperties } from 'n8n-workflow';

import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { SIMPLE_FIELDS } from '../nodes/HeroHealth/helpers/output';
import { locator } from './helpers/constants';
import { hero, smsCredits, useHeroMocks } from './helpers/hero';
import { runNode } from './helpers/run';
import { heroHealthTool, withDefaults } from './helpers/tool';

useHeroMocks();

// Hero's full records, with every field its reference shows (patient 28, appointment 18+).
const PATIENT = {
	id: '98765',
	uid: 'pat_0001',
	emis_id: '5501',
	ehr_partner_id: null,
	dob: '1992-01-31',
	deceased_at: null,
	title: 'Ms',
	first_name: 'Ada',
	last_name: 'Lovelace',
	sex: 'Female',
	nhs_number: '9990000018',
	email: 'ada@example.com',
	emails: ['ada@example.com'],
	mobile: '+447700900123',
	last_sync_at: null,
	address_line_1: '1 Park Row',
	address_line_2: null,
	address_line_3: null,
	country: 'United Kingdom',
	postcode: 'LS1 4AP',
	town: 'Leeds',
	county: 'West Yorkshire',
	notes: 'Prefers mornings',
	verification_credentials: [],
	data_source: 'pds',
	restricted: false,
	sex_changed_at: null,
	status: 'unarchived',
};
const APPOINTMENT = {
	id: '4001',
	patient_id: '98765',
	practitioner_id: '22',
	location_id: '5',
	appointment_type_id: '1',
	duration: 10,
	start_time: '2026-03-16T09:00:00Z',
	video: false,
	in_person: true,
	telephone: false,
	link_id: null,
	reserved_until: '2026-03-16T08:10:00Z',
	booking_confirmed_at: null,
	can_be_cancelled: true,
	can_be_rescheduled: false,
	cancellation_policy_hours: 24,
	suppress_mail: false,
	status: 'reserved',
};

// Hero's one-time write-to-record approval token (made up).
const WTR_TOKEN = ['wtr', 'sample', '0123456780'].join('-');

describe('Simplify', () => {
	it('Patient → Get: on, only the listed fields; off, Hero’s whole record', async () => {
		hero().get('/v1/patients/98765').times(2).reply(200, PATIENT);
		const base = {
			resource: 'patient',
			operation: 'get',
			patientId: locator('98765'),
			options: {},
		};

		const on = await runNode({ parameters: { ...base, simple: true } });
		expect(Object.keys(PATIENT)).toHaveLength(28);
		expect(on.json).toEqual([
			{
				id: '98765',
				title: 'Ms',
				first_name: 'Ada',
				last_name: 'Lovelace',
				dob: '1992-01-31',
				nhs_number: '9990000018',
				mobile: '+447700900123',
				email: 'ada@example.com',
				postcode: 'LS1 4AP',
				deceased_at: null,
				restricted: false,
				ehr_partner_id: null,
			},
		]);

		const off = await runNode({ parameters: { ...base, simple: false } });
		expect(off.json).toEqual([PATIENT]);
	});

	it('Booking → Reserve: the appointment’s ten or so fields, and a bare answer still says what happened', async () => {
		hero().post('/v1/appointments').reply(200, APPOINTMENT);
		hero().patch('/v1/appointments/4001/book').reply(200, {});
		const { json } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'reserve',
				appointmentTypeId: locator('1'),
				locationId: locator('5'),
				practitionerId: locator('22'),
				startTime: '2026-03-16T09:00:00Z',
				duration: 10,
				simple: true,
				additionalFields: { patientId: locator('98765') },
			},
		});
		expect(json).toEqual([
			{
				id: '4001',
				patient_id: '98765',
				status: 'reserved',
				start_time: '2026-03-16T09:00:00Z',
				duration: 10,
				practitioner_id: '22',
				location_id: '5',
				appointment_type_id: '1',
				reserved_until: '2026-03-16T08:10:00Z',
				booking_confirmed_at: null,
			},
		]);

		const confirmed = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'confirm',
				appointmentId: '4001',
				simple: true,
				additionalFields: {},
			},
		});
		expect(confirmed.json).toEqual([{ id: '4001', confirmed: true }]);
	});

	it('Message → Send: what was sent and when, without the write-to-record token', async () => {
		smsCredits();
		hero()
			.post('/v1/messages/send')
			.reply(200, {
				message_id: '7001',
				content: 'Please book your review',
				created_at: '2026-03-16T09:00:00Z',
				snomed_code: '1234567',
				write_to_record: true,
				auth_token: WTR_TOKEN,
				confirm_write_to_record_url: `https://app.herohealth.net/wtr?auth_token=${WTR_TOKEN}`,
				submitted_by: 'API',
			});
		const { json, requests } = await runNode({
			parameters: {
				resource: 'message',
				operation: 'send',
				patientId: locator('98765'),
				messageType: 'sms',
				messageText: 'Please book your review',
				simple: true,
				additionalFields: { writeToRecord: true },
			},
		});
		// The SMS-credit read before the first SMS, then the send.
		expect(requests.map(({ method, url }) => `${method} ${new URL(url).pathname}`)).toEqual([
			'GET /v1/me/sms-credits',
			'POST /v1/messages/send',
		]);
		expect(json).toEqual([
			{
				message_id: '7001',
				content: 'Please book your review',
				created_at: '2026-03-16T09:00:00Z',
				write_to_record: true,
				sms_parts: 1,
				sms_encoding: 'GSM-7',
			},
		]);
	});

	it('Episode → Get Many: each task keeps its patient’s name, NHS number, date of birth and mobile', async () => {
		hero()
			.get('/v1/episodes')
			.query(true)
			.reply(200, {
				data: [
					{
						id: '901',
						status: 'open',
						priority: 'high',
						created_at: '2026-03-01T10:00:00Z',
						assignees: [{ type: 'Admin', name: 'Sam Patel', id: '601' }],
						tasks: [
							{
								id: '3001',
								type_label: 'Prescription request',
								details: 'Repeat inhaler',
								category: 'prescription',
								status: 'open',
								patient: {
									uid: 'pat_0001',
									full_name: 'Ms Ada Lovelace',
									nhs_number: '9990000018',
									dob: '1992-01-31',
									mobile: '+447700900123',
									address: { line1: '1 Park Row', town: 'Leeds', postcode: 'LS1 4AP' },
									registered_practitioner_name: 'Dr Amelia Hart',
									membership_scheme_names: [],
								},
							},
						],
					},
				],
				count: 1,
			});
		const { json } = await runNode({
			parameters: {
				resource: 'episode',
				operation: 'getAll',
				returnAll: true,
				simple: true,
				filters: {},
				options: {},
			},
		});
		expect(json).toEqual([
			{
				id: '901',
				status: 'open',
				priority: 'high',
				created_at: '2026-03-01T10:00:00Z',
				assignees: [{ type: 'Admin', name: 'Sam Patel' }],
				tasks: [
					{
						id: '3001',
						type_label: 'Prescription request',
						category: 'prescription',
						status: 'open',
						details: 'Repeat inhaler',
						patient: {
							full_name: 'Ms Ada Lovelace',
							nhs_number: '9990000018',
							dob: '1992-01-31',
							mobile: '+447700900123',
						},
					},
				],
			},
		]);
	});

	it('Booking → Get Many Slots: one simplified item per slot, with the duration Reserve needs', async () => {
		const kept = {
			id: 'S1',
			start_time: '2026-03-16T09:00:00Z',
			finish_time: '2026-03-16T09:10:00Z',
			duration: 10,
			practitioner_id: '22',
			location_id: '5',
			appointment_type_id: '1',
		};
		const slot = { ...kept, session_name: 'Morning surgery', slot_type: 'Routine' };
		hero()
			.get('/v1/slots')
			.query(true)
			.reply(200, { data: [slot, { ...slot, id: 'S2' }], count: 2 });
		const { json } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'getSlots',
				returnAll: true,
				simple: true,
				filters: {},
			},
		});
		expect(json).toEqual([kept, { ...kept, id: 'S2' }]);
	});
});

describe('Simplify toggle', () => {
	const action = new HeroHealth();
	const tool = heroHealthTool();

	/** resource.operation of every operation that shows a Simplify toggle. */
	function operationsWithToggle(properties: INodeProperties[]): string[] {
		return properties
			.filter((property) => property.name === 'simple')
			.flatMap((property) => {
				const show = property.displayOptions?.show ?? {};
				return (show.resource as string[]).flatMap((resource) =>
					(show.operation as string[]).map((operation) => `${resource}.${operation}`),
				);
			});
	}

	it('is offered by every operation that returns a patient, an appointment, slots, messages or an episode', () => {
		const offered = [...new Set(operationsWithToggle(action.description.properties))].sort();
		expect(offered).toEqual(
			[
				'booking.cancel',
				'booking.confirm',
				'booking.get',
				'booking.getSlot',
				'booking.getSlots',
				'booking.reschedule',
				'booking.reserve',
				'booking.update',
				'episode.get',
				'episode.getAll',
				'episode.getAllV2',
				'message.get',
				'message.getAll',
				'message.getBatchMessages',
				'message.send',
				'patient.get',
				'patient.getAll',
				'patient.getEhrCandidates',
			].sort(),
		);
		expect(Object.keys(SIMPLE_FIELDS).sort()).toEqual(
			['appointment', 'episode', 'message', 'patient', 'slot'].sort(),
		);
	});

	it.each([
		['patient', 'get'],
		['booking', 'reserve'],
		['message', 'send'],
		['episode', 'getAll'],
	])('%s.%s: on by default, on the action node and in the AI tool', (resource, operation) => {
		expect(withDefaults(action, { resource, operation }).simple).toBe(true);
		expect(withDefaults(tool, { resource, operation }).simple).toBe(true);
		// Off is stored as the user set it.
		expect(withDefaults(tool, { resource, operation, simple: false }).simple).toBe(false);
		expect(withDefaults(action, { resource, operation, simple: false }).simple).toBe(false);
	});

	it('is absent from operations that do not return such records', () => {
		expect(withDefaults(tool, { resource: 'patient', operation: 'pdsLookup' })).not.toHaveProperty(
			'simple',
		);
	});
});
