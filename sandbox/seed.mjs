// @ts-check
// The sandbox's seed: one practice group with its locations, practitioners, appointment types,
// slots, patients and a little of everything else. Deterministic: the same IDs, names and numbers
// every time; only slot times move with the calendar (they are always the next 14 days).
//
// Every person here is made up. NHS numbers are in the 999 range (never issued to real patients),
// mobiles in Ofcom's 07700 900xxx drama range, emails at example.com.

/** True for a 10-digit NHS number whose last digit is its Modulus 11 check digit. @param {string} digits */
export function isValidNhsNumber(digits) {
	if (!/^\d{10}$/.test(digits)) return false;
	let sum = 0;
	for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
	const check = 11 - (sum % 11);
	const expected = check === 11 ? 0 : check;
	return expected !== 10 && expected === Number(digits[9]);
}

export const PRACTICE_GROUP = {
	id: '731',
	name: 'Riverside Sandbox Practice',
	sector: 'nhs',
	ods_code: 'Y99999',
	address: {
		line_1: '1 Riverside Way',
		line_2: 'Kirkstall',
		town: 'Leeds',
		county: 'West Yorkshire',
		postcode: 'LS5 3AA',
		country: 'United Kingdom',
	},
};

export const LOCATIONS = [
	{
		id: '11',
		name: 'Riverside Surgery',
		line_1: '1 Riverside Way',
		town: 'Leeds',
		postcode: 'LS5 3AA',
	},
	{
		id: '12',
		name: 'Hillside Branch Surgery',
		line_1: '40 Hill Road',
		town: 'Leeds',
		postcode: 'LS6 4BB',
	},
	{
		id: '13',
		name: 'Community Health Hub',
		line_1: '7 Market Street',
		town: 'Leeds',
		postcode: 'LS1 6CC',
	},
];

/**
 * Practitioners and when they work: on weekdays, each block gives slots of the block's appointment
 * type back to back from `from` to `to` (UTC) at the practitioner's location.
 */
export const PRACTITIONERS = [
	{
		id: '21',
		title: 'Dr',
		first_name: 'Amelia',
		last_name: 'Hart',
		type: 'GP',
		email: 'amelia.hart@example.com',
		contact_number: '0113 496 0001',
		location_id: '11',
		blocks: [{ appointment_type_id: '31', from: '09:00', to: '12:00' }],
	},
	{
		id: '22',
		title: 'Dr',
		first_name: 'Rajesh',
		last_name: 'Patel',
		type: 'GP',
		email: 'rajesh.patel@example.com',
		contact_number: '0113 496 0002',
		location_id: '12',
		blocks: [{ appointment_type_id: '31', from: '14:00', to: '17:00' }],
	},
	{
		id: '23',
		title: 'Mrs',
		first_name: 'Sarah',
		last_name: 'Jones',
		type: 'Nurse',
		email: 'sarah.jones@example.com',
		contact_number: null,
		location_id: '11',
		blocks: [
			{ appointment_type_id: '32', from: '09:00', to: '12:00' },
			{ appointment_type_id: '34', from: '14:00', to: '15:00' },
		],
	},
	{
		id: '24',
		title: null,
		first_name: 'Tom',
		last_name: 'Okafor',
		type: 'Healthcare Assistant',
		email: null,
		contact_number: null,
		location_id: '13',
		blocks: [{ appointment_type_id: '33', from: '08:30', to: '10:30' }],
	},
];

export const APPOINTMENT_TYPES = [
	{
		id: '31',
		name: 'GP Appointment',
		duration: 15,
		practitioner_type: 'GP',
		telephone: true,
		form_id: null,
	},
	{
		id: '32',
		name: 'Nurse Appointment',
		duration: 20,
		practitioner_type: 'Nurse',
		telephone: false,
		form_id: null,
	},
	{
		id: '33',
		name: 'Blood Test',
		duration: 10,
		practitioner_type: 'Nurse',
		telephone: false,
		form_id: '403',
	},
	{
		id: '34',
		name: 'Flu Vaccination',
		duration: 10,
		practitioner_type: 'Nurse',
		telephone: false,
		form_id: null,
	},
];

/**
 * @typedef {{ id: string, first_name: string, last_name: string, title: string|null, sex: string, dob: string, nhs_number: string, postcode: string, address_line_1: string, mobile: string|null, email: string|null, must_verify_identity?: boolean }} SeedPerson
 */

/** The practice's registered patients (IDs 1001-1020). @type {SeedPerson[]} */
export const PATIENTS = [
	[
		'1001',
		'Olivia',
		'Bennett',
		'Mrs',
		'Female',
		'1985-03-14',
		'9990001006',
		'LS6 2AB',
		'12 Cardigan Road',
		'07700900001',
		'olivia.bennett@example.com',
	],
	[
		'1002',
		'James',
		'Carter',
		'Mr',
		'Male',
		'1972-11-02',
		'9990001073',
		'LS6 3CD',
		'8 Headingley Lane',
		'07700900002',
		'james.carter@example.com',
	],
	[
		'1003',
		'Amira',
		'Hussain',
		'Ms',
		'Female',
		'1998-07-21',
		'9990001146',
		'LS7 1EF',
		'3 Chapel Street',
		'07700900003',
		'amira.hussain@example.com',
	],
	[
		'1004',
		'George',
		'Whitfield',
		'Mr',
		'Male',
		'1946-01-30',
		'9990001219',
		'LS8 4GH',
		'27 Roundhay Road',
		'07700900004',
		null,
	],
	[
		'1005',
		'Priya',
		'Sharma',
		'Dr',
		'Female',
		'1991-05-09',
		'9990001286',
		'LS2 7JK',
		'5 Park Square',
		'07700900005',
		'priya.sharma@example.com',
	],
	[
		'1006',
		'Thomas',
		"O'Neill",
		'Mr',
		'Male',
		'1963-09-17',
		'9990001359',
		'LS4 2LM',
		'14 Burley Road',
		'07700900006',
		'thomas.oneill@example.com',
	],
	[
		'1007',
		'Chloe',
		'Davies',
		'Miss',
		'Female',
		'2001-02-28',
		'9990001421',
		'LS3 1NP',
		'9 Kelso Gardens',
		'07700900007',
		'chloe.davies@example.com',
	],
	[
		'1008',
		'Mohammed',
		'Ali',
		'Mr',
		'Male',
		'1979-12-05',
		'9990001499',
		'LS9 6QR',
		'61 York Road',
		'07700900008',
		'mohammed.ali@example.com',
	],
	[
		'1009',
		'Grace',
		'Thompson',
		'Mrs',
		'Female',
		'1955-06-11',
		'9990001561',
		'LS10 3ST',
		'2 Dewsbury Road',
		'07700900009',
		'grace.thompson@example.com',
	],
	[
		'1010',
		'Daniel',
		'Evans',
		'Mr',
		'Male',
		'1988-08-24',
		'9990001634',
		'LS11 5UV',
		'33 Elland Road',
		'07700900010',
		'daniel.evans@example.com',
	],
	[
		'1011',
		'Sofia',
		'Rossi',
		'Ms',
		'Female',
		'1994-10-03',
		'9990001707',
		'LS12 2WX',
		'18 Tong Road',
		'07700900011',
		'sofia.rossi@example.com',
	],
	[
		'1012',
		'William',
		'Hughes',
		'Mr',
		'Male',
		'1938-04-19',
		'9990001774',
		'LS13 1YZ',
		'4 Bramley Close',
		'07700900012',
		null,
	],
	[
		'1013',
		'Emily',
		'Clarke',
		'Miss',
		'Female',
		'2010-09-01',
		'9990001847',
		'LS14 6AB',
		'22 Seacroft Avenue',
		'07700900013',
		null,
	],
	[
		'1014',
		'Kwame',
		'Mensah',
		'Mr',
		'Male',
		'1983-01-15',
		'9990001987',
		'LS15 8CD',
		'7 Cross Gates Road',
		'07700900014',
		'kwame.mensah@example.com',
	],
	[
		'1015',
		'Hannah',
		'Wright',
		'Mrs',
		'Female',
		'1969-11-27',
		'9990002053',
		'LS16 5EF',
		'11 Otley Road',
		'07700900015',
		'hannah.wright@example.com',
	],
	[
		'1016',
		'Oliver',
		'Green',
		'Mr',
		'Male',
		'1996-03-08',
		'9990002126',
		'LS17 7GH',
		'45 Harrogate Road',
		'07700900016',
		'oliver.green@example.com',
	],
	[
		'1017',
		'Fatima',
		'Begum',
		'Mrs',
		'Female',
		'1975-07-30',
		'9990002193',
		'LS18 4JK',
		'6 Town Street',
		'07700900017',
		'fatima.begum@example.com',
	],
	[
		'1018',
		'Alex',
		'Morgan',
		'Mx',
		'Other',
		'2000-12-12',
		'9990002266',
		'LS19 6LM',
		'19 Apperley Lane',
		'07700900018',
		'alex.morgan@example.com',
	],
	[
		'1019',
		'Margaret',
		'Lewis',
		'Mrs',
		'Female',
		'1932-02-14',
		'9990002339',
		'LS20 9NP',
		'1 The Green',
		null,
		null,
	],
	[
		'1020',
		'Samuel',
		'Baker',
		'Mr',
		'Male',
		'1987-06-06',
		'9990002401',
		'LS21 1QR',
		'30 Bridge Street',
		'07700900020',
		'samuel.baker@example.com',
	],
].map(
	([
		id,
		first_name,
		last_name,
		title,
		sex,
		dob,
		nhs_number,
		postcode,
		address_line_1,
		mobile,
		email,
	]) => ({
		id: /** @type {string} */ (id),
		first_name: /** @type {string} */ (first_name),
		last_name: /** @type {string} */ (last_name),
		title,
		sex: /** @type {string} */ (sex),
		dob: /** @type {string} */ (dob),
		nhs_number: /** @type {string} */ (nhs_number),
		postcode: /** @type {string} */ (postcode),
		address_line_1: /** @type {string} */ (address_line_1),
		mobile,
		email,
		// Samuel Baker: PDS cannot confirm him, so Hero asks him to verify his identity first.
		must_verify_identity: id === '1020',
	}),
);

/**
 * People PDS knows who are not yet the practice's patients: a lookup registers them (new IDs from
 * 1021 on, in lookup order) and later lookups find that record.
 * @type {Omit<SeedPerson, 'id'>[]}
 */
export const SPINE_ONLY = [
	[
		'Noah',
		'Patel',
		'Master',
		'Male',
		'2015-04-22',
		'9990002479',
		'LS6 1ST',
		'10 Victoria Road',
		null,
		null,
	],
	[
		'Isla',
		'Robinson',
		'Miss',
		'Female',
		'1999-09-09',
		'9990002541',
		'LS7 2UV',
		'52 Potternewton Lane',
		'07700900022',
		'isla.robinson@example.com',
	],
	[
		'Leo',
		'Kowalski',
		'Mr',
		'Male',
		'1968-03-03',
		'9990002614',
		'LS8 3WX',
		'16 Oakwood Lane',
		'07700900023',
		null,
	],
].map(
	([
		first_name,
		last_name,
		title,
		sex,
		dob,
		nhs_number,
		postcode,
		address_line_1,
		mobile,
		email,
	]) => ({
		first_name: /** @type {string} */ (first_name),
		last_name: /** @type {string} */ (last_name),
		title,
		sex: /** @type {string} */ (sex),
		dob: /** @type {string} */ (dob),
		nhs_number: /** @type {string} */ (nhs_number),
		postcode: /** @type {string} */ (postcode),
		address_line_1: /** @type {string} */ (address_line_1),
		mobile,
		email,
	}),
);

/** A fixed past time for seeded created_at values. */
export const SEED_TIME = '2025-01-06T09:00:00Z';

/** ISO 8601 without milliseconds, as Hero's examples write it. @param {number | Date} time */
export function iso(time) {
	return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** @param {SeedPerson} person */
export function patientRecord(person) {
	const n = Number(person.id);
	return {
		id: person.id,
		uid: `pat_${(n * 7919).toString(36).padStart(8, '0')}`,
		emis_id: String(500000 + n),
		ehr_partner_id: String(500000 + n),
		dob: person.dob,
		deceased_at: null,
		title: person.title,
		first_name: person.first_name,
		last_name: person.last_name,
		sex: person.sex,
		nhs_number: person.nhs_number,
		email: person.email,
		emails: person.email ? [person.email] : [],
		mobile: person.mobile,
		last_sync_at: SEED_TIME,
		address_line_1: person.address_line_1,
		address_line_2: null,
		address_line_3: null,
		country: 'United Kingdom',
		postcode: person.postcode,
		town: 'Leeds',
		county: 'West Yorkshire',
		notes: null,
		verification_credentials: [],
		data_source: 'emis',
		restricted: false,
		sex_changed_at: null,
		status: 'unarchived',
		must_verify_identity: person.must_verify_identity === true,
	};
}

/** @typedef {ReturnType<typeof patientRecord>} PatientRow */

/** @param {string} hhmm */
function minutesOf(hhmm) {
	const [h, m] = hhmm.split(':').map(Number);
	return h * 60 + m;
}

/**
 * Slots for the weekdays of the 14 days after `now`'s date (UTC), IDs from 50001 in order of
 * day, practitioner, time.
 * @param {number} now
 */
export function buildSlots(now) {
	const firstDay = Date.UTC(
		new Date(now).getUTCFullYear(),
		new Date(now).getUTCMonth(),
		new Date(now).getUTCDate() + 1,
	);
	const slots = [];
	let nextId = 50001;
	for (let day = 0; day < 14; day++) {
		const dayStart = firstDay + day * 86_400_000;
		const weekday = new Date(dayStart).getUTCDay();
		if (weekday === 0 || weekday === 6) continue;
		for (const practitioner of PRACTITIONERS) {
			for (const block of practitioner.blocks) {
				const type = APPOINTMENT_TYPES.find((item) => item.id === block.appointment_type_id);
				const duration = type?.duration ?? 15;
				for (
					let minute = minutesOf(block.from);
					minute + duration <= minutesOf(block.to);
					minute += duration
				) {
					const start = dayStart + minute * 60_000;
					slots.push({
						id: String(nextId++),
						practitioner_id: practitioner.id,
						appointment_type_id: block.appointment_type_id,
						location_id: practitioner.location_id,
						start_time: iso(start),
						finish_time: iso(start + duration * 60_000),
						duration,
					});
				}
			}
		}
	}
	return slots;
}

/** @typedef {ReturnType<typeof buildSlots>[number]} SlotRow */

/**
 * @typedef {{
 *   id: string, patient_id: string|null, practitioner_id: string, location_id: string,
 *   appointment_type_id: string, duration: number, start_time: string, reason: string|null,
 *   billpayer_id: string|null, video: boolean, in_person: boolean, telephone: boolean,
 *   link_id: string|null, reserved_until: string|null, booking_confirmed_at: string|null,
 *   cancelled_at: string|null, rescheduled_at: string|null, status: string,
 *   can_be_cancelled: boolean, can_be_rescheduled: boolean, cancellation_policy_hours: number,
 *   suppress_mail: boolean, created_at: string, history: Array<{ at: string, event: string, by: string }>
 * }} AppointmentRow
 */

/**
 * The whole mutable state, fresh from the seed.
 * @param {number} now
 */
export function seedState(now) {
	const slots = buildSlots(now);
	/** @type {Map<string, PatientRow>} */
	const patients = new Map(PATIENTS.map((person) => [person.id, patientRecord(person)]));
	/** @type {Map<string, AppointmentRow>} */
	const appointments = new Map();
	// Two appointments already in the diary: one confirmed, one cancelled.
	const confirmedSlot = slots.find((slot) => slot.practitioner_id === '21');
	const cancelledSlot = slots.find((slot) => slot.practitioner_id === '23');
	for (const [id, slot, patientId, status] of /** @type {const} */ ([
		['40001', confirmedSlot, '1001', 'confirmed'],
		['40002', cancelledSlot, '1002', 'cancelled'],
	])) {
		if (!slot) continue;
		appointments.set(id, {
			id,
			patient_id: patientId,
			practitioner_id: slot.practitioner_id,
			location_id: slot.location_id,
			appointment_type_id: slot.appointment_type_id,
			duration: slot.duration,
			start_time: slot.start_time,
			reason: null,
			billpayer_id: null,
			video: false,
			in_person: true,
			telephone: false,
			link_id: null,
			reserved_until: null,
			booking_confirmed_at: SEED_TIME,
			cancelled_at: status === 'cancelled' ? SEED_TIME : null,
			rescheduled_at: null,
			status,
			can_be_cancelled: status === 'confirmed',
			can_be_rescheduled: status === 'confirmed',
			cancellation_policy_hours: 24,
			suppress_mail: false,
			created_at: SEED_TIME,
			history: [],
		});
	}

	const admins = [
		{
			id: '601',
			first_name: 'Helen',
			last_name: 'Marsh',
			email: 'helen.marsh@example.com',
			external_prescriber_id: null,
			prescriber_details: null,
			signature: null,
		},
		{
			id: '602',
			first_name: 'Amelia',
			last_name: 'Hart',
			email: 'amelia.hart@example.com',
			external_prescriber_id: 'RX-21',
			prescriber_details: {
				name: 'Dr Amelia Hart',
				email: 'amelia.hart@example.com',
				registration_code: '7654321',
			},
			signature: null,
		},
		{
			id: '603',
			first_name: 'Ben',
			last_name: 'Stokes',
			email: 'ben.stokes@example.com',
			external_prescriber_id: null,
			prescriber_details: null,
			signature: null,
		},
	];

	const forms = [
		{
			id: '401',
			title: 'Asthma review',
			description: 'Annual asthma questionnaire',
			patient_title: 'Your asthma review',
			patient_description: 'A few questions before your review',
			reply_form: false,
			form_type: 'questionnaire',
			snomed_code: '184147002',
			fields: [
				{ form_question_id: '4011', name: 'How often do you use your reliever inhaler?' },
				{ form_question_id: '4012', name: 'Have you had an attack this year?' },
			],
		},
		{
			id: '402',
			title: 'Patient reply',
			description: 'Free-text reply to a message',
			patient_title: null,
			patient_description: null,
			reply_form: true,
			form_type: 'response',
			snomed_code: '37291000000107',
			fields: [{ form_question_id: '4021', name: 'Your reply' }],
		},
		{
			id: '403',
			title: 'Blood test preparation',
			description: 'Checks before a blood test',
			patient_title: 'Before your blood test',
			patient_description: null,
			reply_form: false,
			form_type: 'appointment',
			snomed_code: null,
			fields: [{ form_question_id: '4031', name: 'Have you fasted?' }],
		},
		{
			id: '404',
			title: 'Care navigation',
			description: 'Tell us what you need help with',
			patient_title: 'How can we help?',
			patient_description: null,
			reply_form: false,
			form_type: 'care_navigation',
			snomed_code: '1068881000000101',
			fields: [
				{ form_question_id: '4041', name: 'What is the problem?' },
				{ form_question_id: '4042', name: 'How long has it been going on?' },
			],
		},
	];

	/** @type {Array<Record<string, any>>} */
	const formResponses = [
		{
			id: 801,
			form_id: 401,
			client_id: 1001,
			appointment_id: null,
			invoice_id: null,
			practice_group_id: 731,
			created_at: SEED_TIME,
			updated_at: SEED_TIME,
			hidden: false,
			emis_file_record_at: null,
			short_link_id: null,
			admin_id: null,
			write_to_record_error: null,
			answers: [
				{ form_question_id: '4011', value: 'Twice a week' },
				{ form_question_id: '4012', value: 'No' },
			],
		},
		{
			id: 802,
			form_id: 404,
			client_id: 1003,
			appointment_id: null,
			invoice_id: null,
			practice_group_id: 731,
			created_at: SEED_TIME,
			updated_at: SEED_TIME,
			hidden: false,
			emis_file_record_at: null,
			short_link_id: null,
			admin_id: null,
			write_to_record_error: null,
			answers: [
				{ form_question_id: '4041', value: 'Repeat prescription' },
				{ form_question_id: '4042', value: '1 week' },
			],
		},
	];

	const tasks = [
		{
			id: '7001',
			episode_id: '901',
			type_label: 'Care navigation request',
			status: 'open',
			priority: 'medium',
			details: 'Repeat prescription request',
			category: 'care_navigation',
			patient_id: '1003',
			assignee_type: null,
			assignee_id: null,
		},
		{
			id: '7002',
			episode_id: '902',
			type_label: 'Patient reply',
			status: 'in_progress',
			priority: 'high',
			details: 'Replied to blood results message',
			category: 'message_reply',
			patient_id: '1001',
			assignee_type: 'admin',
			assignee_id: '601',
		},
		{
			id: '7003',
			episode_id: '903',
			type_label: 'Questionnaire submitted',
			status: 'closed',
			priority: 'low',
			details: null,
			category: 'questionnaire',
			patient_id: '1005',
			assignee_type: 'admin_team',
			assignee_id: '611',
		},
	];

	const episodes = [
		{
			id: '901',
			status: 'open',
			priority: 'medium',
			assignees: [{ type: 'Unassigned', name: null }],
			created_at: '2025-01-06T09:00:00Z',
		},
		{
			id: '902',
			status: 'in_progress',
			priority: 'high',
			assignees: [{ type: 'Admin', name: 'Helen Marsh' }],
			created_at: '2025-01-07T10:30:00Z',
		},
		{
			id: '903',
			status: 'closed',
			priority: 'low',
			assignees: [{ type: 'AdminTeam', name: 'Reception' }],
			created_at: '2025-01-08T11:45:00Z',
		},
	];

	return {
		practiceGroup: structuredClone(PRACTICE_GROUP),
		practiceGroupExtras: {
			sms_credit_count: 1000,
			prescription_partner_enabled: false,
			prescription_partner: null,
		},
		locations: structuredClone(LOCATIONS),
		practitioners: PRACTITIONERS.map(({ blocks: _blocks, ...rest }) => ({ ...rest })),
		appointmentTypes: structuredClone(APPOINTMENT_TYPES),
		slots,
		patients,
		spineOnly: structuredClone(SPINE_ONLY),
		nextPatientId: 1021,
		appointments,
		nextAppointmentId: 40003,
		/** @type {Map<string, any>} */
		messages: new Map(),
		nextMessageId: 70001,
		/** @type {Map<string, any>} */
		batches: new Map(),
		nextBatchId: 7501,
		templates: [
			{
				id: '301',
				name: 'Blood test results ready',
				content: 'Your blood test results are ready. Please call the surgery.',
				has_follow_up: false,
			},
			{
				id: '302',
				name: 'Flu vaccination invite',
				content: 'You are due a flu vaccination. Book here: {link}',
				has_follow_up: true,
			},
			{
				id: '303',
				name: 'Appointment reminder',
				content: 'Reminder: you have an appointment on {date}.',
				has_follow_up: false,
			},
		],
		automatedMessages: [
			{
				id: '351',
				name: 'Appointment reminder (24h)',
				trigger: 'appointment_reminder',
				active: true,
				created_at: SEED_TIME,
			},
			{
				id: '352',
				name: 'Post-appointment survey',
				trigger: 'appointment_completed',
				active: false,
				created_at: SEED_TIME,
			},
		],
		/** @type {Map<string, any>} */
		webhooks: new Map(),
		nextWebhookId: 1,
		/** @type {Map<string, any>} */
		bookingLinks: new Map(),
		nextBookingLinkId: 201,
		attachmentLinks: /** @type {any[]} */ ([]),
		formLinks: /** @type {any[]} */ ([]),
		nextFormLinkId: 251,
		forms,
		formResponses,
		nextFormResponseId: 803,
		episodes,
		tasks,
		notes: /** @type {any[]} */ ([]),
		nextNoteId: 9501,
		admins,
		apiKeys: [
			{
				id: '81',
				name: 'n8n sandbox',
				partner: 'n8n',
				scopes: ['messaging', 'booking', 'booking_links'],
				created_at: SEED_TIME,
				last_used_at: null,
				revoked_at: null,
			},
			{
				id: '82',
				name: 'Old integration',
				partner: 'legacy',
				scopes: ['messaging'],
				created_at: SEED_TIME,
				last_used_at: SEED_TIME,
				revoked_at: null,
			},
		],
		prescribers: [
			{
				id: '602',
				name: 'Dr Amelia Hart',
				email: 'amelia.hart@example.com',
				registration_code: '7654321',
			},
		],
		pharmacies: [
			{
				id: '1101',
				prescriber_id: '602',
				name: 'Kirkstall Pharmacy',
				email: 'kirkstall.pharmacy@example.com',
				mobile: '07700900501',
			},
		],
		nextPharmacyId: 1102,
		prescriptions: [
			{
				id: '9921',
				patient_id: '1004',
				prescriber_id: '602',
				status: 'issued',
				items: [{ name: 'Amlodipine 5mg tablets', quantity: 28 }],
				issued_at: SEED_TIME,
			},
		],
		consultants: [
			{
				gmc_number: '7000001',
				first_name: 'Eleanor',
				last_name: 'Finch',
				specialty: 'Dermatology',
				hospital: 'Sandbox Hospital',
			},
			{
				gmc_number: '7000002',
				first_name: 'Marcus',
				last_name: 'Osei',
				specialty: 'Cardiology',
				hospital: 'Sandbox Hospital',
			},
			{
				gmc_number: '7000003',
				first_name: 'Lucy',
				last_name: 'Barnes',
				specialty: 'Orthopaedics',
				hospital: 'Riverside Clinic',
			},
		],
		coupons: [
			{ id: 'coupon_10OFF', name: '10% off', applies_to: { products: [] }, percent_off: 10 },
			{ id: 'coupon_5GBP', name: '£5 off', applies_to: { products: [] }, amount_off: 500 },
		],
		customers: [
			{
				id: 'cus_001',
				name: 'Olivia Bennett',
				email: 'olivia.bennett@example.com',
				phone: '07700900001',
				sources: [],
				patient_id: '1001',
			},
		],
		nextCustomerId: 2,
		products: [
			{ id: 'prod_001', name: 'Private GP consultation', price: 8000, currency: 'gbp' },
			{ id: 'prod_002', name: 'Travel vaccination', price: 4500, currency: 'gbp' },
		],
		membershipSchemes: [
			{ id: 'ms_001', name: 'Family membership', price: 2500, interval: 'month' },
			{ id: 'ms_002', name: 'Private GP plan', price: 4000, interval: 'month' },
		],
		pathways: [
			{ id: '1201', name: 'Repeat prescription', form_id: '404', active: true },
			{ id: '1202', name: 'Fit note request', form_id: '404', active: true },
		],
		careNavigationSubmissions: [
			{
				id: '1301',
				pathway_id: '1201',
				patient_id: '1003',
				status: 'open',
				created_at: SEED_TIME,
				form_response_id: '802',
			},
		],
		consultations: [
			{
				id: '1401',
				patient_id: '1001',
				practitioner_id: '21',
				type: 'video',
				status: 'completed',
				started_at: SEED_TIME,
				ended_at: SEED_TIME,
			},
			{
				id: '1402',
				patient_id: '1008',
				practitioner_id: '22',
				type: 'telephone',
				status: 'scheduled',
				started_at: null,
				ended_at: null,
			},
		],
		// Patients' membership-scheme subscriptions (Hero's List Subscriptions filters by patient,
		// scheme and status).
		subscriptions: /** @type {any[]} */ ([
			{
				id: '1501',
				patient_id: '1001',
				scheme_id: 'ms_001',
				scheme_name: 'Family membership',
				status: 'active',
				created_at: SEED_TIME,
			},
			{
				id: '1502',
				patient_id: '1005',
				scheme_id: 'ms_001',
				scheme_name: 'Family membership',
				status: 'cancelled',
				created_at: '2025-02-01T09:00:00Z',
			},
			{
				id: '1503',
				patient_id: '1003',
				scheme_id: 'ms_002',
				scheme_name: 'Private GP plan',
				status: 'active',
				created_at: '2025-03-01T09:00:00Z',
			},
		]),
		/** @type {Map<string, any>} */
		invoices: new Map(),
		nextInvoiceId: 1801,
		invoiceLinks: /** @type {any[]} */ ([]),
		videoLinks: /** @type {any[]} */ ([]),
		nextVideoLinkId: 1901,
		attachments: [
			{
				id: '1601',
				patient_id: '1001',
				ehr_file_id: 'EHR-FILE-1601',
				file_name: 'blood-results.pdf',
				created_at: SEED_TIME,
			},
			{
				id: '1602',
				patient_id: '1001',
				ehr_file_id: 'EHR-FILE-1602',
				file_name: 'discharge-letter.pdf',
				created_at: SEED_TIME,
			},
		],
		snomedCodes: [
			{ code: '279991000000102', term: 'Short message service text message sent to patient' },
			{ code: '401271004', term: 'Sending email to patient' },
			{ code: '184147002', term: 'Questionnaire' },
			{ code: '1068881000000101', term: 'Care navigation' },
			{ code: '37291000000107', term: 'Patient response' },
		],
	};
}

/** @typedef {ReturnType<typeof seedState>} State */
