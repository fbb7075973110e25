// @ts-check
// Practice Group: the practice, its locations, practitioners and appointment types.
import { createHmac } from 'node:crypto';

import { availability, freeSlots } from './appointments.mjs';
import { list, notFound, qBool, qList } from './common.mjs';
import { DEFAULT_SNOMED } from './message.mjs';

/**
 * @typedef {import('./common.mjs').Handler} Handler
 * @typedef {import('./common.mjs').State} State
 */

/** @param {string} text */
function base64url(text) {
	return Buffer.from(text).toString('base64url');
}

/** @param {State} state */
function practiceGroupView(state) {
	return {
		...state.practiceGroup,
		prescription_partner_enabled: state.practiceGroupExtras.prescription_partner_enabled,
		prescription_partner: state.practiceGroupExtras.prescription_partner,
		authenticated_as: {
			id: '601',
			first_name: 'Helen',
			last_name: 'Marsh',
			email: 'helen.marsh@example.com',
		},
	};
}

/** @param {State} state @param {any} practitioner @param {import('../seed.mjs').SlotRow[]} free */
function practitionerView(state, practitioner, free) {
	const own = free.filter((slot) => slot.practitioner_id === practitioner.id);
	const types = new Set(
		state.slots
			.filter((slot) => slot.practitioner_id === practitioner.id)
			.map((slot) => slot.appointment_type_id),
	);
	return {
		id: practitioner.id,
		name: [practitioner.title, practitioner.first_name, practitioner.last_name]
			.filter(Boolean)
			.join(' '),
		title: practitioner.title,
		first_name: practitioner.first_name,
		last_name: practitioner.last_name,
		...availability(own),
		email: practitioner.email,
		contact_number: practitioner.contact_number,
		type: practitioner.type,
		location_ids: [practitioner.location_id],
		appointment_type_ids: [...types],
	};
}

/** @type {Record<string, Handler>} */
export const handlers = {
	'practiceGroup.get': ({ state }) => practiceGroupView(state),
	'practiceGroup.update': ({ state, body }) => {
		if (body.name !== undefined) state.practiceGroup.name = body.name;
		if (body.address !== undefined)
			state.practiceGroup.address = { ...state.practiceGroup.address, ...body.address };
		for (const key of /** @type {const} */ ([
			'prescription_partner_enabled',
			'prescription_partner',
		])) {
			if (body[key] !== undefined) /** @type {any} */ (state.practiceGroupExtras)[key] = body[key];
		}
		return practiceGroupView(state);
	},
	'practiceGroup.getConfiguration': ({ ctx }) => ({
		ehr: 'emis',
		sms_provider: 'firetext',
		booking: {
			reservation_minutes: ctx.config.reservationSeconds / 60,
			default_cancellation_policy_hours: 24,
		},
		messaging: { default_snomed_codes: DEFAULT_SNOMED, nhs_app_fallback_after_minutes: 60 },
	}),
	'practiceGroup.getSmsCredits': ({ state }) => ({
		sms_credit_count: state.practiceGroupExtras.sms_credit_count,
	}),
	'practiceGroup.getNetwork': ({ state }) => ({
		data: [
			{ id: state.practiceGroup.id, name: state.practiceGroup.name },
			{ id: '732', name: 'Hillside Sandbox PCN Hub' },
		],
		count: 2,
	}),
	'practiceGroup.createAccessToken': ({ ctx }) => {
		const now = Math.floor(ctx.now() / 1000);
		const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const payload = base64url(
			JSON.stringify({ sub: ctx.practiceGroupId, iat: now, exp: now + 1800, iss: 'hero-sandbox' }),
		);
		const signature = createHmac('sha256', 'hero-sandbox-elements')
			.update(`${header}.${payload}`)
			.digest('base64url');
		return { access_token: `${header}.${payload}.${signature}` };
	},
	'practiceGroup.getAppointmentTypes': (req) => {
		const locations = qList(req, 'location_ids');
		const hasAvailability = qBool(req, 'has_availability');
		const free = freeSlots(req.state, req.ctx.now()).filter(
			(slot) => !locations.length || locations.includes(slot.location_id),
		);
		const items = req.state.appointmentTypes
			.map((type) => ({
				id: type.id,
				name: type.name,
				partner_slot_name: type.name,
				...availability(free.filter((slot) => slot.appointment_type_id === type.id)),
				price: 0,
				assignee_id: null,
				assignee_type: null,
				sector: 'nhs',
				duration: type.duration,
				video: false,
				in_person: true,
				telephone: type.telephone,
				use_partner_bookable_slots: false,
				admin_booking_invoice_required: false,
				form_id: type.form_id,
				practitioner_type: type.practitioner_type,
			}))
			.filter((type) =>
				hasAvailability === undefined ? true : hasAvailability === type.slot_count > 0,
			)
			.filter(
				(type) =>
					!locations.length ||
					req.state.slots.some(
						(slot) => slot.appointment_type_id === type.id && locations.includes(slot.location_id),
					),
			);
		return list(req, items);
	},
	'practiceGroup.getLocations': (req) => {
		const types = qList(req, 'appointment_type_ids');
		const hasAvailability = qBool(req, 'has_availability');
		const free = freeSlots(req.state, req.ctx.now()).filter(
			(slot) => !types.length || types.includes(slot.appointment_type_id),
		);
		const items = req.state.locations
			.filter(
				(location) =>
					!types.length ||
					req.state.slots.some(
						(slot) => slot.location_id === location.id && types.includes(slot.appointment_type_id),
					),
			)
			.map((location) => ({
				id: location.id,
				name: location.name,
				address: { line_1: location.line_1, town: location.town, postcode: location.postcode },
				...availability(free.filter((slot) => slot.location_id === location.id)),
			}))
			.filter((location) =>
				hasAvailability === undefined ? true : hasAvailability === location.slot_count > 0,
			);
		return list(req, items);
	},
	'practiceGroup.getPractitioners': (req) => {
		const locations = qList(req, 'location_ids');
		const types = qList(req, 'appointment_type_ids');
		const hasAvailability = qBool(req, 'has_availability');
		const matches = (/** @type {import('../seed.mjs').SlotRow} */ slot) =>
			(!locations.length || locations.includes(slot.location_id)) &&
			(!types.length || types.includes(slot.appointment_type_id));
		const free = freeSlots(req.state, req.ctx.now()).filter(matches);
		const items = req.state.practitioners
			.filter((practitioner) =>
				req.state.slots.some((slot) => slot.practitioner_id === practitioner.id && matches(slot)),
			)
			.map((practitioner) => practitionerView(req.state, practitioner, free))
			.filter((practitioner) =>
				hasAvailability === undefined ? true : hasAvailability === practitioner.slot_count > 0,
			);
		return list(req, items);
	},
	'practiceGroup.getPractitioner': ({ state, params, ctx }) => {
		const practitioner = state.practitioners.find((item) => item.id === params.id);
		if (!practitioner) throw notFound('Practitioner not found');
		return practitionerView(state, practitioner, freeSlots(state, ctx.now()));
	},
};
