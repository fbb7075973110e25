// @ts-check
// The appointment lifecycle in one place: reserve → confirm → cancel / reschedule (and edit while
// reserved), with the diary rules (free slots, expiry) they share. Used by the booking handlers and
// the control API (practice-side changes).
import { iso } from '../seed.mjs';
import { invalid, notFound, patientOr404 } from './common.mjs';

/**
 * @typedef {import('./common.mjs').HandlerContext} HandlerContext
 * @typedef {import('./common.mjs').State} State
 * @typedef {import('./common.mjs').AppointmentRow} AppointmentRow
 */

/** @param {AppointmentRow} appointment @param {number} now */
export function appointmentStatus(appointment, now) {
	if (
		appointment.status === 'reserved' &&
		appointment.reserved_until &&
		Date.parse(appointment.reserved_until) <= now
	) {
		return 'expired';
	}
	return appointment.status;
}

/** Whether the appointment holds its time in the diary. @param {AppointmentRow} appointment @param {number} now */
function holdsTime(appointment, now) {
	const status = appointmentStatus(appointment, now);
	return status === 'reserved' || status === 'confirmed';
}

/**
 * Whether the practitioner is free for [start, start + duration).
 * @param {State} state @param {string} practitionerId @param {number} start @param {number} duration minutes
 * @param {number} now @param {string} [ignoreAppointmentId]
 */
function practitionerFree(state, practitionerId, start, duration, now, ignoreAppointmentId) {
	const end = start + duration * 60_000;
	for (const appointment of state.appointments.values()) {
		if (appointment.id === ignoreAppointmentId) continue;
		if (appointment.practitioner_id !== practitionerId || !holdsTime(appointment, now)) continue;
		const otherStart = Date.parse(appointment.start_time);
		const otherEnd = otherStart + appointment.duration * 60_000;
		if (start < otherEnd && otherStart < end) return false;
	}
	return true;
}

/** @param {State} state @param {import('../seed.mjs').SlotRow} slot @param {number} now */
export function slotFree(state, slot, now) {
	return (
		Date.parse(slot.start_time) > now &&
		practitionerFree(state, slot.practitioner_id, Date.parse(slot.start_time), slot.duration, now)
	);
}

/**
 * The times each practitioner is held by a live reservation or a confirmed appointment, so listing
 * slots costs one pass over the appointments.
 * @param {State} state @param {number} now
 */
export function heldTimes(state, now) {
	/** @type {Map<string, Array<[number, number]>>} */
	const held = new Map();
	for (const appointment of state.appointments.values()) {
		if (!holdsTime(appointment, now)) continue;
		const start = Date.parse(appointment.start_time);
		const list = held.get(appointment.practitioner_id) ?? [];
		list.push([start, start + appointment.duration * 60_000]);
		held.set(appointment.practitioner_id, list);
	}
	return held;
}

/** @param {ReturnType<typeof heldTimes>} held @param {import('../seed.mjs').SlotRow} slot @param {number} now */
export function slotFreeIn(held, slot, now) {
	const start = Date.parse(slot.start_time);
	if (start <= now) return false;
	const end = start + slot.duration * 60_000;
	return !(held.get(slot.practitioner_id) ?? []).some(([from, to]) => start < to && from < end);
}

/** @param {import('../seed.mjs').SlotRow[]} slots */
export function availability(slots) {
	return {
		slot_count: slots.length,
		next_available_at: slots.length
			? slots.reduce(
					(first, slot) => (slot.start_time < first ? slot.start_time : first),
					slots[0].start_time,
				)
			: null,
	};
}

/** @param {State} state @param {number} now */
export function freeSlots(state, now) {
	const held = heldTimes(state, now);
	return state.slots.filter((slot) => slotFreeIn(held, slot, now));
}

/** @param {AppointmentRow} appointment @param {number} now */
export function appointmentView(appointment, now) {
	const status = appointmentStatus(appointment, now);
	return {
		id: appointment.id,
		patient_id: appointment.patient_id,
		practitioner_id: appointment.practitioner_id,
		location_id: appointment.location_id,
		appointment_type_id: appointment.appointment_type_id,
		duration: appointment.duration,
		start_time: appointment.start_time,
		video: appointment.video,
		in_person: appointment.in_person,
		telephone: appointment.telephone,
		link_id: appointment.link_id,
		reserved_until: appointment.reserved_until,
		booking_confirmed_at: appointment.booking_confirmed_at,
		can_be_cancelled: status === 'confirmed' || status === 'reserved',
		can_be_rescheduled: status === 'confirmed',
		cancellation_policy_hours: appointment.cancellation_policy_hours,
		suppress_mail: appointment.suppress_mail,
		reason: appointment.reason,
		status,
		cancelled_at: appointment.cancelled_at,
		rescheduled_at: appointment.rescheduled_at,
	};
}

/** @param {State} state @param {string} id */
export function appointmentOr404(state, id) {
	const appointment = state.appointments.get(String(id));
	if (!appointment) throw notFound('Appointment not found');
	return appointment;
}

/** @param {State} state @param {string} id @param {string} field */
export function practitionerOrInvalid(state, id, field) {
	const practitioner = state.practitioners.find((item) => item.id === id);
	if (!practitioner)
		throw invalid([field], 'an existing practitioner ID', `No practitioner ${id}`, id);
	return practitioner;
}

/**
 * Which statuses each change starts from, and how a refusal reads (a 400 on `id`).
 * @type {Record<'edit' | 'confirm' | 'cancel' | 'reschedule', { from: string[], expected: string, refusal: string }>}
 */
const STARTS_FROM = {
	edit: {
		from: ['reserved'],
		expected: 'a non-confirmed (reserved) appointment',
		refusal: ': only non-confirmed appointments can be edited',
	},
	confirm: {
		from: ['reserved'],
		expected: 'a reserved appointment',
		refusal: ' and cannot be confirmed',
	},
	cancel: {
		from: ['reserved', 'confirmed'],
		expected: 'a reserved or confirmed appointment',
		refusal: ' and cannot be cancelled',
	},
	reschedule: {
		from: ['confirmed'],
		expected: 'a confirmed appointment',
		refusal: ': only confirmed appointments can be rescheduled (edit a reservation instead)',
	},
};

/**
 * The appointment, when its status allows the change.
 * @param {State} state @param {string} id @param {number} now @param {keyof typeof STARTS_FROM} change
 */
function appointmentFrom(state, id, now, change) {
	const appointment = appointmentOr404(state, id);
	const status = appointmentStatus(appointment, now);
	const { from, expected, refusal } = STARTS_FROM[change];
	if (!from.includes(status)) {
		throw invalid(['id'], expected, `Appointment ${id} is ${status}${refusal}`, status);
	}
	return appointment;
}

/**
 * Records a change the practice is told about: the appointment's history, the counters' effect and
 * the webhook event; answers the appointment.
 * @param {AppointmentRow} appointment @param {HandlerContext} ctx @param {number} now
 * @param {'confirmed' | 'cancelled' | 'rescheduled'} event
 */
function recorded(appointment, ctx, now, event) {
	appointment.history.push({ at: iso(now), event, by: ctx.actor });
	ctx.effect(`appointments${event[0].toUpperCase()}${event.slice(1)}`, appointment.patient_id);
	ctx.emit(`appointment.${event}`, 'Appointment', appointment.id);
	return appointmentView(appointment, now);
}

/**
 * The new time of a reservation or an edit: a date-time (a date is midnight UTC) in the future, for
 * at least a minute.
 * @param {Record<string, any>} body @param {number} now
 */
function futureStart(body, now) {
	if (body.duration < 1)
		throw invalid(
			['duration'],
			'number greater than or equal to 1',
			'duration must be at least 1 minute',
			body.duration,
		);
	if (body.start_time === null)
		throw invalid(['start_time'], 'ISO 8601 date-time', 'start_time is required');
	const start = Date.parse(
		body.start_time.length === 10 ? `${body.start_time}T00:00:00Z` : body.start_time,
	);
	if (start <= now)
		throw invalid(
			['start_time'],
			'a time in the future',
			'start_time is in the past',
			body.start_time,
		);
	return start;
}

/**
 * The booking transitions, shared by the API and the control API (practice-side changes).
 * Each answers the appointment and emits its webhook event.
 */
export const transitions = {
	/**
	 * A reservation of a free slot (or any time with suppress_availability_check), held for
	 * reservationSeconds.
	 * @param {State} state @param {HandlerContext} ctx @param {Record<string, any>} body
	 */
	reserve(state, ctx, body) {
		const now = ctx.now();
		if (!state.locations.some((item) => item.id === body.location_id)) {
			throw invalid(
				['location_id'],
				'an existing location ID',
				`No location ${body.location_id}`,
				body.location_id,
			);
		}
		practitionerOrInvalid(state, body.practitioner_id, 'practitioner_id');
		const type = state.appointmentTypes.find((item) => item.id === body.appointment_type_id);
		if (!type)
			throw invalid(
				['appointment_type_id'],
				'an existing appointment type ID',
				`No appointment type ${body.appointment_type_id}`,
				body.appointment_type_id,
			);
		if (body.patient_id !== undefined) patientOr404(state, body.patient_id);
		const start = futureStart(body, now);
		if (!body.suppress_availability_check) {
			const slot = state.slots.find(
				(item) =>
					Date.parse(item.start_time) === start &&
					item.practitioner_id === body.practitioner_id &&
					item.location_id === body.location_id &&
					item.appointment_type_id === body.appointment_type_id,
			);
			if (!slot) {
				throw invalid(
					['start_time'],
					'the start of a slot listed by GET /v1/slots',
					`No slot for practitioner ${body.practitioner_id}, location ${body.location_id} and appointment type ${body.appointment_type_id} starts at ${iso(start)}`,
					body.start_time,
				);
			}
			if (!practitionerFree(state, body.practitioner_id, start, body.duration, now)) {
				throw invalid(
					['start_time'],
					'a free slot',
					`The slot at ${iso(start)} is already taken`,
					body.start_time,
				);
			}
		}
		const id = String(state.nextAppointmentId++);
		const reservedUntil = iso(now + ctx.config.reservationSeconds * 1000);
		state.appointments.set(id, {
			id,
			patient_id: body.patient_id ?? null,
			practitioner_id: body.practitioner_id,
			location_id: body.location_id,
			appointment_type_id: body.appointment_type_id,
			duration: body.duration,
			start_time: iso(start),
			reason: body.reason ?? null,
			billpayer_id: body.billpayer_id ?? null,
			video: false,
			in_person: true,
			telephone: false,
			link_id: null,
			reserved_until: reservedUntil,
			booking_confirmed_at: null,
			cancelled_at: null,
			rescheduled_at: null,
			status: 'reserved',
			can_be_cancelled: true,
			can_be_rescheduled: false,
			cancellation_policy_hours: 24,
			suppress_mail: body.suppress_mail ?? false,
			created_at: iso(now),
			history: [{ at: iso(now), event: 'reserved', by: ctx.actor }],
		});
		ctx.effect('appointmentsReserved', body.patient_id ?? null);
		return { id, reserved_until: reservedUntil };
	},
	/** A change to a reservation (a confirmed appointment is rescheduled instead). @param {State} state @param {HandlerContext} ctx @param {string} id @param {Record<string, any>} body */
	edit(state, ctx, id, body) {
		const now = ctx.now();
		const appointment = appointmentFrom(state, id, now, 'edit');
		practitionerOrInvalid(state, body.practitioner_id, 'practitioner_id');
		const start = futureStart(body, now);
		if (
			!body.suppress_availability_check &&
			!practitionerFree(state, body.practitioner_id, start, body.duration, now, appointment.id)
		) {
			throw invalid(
				['start_time'],
				'a free time for the practitioner',
				`Practitioner ${body.practitioner_id} is not free at ${iso(start)}`,
				body.start_time,
			);
		}
		appointment.start_time = iso(start);
		appointment.duration = body.duration;
		appointment.practitioner_id = body.practitioner_id;
		if (body.suppress_mail !== undefined) appointment.suppress_mail = body.suppress_mail;
		appointment.history.push({ at: iso(now), event: 'edited', by: ctx.actor });
		ctx.effect('appointmentsEdited', appointment.patient_id);
		return appointmentView(appointment, now);
	},
	/** @param {State} state @param {HandlerContext} ctx @param {string} id @param {{ patient_id?: string, suppress_mail?: boolean, reason?: string }} [options] */
	confirm(state, ctx, id, options = {}) {
		const now = ctx.now();
		const appointment = appointmentOr404(state, id);
		if (appointmentStatus(appointment, now) === 'expired') {
			throw invalid(
				['reserved_until'],
				'an unexpired reservation',
				`The reservation expired at ${appointment.reserved_until}; reserve a slot again`,
				appointment.reserved_until,
			);
		}
		appointmentFrom(state, id, now, 'confirm');
		if (options.patient_id !== undefined) {
			patientOr404(state, options.patient_id);
			appointment.patient_id = options.patient_id;
		}
		if (options.suppress_mail !== undefined) appointment.suppress_mail = options.suppress_mail;
		if (options.reason !== undefined) appointment.reason = options.reason;
		appointment.status = 'confirmed';
		appointment.booking_confirmed_at = iso(now);
		appointment.reserved_until = null;
		return recorded(appointment, ctx, now, 'confirmed');
	},
	/** @param {State} state @param {HandlerContext} ctx @param {string} id @param {{ suppress_mail?: boolean }} [options] */
	cancel(state, ctx, id, options = {}) {
		const now = ctx.now();
		const appointment = appointmentFrom(state, id, now, 'cancel');
		if (options.suppress_mail !== undefined) appointment.suppress_mail = options.suppress_mail;
		appointment.status = 'cancelled';
		appointment.cancelled_at = iso(now);
		appointment.reserved_until = null;
		return recorded(appointment, ctx, now, 'cancelled');
	},
	/**
	 * @param {State} state @param {HandlerContext} ctx @param {string} id
	 * @param {{ start_time?: string, slot_id?: string, practitioner_id?: string, location_id?: string, duration?: number, suppress_availability_check?: boolean, suppress_mail?: boolean }} change
	 */
	reschedule(state, ctx, id, change) {
		const now = ctx.now();
		const appointment = appointmentFrom(state, id, now, 'reschedule');
		let {
			start_time: startTime,
			practitioner_id: practitionerId,
			location_id: locationId,
			duration,
		} = change;
		if (change.slot_id !== undefined) {
			const slot = state.slots.find((item) => item.id === String(change.slot_id));
			if (!slot)
				throw invalid(
					['slot_id'],
					'an existing slot ID',
					`No slot ${change.slot_id}`,
					change.slot_id,
				);
			startTime = slot.start_time;
			practitionerId = slot.practitioner_id;
			locationId = slot.location_id;
			duration = slot.duration;
		}
		if (startTime === undefined) {
			throw invalid(
				['start_time'],
				'ISO 8601 date-time',
				'Give start_time (or slot_id) for the new time',
			);
		}
		practitionerId ??= appointment.practitioner_id;
		locationId ??= appointment.location_id;
		duration ??= appointment.duration;
		practitionerOrInvalid(state, practitionerId, 'practitioner_id');
		const start = Date.parse(startTime);
		if (start <= now)
			throw invalid(
				['start_time'],
				'a time in the future',
				'The new time is in the past',
				startTime,
			);
		if (
			!change.suppress_availability_check &&
			!practitionerFree(state, practitionerId, start, duration, now, appointment.id)
		) {
			throw invalid(
				['start_time'],
				'a free time for the practitioner',
				`Practitioner ${practitionerId} is not free at ${iso(start)}`,
				startTime,
			);
		}
		appointment.start_time = iso(start);
		appointment.practitioner_id = practitionerId;
		appointment.location_id = locationId;
		appointment.duration = duration;
		if (change.suppress_mail !== undefined) appointment.suppress_mail = change.suppress_mail;
		appointment.rescheduled_at = iso(now);
		return recorded(appointment, ctx, now, 'rescheduled');
	},
};
