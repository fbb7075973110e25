// @ts-check
// Booking: slots and appointments (the transitions live in ./appointments.mjs).
import { isDateOrDateTime } from '../spec.mjs';
import {
	appointmentOr404,
	appointmentStatus,
	appointmentView,
	heldTimes,
	slotFree,
	slotFreeIn,
	transitions,
} from './appointments.mjs';
import { checkBody, invalid, list, notFound, q, qList } from './common.mjs';

/**
 * @typedef {import('./common.mjs').Handler} Handler
 * @typedef {import('./common.mjs').HandlerRequest} HandlerRequest
 */

/** Free slots matching the list/count filters. @param {HandlerRequest} req */
function filteredSlots(req) {
	const now = req.ctx.now();
	const locations = qList(req, 'location_id');
	const practitioners = qList(req, 'practitioner_id');
	const types = qList(req, 'appointment_type_id');
	const startDate = q(req, 'start_date');
	const endDate = q(req, 'end_date');
	for (const [name, value] of /** @type {const} */ ([
		['start_date', startDate],
		['end_date', endDate],
	])) {
		if (value !== undefined && !isDateOrDateTime(value)) {
			throw invalid(
				[name],
				'date (YYYY-MM-DD) or ISO 8601 date-time',
				`${name} is not a date`,
				value,
			);
		}
	}
	const from =
		startDate === undefined
			? -Infinity
			: Date.parse(startDate.length === 10 ? `${startDate}T00:00:00Z` : startDate);
	const to =
		endDate === undefined
			? Infinity
			: endDate.length === 10
				? Date.parse(`${endDate}T00:00:00Z`) + 86_400_000
				: Date.parse(endDate);
	const held = heldTimes(req.state, now);
	return req.state.slots.filter((slot) => {
		const start = Date.parse(slot.start_time);
		return (
			(!locations.length || locations.includes(slot.location_id)) &&
			(!practitioners.length || practitioners.includes(slot.practitioner_id)) &&
			(!types.length || types.includes(slot.appointment_type_id)) &&
			start >= from &&
			start < to &&
			slotFreeIn(held, slot, now)
		);
	});
}

/** @type {Record<string, Handler>} */
export const handlers = {
	'booking.getSlots': (req) => list(req, filteredSlots(req)),
	'booking.getSlot': ({ state, params, ctx }) => {
		const slot = state.slots.find((item) => item.id === params.id);
		if (!slot) throw notFound('Slot not found');
		return { ...slot, available: slotFree(state, slot, ctx.now()) };
	},
	'booking.countSlots': (req) => ({ count: filteredSlots(req).length }),
	'booking.reserve': ({ state, body, ctx }) => transitions.reserve(state, ctx, body),
	'booking.confirm': ({ state, params, body, ctx }) => {
		const record = checkBody(body, {
			patient_id: { type: 'id' },
			suppress_mail: { type: 'boolean' },
			reason: { type: 'string' },
		});
		return transitions.confirm(state, ctx, params.id, record);
	},
	'booking.get': ({ state, params, ctx }) =>
		appointmentView(appointmentOr404(state, params.id), ctx.now()),
	'booking.update': ({ state, params, body, ctx }) => transitions.edit(state, ctx, params.id, body),
	'booking.cancel': ({ state, params, body, ctx }) =>
		transitions.cancel(state, ctx, params.id, body ?? {}),
	'booking.reschedule': ({ state, params, body, ctx }) => {
		// As Edit Appointment, whose body the node's inferred Reschedule follows: the new time,
		// duration and practitioner every time, unless a slot gives them.
		const required = body?.slot_id === undefined;
		const record = checkBody(body, {
			start_time: { type: 'date-time', required },
			slot_id: { type: 'id' },
			practitioner_id: { type: 'id', required },
			location_id: { type: 'id' },
			duration: { type: 'number', required },
			suppress_availability_check: { type: 'boolean' },
			suppress_mail: { type: 'boolean' },
		});
		return transitions.reschedule(state, ctx, params.id, record);
	},
	'booking.getStatus': ({ state, params, ctx }) => {
		const appointment = appointmentOr404(state, params.id);
		return {
			id: appointment.id,
			status: appointmentStatus(appointment, ctx.now()),
			reserved_until: appointment.reserved_until,
			booking_confirmed_at: appointment.booking_confirmed_at,
			cancelled_at: appointment.cancelled_at,
		};
	},
	'booking.getBookingLinks': (req) => list(req, [...req.state.bookingLinks.values()]),
};
