// @ts-check
// What the sandbox answers for each endpoint of the node's table, keyed like the table
// (`<resource>.<name>`). Requests reach a handler only after auth, rate limit, faults and spec
// validation; inferred endpoints (not in the spec) get their light validation here.
import { createHash, createHmac } from 'node:crypto';

import { isValidNhsNumber, iso, SEED_TIME } from './seed.mjs';
import { isDateOrDateTime } from './spec.mjs';

/**
 * @typedef {import('./seed.mjs').State} State
 * @typedef {import('./seed.mjs').PatientRow} PatientRow
 * @typedef {import('./seed.mjs').AppointmentRow} AppointmentRow
 * @typedef {import('./spec.mjs').Issue} Issue
 *
 * @typedef {{
 *   key: string, method: string, path: string, paged: boolean,
 *   params: Record<string, string>, query: Map<string, string[]>, body: any,
 *   state: State, ctx: HandlerContext,
 * }} HandlerRequest
 *
 * @typedef {{
 *   now: () => number,
 *   url: string,
 *   practiceGroupId: string,
 *   actor: 'api' | 'practice',
 *   config: { reservationSeconds: number, maxPageSize: number, defaultPageSize: number },
 *   effect: (name: string, patientId?: string | null) => void,
 *   emit: (eventType: string, object: string, id: string) => void,
 * }} HandlerContext
 *
 * @typedef {{ status?: number, body: unknown, headers?: Record<string, string> }} HandlerResult
 * @typedef {(req: HandlerRequest) => HandlerResult | unknown} Handler
 */

/** An answer other than 200, thrown from a handler. */
export class HttpError extends Error {
	/** @param {number} status @param {unknown} body */
	constructor(status, body) {
		super(`HTTP ${status}`);
		this.status = status;
		this.body = body;
	}
}

/** Hero's 401/403/404/... body. @param {number} status @param {string} message */
export function errorBody(status, message) {
	return { error: true, statusCode: status, message };
}

/** Hero's 400 body: a Zod-style issue list. @param {Issue[]} issues */
export function validationBody(issues) {
	return { error: true, statusCode: 400, message: issues };
}

/** @param {string} message */
function notFound(message) {
	return new HttpError(404, errorBody(404, message));
}

/**
 * A 400 for a rule the schema cannot express (Zod's `custom` issue).
 * @param {Array<string|number>} path
 * @param {string} expected
 * @param {string} message
 * @param {unknown} [received]
 */
function invalid(path, expected, message, received) {
	/** @type {Issue} */
	const issue = { code: 'custom', expected, path, message };
	if (received !== undefined)
		issue.received = typeof received === 'string' ? received : JSON.stringify(received);
	return new HttpError(400, validationBody([issue]));
}

/**
 * Light checks for the bodies of inferred endpoints (not in the spec).
 * @param {any} body
 * @param {Record<string, { type: 'string'|'number'|'boolean'|'array'|'object'|'id'|'date-time', required?: boolean }>} fields
 */
function checkBody(body, fields) {
	/** @type {Issue[]} */
	const issues = [];
	const record = body && typeof body === 'object' && !Array.isArray(body) ? body : undefined;
	if (!record) {
		if (Object.values(fields).some((field) => field.required)) {
			throw new HttpError(
				400,
				validationBody([
					{
						code: 'invalid_type',
						expected: 'object',
						received:
							body === undefined ? 'undefined' : Array.isArray(body) ? 'array' : typeof body,
						path: [],
						message: body === undefined ? 'Required' : 'Expected object',
					},
				]),
			);
		}
		return {};
	}
	for (const [name, field] of Object.entries(fields)) {
		const value = record[name];
		if (value === undefined || value === null) {
			if (field.required) {
				issues.push({
					code: 'invalid_type',
					expected: field.type === 'id' ? 'string' : field.type,
					received: String(value),
					path: [name],
					message: 'Required',
				});
			}
			continue;
		}
		let ok;
		switch (field.type) {
			case 'id':
				ok = typeof value === 'string' && /^\d+$/.test(value);
				break;
			case 'date-time':
				ok = typeof value === 'string' && isDateOrDateTime(value);
				break;
			case 'array':
				ok = Array.isArray(value);
				break;
			case 'object':
				ok = typeof value === 'object' && !Array.isArray(value);
				break;
			case 'number':
				ok = typeof value === 'number' && Number.isFinite(value);
				break;
			default:
				ok = typeof value === field.type;
		}
		if (!ok) {
			const expected =
				{ id: 'string of digits', 'date-time': 'ISO 8601 date-time' }[
					/** @type {string} */ (field.type)
				] ?? field.type;
			issues.push({
				code: 'invalid_type',
				expected,
				received: Array.isArray(value) ? 'array' : typeof value,
				path: [name],
				message: `Expected ${expected}`,
			});
		} else if (field.required && typeof value === 'string' && value.trim() === '') {
			issues.push({
				code: 'too_small',
				expected: 'string of at least 1 character(s)',
				received: "''",
				path: [name],
				message: 'String must contain at least 1 character(s)',
			});
		}
	}
	if (issues.length) throw new HttpError(400, validationBody(issues));
	return record;
}

// ---------------------------------------------------------------------------------------------
// Query helpers

/** Last value of a query parameter (`name`, `name[]` and `name[0]` are one parameter). @param {HandlerRequest} req @param {string} name */
function q(req, name) {
	const values = req.query.get(name);
	return values?.length ? values[values.length - 1] : undefined;
}

/**
 * A filter for list answers: keeps the records whose `field` equals the query parameter `name`,
 * or all of them when the request does not give it.
 * @param {HandlerRequest} req @param {string} name @param {string} [field]
 */
function whereParam(req, name, field = name) {
	const wanted = q(req, name);
	return (/** @type {any} */ record) =>
		wanted === undefined || wanted === '' || record[field] === wanted;
}

/** Every value of a list parameter, repeated or comma separated. @param {HandlerRequest} req @param {string} name */
function qList(req, name) {
	return (req.query.get(name) ?? [])
		.flatMap((value) => value.split(','))
		.map((value) => value.trim())
		.filter(Boolean);
}

/** @param {HandlerRequest} req @param {string} name */
function qBool(req, name) {
	const value = q(req, name);
	if (value === undefined) return undefined;
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	throw invalid([name], 'boolean', `${name} must be true or false`, value);
}

/**
 * `{data, count}` with count = the total. Paged endpoints take page_index (from 0) and page_size.
 * @template T
 * @param {HandlerRequest} req
 * @param {T[]} items
 */
function list(req, items) {
	if (!req.paged) return { data: items, count: items.length };
	const { maxPageSize, defaultPageSize } = req.ctx.config;
	/** @type {Issue[]} */
	const issues = [];
	const rawIndex = q(req, 'page_index');
	const rawSize = q(req, 'page_size');
	const pageIndex = rawIndex === undefined ? 0 : Number(rawIndex);
	const pageSize = rawSize === undefined ? defaultPageSize : Number(rawSize);
	if (!Number.isInteger(pageIndex) || pageIndex < 0) {
		issues.push({
			code: 'invalid_type',
			expected: 'integer >= 0',
			received: String(rawIndex),
			path: ['page_index'],
			message: 'page_index must be a whole number from 0',
			location: 'query',
		});
	}
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
		issues.push({
			code: 'too_big',
			expected: `integer from 1 to ${maxPageSize}`,
			received: String(rawSize),
			path: ['page_size'],
			message: `page_size must be a whole number from 1 to ${maxPageSize}`,
			location: 'query',
		});
	}
	if (issues.length) throw new HttpError(400, validationBody(issues));
	// Knob: a list whose paging Hero does not honour (as an inferred one may not): always the first
	// page, and no count to tell where the list ends.
	if (req.ctx.config.ignorePageIndex) return { data: items.slice(0, pageSize) };
	return {
		data: items.slice(pageIndex * pageSize, pageIndex * pageSize + pageSize),
		count: items.length,
	};
}

// ---------------------------------------------------------------------------------------------
// Domain helpers

/** @param {string} text */
function normalisePostcode(text) {
	return String(text ?? '')
		.replace(/\s+/g, '')
		.toUpperCase();
}

/** @param {string} text */
function normaliseName(text) {
	return String(text ?? '')
		.trim()
		.toLowerCase();
}

/** `YYYY-MM-DD` of a date or date-time text. @param {unknown} value */
function dateOf(value) {
	const text = String(value ?? '');
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(text);
	if (!match) return '';
	if (text.length === 10) return match[1];
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? '' : new Date(parsed).toISOString().slice(0, 10);
}

/** @param {State} state @param {string} id */
function patientOr404(state, id) {
	const patient = state.patients.get(String(id));
	if (!patient) throw notFound('No patient found');
	return patient;
}

/** The patient as GET /v1/patients/{id} shows it (without the sandbox's own flags). @param {PatientRow} patient */
function patientView(patient) {
	const { must_verify_identity: _flag, ...view } = patient;
	return view;
}

/** @param {PatientRow} patient @param {string} [dataSource] */
function patientRecordView(patient, dataSource) {
	return {
		ehr_partner_id: patient.ehr_partner_id,
		emis_id: patient.emis_id,
		deceased_at: patient.deceased_at,
		dob: patient.dob,
		title: patient.title,
		first_name: patient.first_name,
		last_name: patient.last_name,
		sex: patient.sex,
		nhs_number: patient.nhs_number,
		email: patient.email,
		mobile: patient.mobile,
		last_sync_at: patient.last_sync_at,
		data_source:
			dataSource === 'ehr' ? 'emis' : dataSource === 'hero' ? 'hero' : patient.data_source,
		restricted: patient.restricted,
		line_1: patient.address_line_1,
		line_2: patient.address_line_2,
		line_3: patient.address_line_3,
		town: patient.town,
		county: patient.county,
		postcode: patient.postcode,
		hero_id: patient.id,
		hero_uid: patient.uid,
		identifiers: [
			...(patient.nhs_number
				? [
						{
							source: 'nhs',
							name: 'nhs_number',
							role: 'main',
							label: 'NHS',
							value: patient.nhs_number,
						},
					]
				: []),
			...(patient.ehr_partner_id
				? [
						{
							source: 'ehr_partner',
							name: 'ehr_partner_id',
							role: 'secondary',
							label: 'EMIS',
							value: patient.ehr_partner_id,
						},
					]
				: []),
			{ source: 'hero', name: 'hero_id', role: 'secondary', label: 'Hero', value: patient.id },
		],
		ehr_registered: patient.ehr_partner_id !== null,
	};
}

/** The patient inside an episode's task. @param {PatientRow} patient */
function episodePatientView(patient) {
	return {
		uid: patient.uid,
		ehr_partner_id: patient.ehr_partner_id,
		emis_id: patient.emis_id,
		deceased_at: patient.deceased_at,
		dob: patient.dob,
		title: patient.title,
		first_name: patient.first_name,
		last_name: patient.last_name,
		sex: { Male: 'male', Female: 'female', Other: 'other' }[patient.sex] ?? 'unspecified',
		nhs_number: patient.nhs_number,
		email: patient.email,
		mobile: patient.mobile,
		last_sync_at: patient.last_sync_at,
		full_name: [patient.title, patient.first_name, patient.last_name].filter(Boolean).join(' '),
		contact_emails: patient.emails,
		registered_practitioner_name: 'Dr Amelia Hart',
		notes: patient.notes,
		membership_scheme_names: [],
		address: {
			line1: patient.address_line_1,
			line2: patient.address_line_2,
			line3: patient.address_line_3,
			town: patient.town ?? 'Leeds',
			county: patient.county,
			country: patient.country ?? 'United Kingdom',
			postcode: patient.postcode ?? '',
		},
	};
}

/** A new practice patient (from PDS or from Register Patient). @param {State} state @param {Record<string, any>} person @param {string} dataSource */
function addPatient(state, person, dataSource) {
	const id = String(state.nextPatientId++);
	const n = Number(id);
	const patient = /** @type {PatientRow} */ (
		/** @type {unknown} */ ({
			id,
			uid: `pat_${(n * 7919).toString(36).padStart(8, '0')}`,
			emis_id: dataSource === 'pds' ? null : null,
			ehr_partner_id: null,
			dob: person.dob,
			deceased_at: null,
			title: person.title ?? null,
			first_name: person.first_name ?? null,
			last_name: person.last_name ?? null,
			sex: person.sex ?? 'Not known',
			nhs_number: person.nhs_number ?? null,
			email: person.email ?? null,
			emails: person.email ? [person.email] : [],
			mobile: person.mobile ?? null,
			last_sync_at: null,
			address_line_1: person.address_line_1 ?? null,
			address_line_2: null,
			address_line_3: null,
			country: 'United Kingdom',
			postcode: person.postcode ?? null,
			town: person.postcode ? 'Leeds' : null,
			county: person.postcode ? 'West Yorkshire' : null,
			notes: null,
			verification_credentials: [],
			data_source: dataSource,
			restricted: false,
			sex_changed_at: null,
			status: 'unarchived',
			must_verify_identity: false,
		})
	);
	state.patients.set(id, patient);
	return patient;
}

// -- booking --

/** @param {AppointmentRow} appointment @param {number} now */
function appointmentStatus(appointment, now) {
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

/** @param {State} state @param {import('./seed.mjs').SlotRow} slot @param {number} now */
function slotFree(state, slot, now) {
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
function heldTimes(state, now) {
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

/** @param {ReturnType<typeof heldTimes>} held @param {import('./seed.mjs').SlotRow} slot @param {number} now */
function slotFreeIn(held, slot, now) {
	const start = Date.parse(slot.start_time);
	if (start <= now) return false;
	const end = start + slot.duration * 60_000;
	return !(held.get(slot.practitioner_id) ?? []).some(([from, to]) => start < to && from < end);
}

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

/** @param {ReturnType<typeof filteredSlots>} slots */
function availability(slots) {
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
function freeSlots(state, now) {
	const held = heldTimes(state, now);
	return state.slots.filter((slot) => slotFreeIn(held, slot, now));
}

/** @param {AppointmentRow} appointment @param {number} now */
function appointmentView(appointment, now) {
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
function appointmentOr404(state, id) {
	const appointment = state.appointments.get(String(id));
	if (!appointment) throw notFound('Appointment not found');
	return appointment;
}

/** @param {State} state @param {string} id @param {string} field */
function practitionerOrInvalid(state, id, field) {
	const practitioner = state.practitioners.find((item) => item.id === id);
	if (!practitioner)
		throw invalid([field], 'an existing practitioner ID', `No practitioner ${id}`, id);
	return practitioner;
}

/**
 * The booking transitions, shared by the API and the control API (practice-side changes).
 * Each answers the appointment and emits its webhook event.
 */
export const transitions = {
	/** @param {State} state @param {HandlerContext} ctx @param {string} id @param {{ patient_id?: string, suppress_mail?: boolean, reason?: string }} [options] */
	confirm(state, ctx, id, options = {}) {
		const now = ctx.now();
		const appointment = appointmentOr404(state, id);
		const status = appointmentStatus(appointment, now);
		if (status === 'expired') {
			throw invalid(
				['reserved_until'],
				'an unexpired reservation',
				`The reservation expired at ${appointment.reserved_until}; reserve a slot again`,
				appointment.reserved_until,
			);
		}
		if (status !== 'reserved') {
			throw invalid(
				['id'],
				'a reserved appointment',
				`Appointment ${id} is ${status} and cannot be confirmed`,
				status,
			);
		}
		if (options.patient_id !== undefined) {
			patientOr404(state, options.patient_id);
			appointment.patient_id = options.patient_id;
		}
		if (options.suppress_mail !== undefined) appointment.suppress_mail = options.suppress_mail;
		if (options.reason !== undefined) appointment.reason = options.reason;
		appointment.status = 'confirmed';
		appointment.booking_confirmed_at = iso(now);
		appointment.reserved_until = null;
		appointment.history.push({ at: iso(now), event: 'confirmed', by: ctx.actor });
		ctx.effect('appointmentsConfirmed', appointment.patient_id);
		ctx.emit('appointment.confirmed', 'Appointment', appointment.id);
		return appointmentView(appointment, now);
	},
	/** @param {State} state @param {HandlerContext} ctx @param {string} id @param {{ suppress_mail?: boolean }} [options] */
	cancel(state, ctx, id, options = {}) {
		const now = ctx.now();
		const appointment = appointmentOr404(state, id);
		const status = appointmentStatus(appointment, now);
		if (status !== 'reserved' && status !== 'confirmed') {
			throw invalid(
				['id'],
				'a reserved or confirmed appointment',
				`Appointment ${id} is ${status} and cannot be cancelled`,
				status,
			);
		}
		if (options.suppress_mail !== undefined) appointment.suppress_mail = options.suppress_mail;
		appointment.status = 'cancelled';
		appointment.cancelled_at = iso(now);
		appointment.reserved_until = null;
		appointment.history.push({ at: iso(now), event: 'cancelled', by: ctx.actor });
		ctx.effect('appointmentsCancelled', appointment.patient_id);
		ctx.emit('appointment.cancelled', 'Appointment', appointment.id);
		return appointmentView(appointment, now);
	},
	/**
	 * @param {State} state @param {HandlerContext} ctx @param {string} id
	 * @param {{ start_time?: string, slot_id?: string, practitioner_id?: string, location_id?: string, duration?: number, suppress_availability_check?: boolean, suppress_mail?: boolean }} change
	 */
	reschedule(state, ctx, id, change) {
		const now = ctx.now();
		const appointment = appointmentOr404(state, id);
		const status = appointmentStatus(appointment, now);
		if (status !== 'confirmed') {
			throw invalid(
				['id'],
				'a confirmed appointment',
				`Appointment ${id} is ${status}: only confirmed appointments can be rescheduled (edit a reservation instead)`,
				status,
			);
		}
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
		appointment.history.push({ at: iso(now), event: 'rescheduled', by: ctx.actor });
		ctx.effect('appointmentsRescheduled', appointment.patient_id);
		ctx.emit('appointment.rescheduled', 'Appointment', appointment.id);
		return appointmentView(appointment, now);
	},
};

// -- messages --

const DEFAULT_SNOMED = {
	sms: '279991000000102',
	email: '401271004',
	nhs_app: '401271004',
	hero: '401271004',
};

/** @param {any} message @param {State} state */
function messageView(message, state) {
	const patient = state.patients.get(message.patient_id);
	/** @type {Record<string, unknown>} */
	const writeToRecord = { status: message.write_to_record_status };
	if (message.write_to_record_at) writeToRecord.write_to_record_at = message.write_to_record_at;
	if (message.failure_reason) writeToRecord.failure_reason = message.failure_reason;
	if (message.snomed_code) writeToRecord.snomed_code = message.snomed_code;
	/** @type {Record<string, unknown>} */
	const view = {
		id: message.id,
		patient: {
			id: message.patient_id,
			title: patient?.title ?? null,
			first_name: patient?.first_name ?? '',
			last_name: patient?.last_name ?? '',
		},
		message_type: message.message_type,
		content: message.content,
		recipient_contact_detail: message.recipient_contact_detail,
		write_to_record: writeToRecord,
		created_at: message.created_at,
		status: message.status,
		sent_by_admin: { id: '601' },
	};
	if (message.sent_at) view.sent_at = message.sent_at;
	if (message.scheduled_at) view.scheduled_at = message.scheduled_at;
	if (message.short_link_id)
		view.short_link = {
			id: message.short_link_id,
			type: 'booking_link',
			name: 'Booking link',
			status: 'active',
		};
	if (message.batch_id) view.campaign = { id: message.batch_id, name: message.batch_name };
	return view;
}

/** @param {State} state @param {string} id */
function messageOr404(state, id) {
	const message = state.messages.get(String(id));
	if (!message) throw notFound('Message not found');
	return message;
}

/**
 * Practice-side outcome of a write-to-record (approval then EHR write), from the control API.
 * @param {State} state @param {HandlerContext} ctx @param {string} id @param {'succeeded'|'failed'} outcome @param {string} [reason]
 */
export function settleWriteToRecord(state, ctx, id, outcome, reason) {
	const message = messageOr404(state, id);
	if (!message.write_to_record) {
		throw invalid(
			['write_to_record'],
			'a message sent with write_to_record',
			`Message ${id} was not sent with write_to_record`,
		);
	}
	message.write_to_record_status = outcome;
	if (outcome === 'succeeded') {
		message.write_to_record_at = iso(ctx.now());
		message.failure_reason = null;
	} else {
		message.failure_reason = reason ?? 'The patient is not linked to a record in the EHR';
	}
	ctx.emit(`write-to-record.${outcome}`, 'Message', message.id);
	return messageView(message, state);
}

/** @param {any} batch */
function batchView(batch) {
	/** @type {Record<string, unknown>} */
	const view = {
		id: batch.id,
		name: batch.name,
		status: batch.status,
		channel: batch.channel,
		content: batch.content,
		recipient_count: batch.recipients.length,
		created_at: batch.created_at,
	};
	if (batch.subject !== undefined) view.subject = batch.subject;
	if (batch.sent_at) view.sent_at = batch.sent_at;
	return view;
}

/** Deterministic UUID-shaped text. @param {string} seed */
function uuidFrom(seed) {
	const hex = createHash('sha256').update(seed).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

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

/** @param {State} state @param {any} practitioner @param {ReturnType<typeof filteredSlots>} free */
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

/** @param {State} state @param {any} episode */
function episodeView(state, episode) {
	return {
		id: episode.id,
		status: episode.status,
		priority: episode.priority,
		assignees: episode.assignees,
		created_at: episode.created_at,
		tasks: state.tasks
			.filter((task) => task.episode_id === episode.id)
			.map((task) => {
				const patient = state.patients.get(task.patient_id);
				return {
					id: task.id,
					type_label: task.type_label,
					details: task.details,
					category: task.category,
					status: task.status,
					patient: patient ? episodePatientView(patient) : null,
				};
			}),
	};
}

/** @param {any} form */
function formView(form) {
	const { fields: _fields, ...view } = form;
	return view;
}

/** @param {any} subscription */
function subscriptionView(subscription) {
	const { subscribers, ...view } = subscription;
	return { ...view, subscriber_count: subscribers.length };
}

/** @param {any} webhook */
function webhookView(webhook) {
	return { ...webhook };
}

/** @param {any} response */
function formResponseView(response) {
	const view = { ...response };
	for (const key of Object.keys(view)) if (view[key] === null) delete view[key];
	return view;
}

/** @param {string} text */
function isUkPostcode(text) {
	return /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i.test(text.trim());
}

// ---------------------------------------------------------------------------------------------
// The handlers

/** @type {Record<string, Handler>} */
export const handlers = {
	// Practice Group
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
	'practiceGroup.getCapabilities': () => ({
		capabilities: [
			'sms_messaging',
			'email_messaging',
			'nhs_app_messaging',
			'online_booking',
			'booking_links',
			'webhooks',
			'write_to_record',
		],
	}),
	'practiceGroup.getConfiguration': ({ ctx }) => ({
		ehr: 'emis',
		sms_provider: 'firetext',
		booking: {
			reservation_minutes: ctx.config.reservationSeconds / 60,
			default_cancellation_policy_hours: 24,
		},
		messaging: { default_snomed_codes: DEFAULT_SNOMED, nhs_app_fallback_after_minutes: 60 },
	}),
	'practiceGroup.getElements': () => ({
		data: [{ id: 'message-builder', name: 'Message Builder', enabled: true }],
		count: 1,
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
		const matches = (/** @type {import('./seed.mjs').SlotRow} */ slot) =>
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

	// Patients
	'patient.pdsLookup': ({ state, body, ctx }) => {
		const dob = dateOf(body.dob);
		/** @type {Array<Record<string, any>>} */
		const practice = [...state.patients.values()];
		/** @type {(person: Record<string, any>) => boolean} */
		let matches;
		if (body.nhs_number !== undefined) {
			const digits = String(body.nhs_number).replace(/[\s-]/g, '');
			if (!isValidNhsNumber(digits)) {
				throw invalid(
					['nhs_number'],
					'a valid NHS number (10 digits, Modulus 11 check digit)',
					'Invalid NHS number',
					body.nhs_number,
				);
			}
			matches = (person) => person.nhs_number === digits && person.dob === dob;
		} else {
			const forename = normaliseName(body.forename);
			const surname = normaliseName(body.surname);
			const postcode = normalisePostcode(body.postcode);
			matches = (person) =>
				normaliseName(person.first_name) === forename &&
				normaliseName(person.last_name) === surname &&
				normalisePostcode(person.postcode) === postcode &&
				person.dob === dob;
		}
		const existing = practice.find(matches);
		if (existing) {
			if (existing.must_verify_identity) {
				return {
					message: 'Patient must verify their identity before proceeding',
					login_url: `${ctx.url}/__sandbox/verify/${existing.uid}`,
				};
			}
			if (body.ehr_partner_id !== undefined) existing.ehr_partner_id = body.ehr_partner_id;
			return { patient_id: existing.id };
		}
		const spinePerson = /** @type {Array<Record<string, any>>} */ (state.spineOnly).find(matches);
		if (spinePerson) {
			const patient = addPatient(state, { ...spinePerson }, 'pds');
			if (body.ehr_partner_id !== undefined) patient.ehr_partner_id = body.ehr_partner_id;
			ctx.effect('patientsCreated', patient.id);
			return { patient_id: patient.id };
		}
		throw notFound('No patient found');
	},
	'patient.register': ({ state, body, ctx }) => {
		const digits = String(body.nhs_number ?? '').replace(/[\s-]/g, '');
		if (!isValidNhsNumber(digits)) {
			throw invalid(
				['nhs_number'],
				'a valid NHS number (10 digits, Modulus 11 check digit)',
				'Invalid NHS number',
				body.nhs_number,
			);
		}
		const dob = dateOf(body.dob);
		if (!dob) throw invalid(['dob'], 'date of birth (YYYY-MM-DD)', 'dob is required', body.dob);
		const fields = ['title', 'first_name', 'last_name', 'sex', 'email', 'mobile'];
		const existing = [...state.patients.values()].find((patient) => patient.nhs_number === digits);
		if (existing) {
			if (existing.dob !== dob) {
				throw invalid(
					['dob'],
					`the date of birth on record for NHS number ${digits}`,
					'The NHS number belongs to a patient with another date of birth',
					body.dob,
				);
			}
			for (const field of fields)
				if (body[field] !== undefined) /** @type {any} */ (existing)[field] = body[field];
			if (body.email !== undefined) existing.emails = body.email ? [body.email] : [];
			ctx.effect('patientsUpdated', existing.id);
			return { patient_id: existing.id, created: false };
		}
		/** @type {Record<string, unknown>} */
		const person = { nhs_number: digits, dob };
		for (const field of fields) if (body[field] !== undefined) person[field] = body[field];
		const patient = addPatient(state, person, 'hero');
		ctx.effect('patientsCreated', patient.id);
		return { patient_id: patient.id, created: true };
	},
	'patient.get': ({ state, params }) => patientView(patientOr404(state, params.id)),
	'patient.getV2': (req) =>
		patientRecordView(patientOr404(req.state, req.params.id), q(req, 'data_source')),
	'patient.getAll': (req) => {
		const search = q(req, 'search')?.trim().toLowerCase();
		const field = q(req, 'field');
		const searchable = [
			'first_name',
			'last_name',
			'nhs_number',
			'emis_id',
			'email',
			'mobile',
			'ehr_partner_id',
		];
		if (field !== undefined && !searchable.includes(field)) {
			throw invalid(
				['field'],
				searchable.map((name) => `'${name}'`).join(' | '),
				`Cannot search on ${field}`,
				field,
			);
		}
		const patients = [...req.state.patients.values()]
			.filter((patient) => patient.status !== 'archived')
			.filter((patient) => {
				if (!search) return true;
				const compact = search.replace(/\s+/g, '');
				/** @param {string} name */
				const has = (name) => {
					const value = String(/** @type {any} */ (patient)[name] ?? '').toLowerCase();
					return name === 'nhs_number' || name === 'mobile'
						? value.includes(compact)
						: value.includes(search);
				};
				if (field) return has(field);
				const fullName = `${patient.first_name ?? ''} ${patient.last_name ?? ''}`.toLowerCase();
				return fullName.includes(search) || ['nhs_number', 'emis_id', 'email', 'mobile'].some(has);
			})
			.map(patientView);
		return list(req, patients);
	},
	'patient.getAttachments': (req) => {
		patientOr404(req.state, req.params.id);
		return list(
			req,
			req.state.attachments.filter((item) => item.patient_id === req.params.id),
		);
	},
	'patient.getEhrCandidates': (req) => {
		const patient = patientOr404(req.state, req.params.id);
		return list(req, [
			patientRecordView(
				{
					...patient,
					ehr_partner_id: patient.ehr_partner_id ?? String(500000 + Number(patient.id)),
				},
				'ehr',
			),
		]);
	},
	'patient.connectEhr': ({ state, params, body }) => {
		const patient = patientOr404(state, params.id);
		if (typeof body.ehr_partner_id !== 'string' || !body.ehr_partner_id) {
			throw invalid(
				['ehr_partner_id'],
				'string',
				'ehr_partner_id is required',
				body.ehr_partner_id,
			);
		}
		patient.ehr_partner_id = body.ehr_partner_id;
		return { patient_id: patient.id, ehr_partner_id: patient.ehr_partner_id, connected: true };
	},
	// Merges keep the patient in the path and fold the patient in the body into it (the node's reading).
	'patient.previewMerge': ({ state, params, body }) => {
		const kept = patientOr404(state, params.id);
		if (typeof body.patient_id !== 'string') {
			throw invalid(
				['patient_id'],
				'string',
				'patient_id (the other record of the same person) is required',
				body.patient_id,
			);
		}
		const merged = patientOr404(state, body.patient_id);
		if (merged.id === kept.id) {
			throw invalid(
				['patient_id'],
				'another patient',
				'A patient cannot be merged with itself',
				body.patient_id,
			);
		}
		return {
			merge_token: `merge_${kept.id}_${merged.id}`,
			patient: patientView(kept),
			merged_patient: patientView(merged),
		};
	},
	'patient.merge': ({ state, params, body, ctx }) => {
		const kept = patientOr404(state, params.id);
		const record = checkBody(body, {
			merge_token: { type: 'string', required: true },
			patient_id: { type: 'id' },
		});
		const mergedId = record.patient_id ?? /^merge_\d+_(\d+)$/.exec(String(record.merge_token))?.[1];
		if (!mergedId || record.merge_token !== `merge_${kept.id}_${mergedId}`) {
			throw invalid(
				['merge_token'],
				'the merge_token Preview Merge gave for these two patients',
				'Invalid merge token',
				record.merge_token,
			);
		}
		const merged = patientOr404(state, mergedId);
		if (merged.id === kept.id)
			throw invalid(['patient_id'], 'another patient', 'A patient cannot be merged with itself');
		if (merged.status === 'archived')
			throw invalid(
				['patient_id'],
				'a patient not merged yet',
				`Patient ${merged.id} was already merged`,
			);
		merged.status = 'archived';
		ctx.effect('patientsMerged', merged.id);
		return { patient_id: kept.id, merged_patient_id: merged.id };
	},
	'patient.getBillingInfo': ({ state, params }) => {
		const patient = patientOr404(state, params.id);
		return {
			patient_id: patient.id,
			billpayer_id: null,
			stripe_customer_id: null,
			membership_scheme: null,
			address: null,
		};
	},
	'patient.getPaymentMethods': (req) => {
		patientOr404(req.state, req.params.id);
		return list(req, []);
	},

	// Messages
	'message.send': ({ state, body, ctx }) => {
		const patient = patientOr404(state, body.patient_id);
		const type = body.message_type;
		let recipient = body.recipient_contact_detail;
		if (recipient === undefined) {
			if (type === 'sms') recipient = patient.mobile ?? undefined;
			if (type === 'email') recipient = patient.email ?? undefined;
			if ((type === 'sms' || type === 'email') && recipient === undefined) {
				throw invalid(
					['recipient_contact_detail'],
					type === 'sms' ? 'a mobile number' : 'an email address',
					`The patient has no ${type === 'sms' ? 'mobile number' : 'email address'} on record; give recipient_contact_detail`,
				);
			}
		}
		if (type === 'nhs_app' && !patient.nhs_number) {
			throw invalid(
				['patient_id'],
				'a patient with an NHS number',
				'NHS App messages need the patient’s NHS number',
			);
		}
		const now = ctx.now();
		const id = String(state.nextMessageId++);
		const scheduled = body.send_at !== undefined && Date.parse(body.send_at) > now;
		const writeToRecord = body.write_to_record === true;
		const autoWrite = writeToRecord && body.auto_write_to_record === true;
		const snomedCode =
			body.snomed_code ??
			(writeToRecord
				? DEFAULT_SNOMED[/** @type {keyof typeof DEFAULT_SNOMED} */ (type)]
				: undefined);
		const message = {
			id,
			patient_id: patient.id,
			message_type: type,
			content: body.message_string,
			recipient_contact_detail: recipient ?? null,
			fallback_message_type: body.fallback_message_type ?? null,
			fallback_contact_detail: body.fallback_contact_detail ?? null,
			write_to_record: writeToRecord,
			auto_write_to_record: autoWrite,
			write_to_record_status: writeToRecord
				? autoWrite
					? 'succeeded'
					: 'awaiting_approval'
				: 'not_requested',
			write_to_record_at: autoWrite ? iso(now) : null,
			failure_reason: null,
			snomed_code: snomedCode ?? null,
			snomed_term: body.snomed_term ?? null,
			created_at: iso(now),
			sent_at: scheduled ? null : iso(now),
			scheduled_at: scheduled ? iso(Date.parse(body.send_at)) : null,
			status: scheduled ? 'scheduled' : 'delivered',
			task_id: body.task_id ?? null,
			attachment_uuid: body.attachment_uuid ?? null,
			short_link_id: body.short_link_id ?? null,
			assignee_id: body.assignee_id ?? null,
			assignee_type: body.assignee_type ?? null,
			encrypted: body.encrypted ?? false,
			auth_token: createHash('sha256').update(`wtr-${id}`).digest('hex').slice(0, 32),
		};
		state.messages.set(id, message);
		if (type === 'sms')
			state.practiceGroupExtras.sms_credit_count = Math.max(
				0,
				state.practiceGroupExtras.sms_credit_count - 1,
			);
		ctx.effect('messagesSent', patient.id);
		if (autoWrite) ctx.emit('write-to-record.succeeded', 'Message', id);
		/** @type {Record<string, unknown>} */
		const response = {
			message_id: id,
			content: message.content,
			created_at: message.created_at,
			write_to_record: writeToRecord,
			submitted_by: 'n8n sandbox',
		};
		if (snomedCode !== undefined) response.snomed_code = snomedCode;
		if (writeToRecord && !autoWrite) {
			response.auth_token = message.auth_token;
			response.confirm_write_to_record_url = `${ctx.url}/__sandbox/messages/${id}/write-to-record?auth_token=${message.auth_token}`;
		}
		if (message.scheduled_at) response.send_at = message.scheduled_at;
		return response;
	},
	'message.get': ({ state, params }) => messageView(messageOr404(state, params.id), state),
	'writeToRecord.getStatus': ({ state, params }) =>
		messageView(messageOr404(state, params.id), state),
	'message.getAll': (req) => {
		const patientId = q(req, 'patient_id');
		const status = q(req, 'status');
		const messages = [...req.state.messages.values()]
			.filter(
				(message) =>
					(!patientId || message.patient_id === patientId) &&
					(!status || message.status === status),
			)
			.sort((a, b) => Number(b.id) - Number(a.id))
			.map((message) => messageView(message, req.state));
		return list(req, messages);
	},
	'message.getStatus': ({ state, params }) => {
		const message = messageOr404(state, params.id);
		return {
			message_id: message.id,
			status: message.status,
			sent_at: message.sent_at,
			scheduled_at: message.scheduled_at,
			write_to_record_status: message.write_to_record_status,
		};
	},
	'message.createBatch': ({ state, body, ctx }) => {
		if (body.channel === 'EMAIL' && (typeof body.subject !== 'string' || !body.subject.trim())) {
			throw invalid(['subject'], 'string', 'subject is required when channel is EMAIL');
		}
		if (!body.recipients.length)
			throw invalid(['recipients'], 'at least one recipient', 'recipients is empty');
		const id = String(state.nextBatchId++);
		const batch = {
			id,
			name: body.name,
			status: 'CREATED',
			channel: body.channel,
			subject: body.subject,
			content: body.content,
			created_at: iso(ctx.now()),
			sent_at: null,
			recipients: body.recipients.map(
				(/** @type {any} */ recipient, /** @type {number} */ index) => {
					const digits = String(recipient.nhs_number).replace(/[\s-]/g, '');
					const dob = dateOf(recipient.dob);
					const patient = [...state.patients.values()].find(
						(item) => item.nhs_number === digits && item.dob === dob,
					);
					return {
						id: `${id}-${index + 1}`,
						nhs_number: digits,
						dob: recipient.dob,
						patient_id: patient?.id ?? null,
						status: 'CREATED',
						error: null,
						message_id: null,
					};
				},
			),
		};
		state.batches.set(id, batch);
		ctx.effect('batchesCreated');
		return batchView(batch);
	},
	'message.getAllBatches': (req) => {
		return list(
			req,
			[...req.state.batches.values()].filter(whereParam(req, 'status')).map(batchView),
		);
	},
	'message.getBatch': ({ state, params }) => {
		const batch = state.batches.get(params.id);
		if (!batch) throw notFound('Batch message not found');
		return batchView(batch);
	},
	'message.sendBatch': ({ state, params, ctx }) => {
		const batch = state.batches.get(params.id);
		if (!batch) throw notFound('Batch message not found');
		if (batch.status !== 'CREATED')
			throw invalid(
				['id'],
				'a batch message not yet sent',
				`Batch message ${batch.id} is ${batch.status}`,
				batch.status,
			);
		const now = iso(ctx.now());
		for (const recipient of batch.recipients) {
			if (!recipient.patient_id) {
				recipient.status = 'ERROR';
				recipient.error = 'No patient found';
				continue;
			}
			const id = String(state.nextMessageId++);
			state.messages.set(id, {
				id,
				patient_id: recipient.patient_id,
				message_type: { SMS: 'sms', EMAIL: 'email', NHS_APP: 'nhs_app' }[
					/** @type {'SMS'} */ (batch.channel)
				],
				content: batch.content,
				recipient_contact_detail: null,
				write_to_record: false,
				write_to_record_status: 'not_requested',
				write_to_record_at: null,
				failure_reason: null,
				snomed_code: null,
				created_at: now,
				sent_at: now,
				scheduled_at: null,
				status: 'delivered',
				batch_id: batch.id,
				batch_name: batch.name,
			});
			recipient.status = 'SUCCESS';
			recipient.message_id = id;
			ctx.effect('batchMessagesSent', recipient.patient_id);
		}
		batch.status = 'COMPLETED';
		batch.sent_at = now;
		return batchView(batch);
	},
	'message.getBatchRecipients': (req) => {
		const batch = req.state.batches.get(req.params.id);
		if (!batch) throw notFound('Batch message not found');
		const status = q(req, 'status');
		return list(
			req,
			batch.recipients.filter(
				(/** @type {any} */ recipient) => !status || recipient.status === status,
			),
		);
	},
	'message.getBatchMessages': (req) => {
		const batch = req.state.batches.get(req.params.id);
		if (!batch) throw notFound('Batch message not found');
		const status = q(req, 'status');
		const messages = [...req.state.messages.values()]
			.filter((message) => message.batch_id === batch.id && (!status || message.status === status))
			.map((message) => messageView(message, req.state));
		return list(req, messages);
	},
	'message.getTemplates': (req) => {
		const hasFollowUp = qBool(req, 'has_follow_up');
		return list(
			req,
			req.state.templates.filter(
				(item) => hasFollowUp === undefined || item.has_follow_up === hasFollowUp,
			),
		);
	},
	'message.getAutomatedMessages': (req) => {
		const items = [...req.state.automatedMessages];
		const orderBy = q(req, 'orderBy');
		if (orderBy) {
			items.sort((a, b) =>
				String(/** @type {any} */ (a)[orderBy] ?? '').localeCompare(
					String(/** @type {any} */ (b)[orderBy] ?? ''),
				),
			);
			if (qBool(req, 'order_descending')) items.reverse();
		}
		return list(req, items);
	},
	'message.getAutomatedMessage': ({ state, params }) => {
		const item = state.automatedMessages.find((message) => message.id === params.id);
		if (!item) throw notFound('Automated message not found');
		return item;
	},

	// Booking
	'booking.getSlots': (req) => list(req, filteredSlots(req)),
	'booking.getSlot': ({ state, params, ctx }) => {
		const slot = state.slots.find((item) => item.id === params.id);
		if (!slot) throw notFound('Slot not found');
		return { ...slot, available: slotFree(state, slot, ctx.now()) };
	},
	'booking.countSlots': (req) => ({ count: filteredSlots(req).length }),
	'booking.reserve': ({ state, body, ctx }) => {
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
	'booking.update': ({ state, params, body, ctx }) => {
		const now = ctx.now();
		const appointment = appointmentOr404(state, params.id);
		const status = appointmentStatus(appointment, now);
		if (status !== 'reserved') {
			throw invalid(
				['id'],
				'a non-confirmed (reserved) appointment',
				`Appointment ${appointment.id} is ${status}: only non-confirmed appointments can be edited`,
				status,
			);
		}
		practitionerOrInvalid(state, body.practitioner_id, 'practitioner_id');
		if (body.start_time === null)
			throw invalid(['start_time'], 'ISO 8601 date-time', 'start_time is required');
		if (body.duration < 1)
			throw invalid(
				['duration'],
				'number greater than or equal to 1',
				'duration must be at least 1 minute',
				body.duration,
			);
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
	'booking.cancel': ({ state, params, body, ctx }) =>
		transitions.cancel(state, ctx, params.id, body ?? {}),
	'booking.reschedule': ({ state, params, body, ctx }) => {
		const record = checkBody(body, {
			start_time: { type: 'date-time' },
			slot_id: { type: 'id' },
			practitioner_id: { type: 'id' },
			location_id: { type: 'id' },
			duration: { type: 'number' },
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

	// Booking - HCA
	'bookingHca.searchConsultants': (req) => {
		const search = q(req, 'search')?.toLowerCase();
		const fields = qList(req, 'fields');
		const items = req.state.consultants
			.filter(
				(item) =>
					!search ||
					`${item.first_name} ${item.last_name} ${item.specialty} ${item.gmc_number}`
						.toLowerCase()
						.includes(search),
			)
			.map((item) =>
				fields.length
					? Object.fromEntries(
							Object.entries(item).filter(([key]) => fields.includes(key) || key === 'gmc_number'),
						)
					: item,
			);
		return list(req, items);
	},
	'bookingHca.getConsultant': ({ state, params }) => {
		const consultant = state.consultants.find((item) => item.gmc_number === params.gmc_number);
		if (!consultant) throw notFound('Consultant not found');
		return consultant;
	},

	// Links
	'link.createBookingLink': ({ state, body, ctx }) => {
		if (
			body.appointment_type_id !== undefined &&
			!state.appointmentTypes.some((item) => item.id === body.appointment_type_id)
		) {
			throw invalid(
				['appointment_type_id'],
				'an existing appointment type ID',
				`No appointment type ${body.appointment_type_id}`,
				body.appointment_type_id,
			);
		}
		if (
			body.location_id !== undefined &&
			!state.locations.some((item) => item.id === body.location_id)
		) {
			throw invalid(
				['location_id'],
				'an existing location ID',
				`No location ${body.location_id}`,
				body.location_id,
			);
		}
		if (body.practitioner_id !== undefined)
			practitionerOrInvalid(state, body.practitioner_id, 'practitioner_id');
		if (body.patient_id !== undefined) patientOr404(state, body.patient_id);
		const id = String(state.nextBookingLinkId++);
		const link = {
			id,
			url: `${ctx.url}/__sandbox/booking/${id}`,
			appointment_type_id: body.appointment_type_id ?? null,
			location_id: body.location_id ?? null,
			practitioner_id: body.practitioner_id ?? null,
			patient_id: body.patient_id ?? null,
			from_date: body.from_date ?? null,
			to_date: body.to_date ?? null,
			expiry_date: body.expiry_date ?? null,
			maximum_use_count: body.maximum_use_count ?? null,
			use_count: 0,
			type: body.patient_id ? 'patient_invite' : 'generic',
			created_at: iso(ctx.now()),
		};
		state.bookingLinks.set(id, link);
		ctx.effect('bookingLinksCreated', link.patient_id);
		return link;
	},
	'link.updateBookingLink': ({ state, params, body }) => {
		const link = state.bookingLinks.get(params.id);
		if (!link) throw notFound('Booking link not found');
		for (const key of [
			'appointment_type_id',
			'location_id',
			'practitioner_id',
			'from_date',
			'to_date',
			'expiry_date',
			'maximum_use_count',
		]) {
			if (body[key] !== undefined) link[key] = body[key];
		}
		return link;
	},
	'link.createAttachmentLink': ({ state, body, ctx }) => {
		if (!body.ehr_file_id && !body.file_data) {
			throw invalid(
				['file_data'],
				'file_data (with file_name) when ehr_file_id is not given',
				'Give ehr_file_id or file_data',
			);
		}
		if (body.file_data && !body.file_name)
			throw invalid(['file_name'], 'string', 'file_name is required with file_data');
		if (body.patient_id !== undefined) patientOr404(state, body.patient_id);
		if (
			body.ehr_file_id &&
			!state.attachments.some((item) => item.ehr_file_id === body.ehr_file_id)
		) {
			throw notFound('Attachment not found');
		}
		const uuid = uuidFrom(`attachment-${state.attachmentLinks.length + 1}`);
		const link = {
			attachment_link: `${ctx.url}/__sandbox/attachments/${uuid}`,
			attachment_uuid: uuid,
		};
		state.attachmentLinks.push({
			...link,
			patient_id: body.patient_id ?? null,
			expiry_date: body.expiry_date ?? null,
			maximum_use_count: body.maximum_use_count ?? null,
		});
		return link;
	},
	'link.createFormLink': ({ state, body, ctx }) => {
		const record = checkBody(body, {
			form_id: { type: 'string', required: true },
			patient_id: { type: 'id' },
			expiry_date: { type: 'date-time' },
			maximum_use_count: { type: 'number' },
		});
		if (!state.forms.some((form) => form.id === record.form_id)) throw notFound('Form not found');
		if (record.patient_id !== undefined) patientOr404(state, record.patient_id);
		const id = String(state.nextFormLinkId++);
		const link = {
			id,
			url: `${ctx.url}/__sandbox/forms/${id}`,
			form_id: record.form_id,
			patient_id: record.patient_id ?? null,
			expiry_date: record.expiry_date ?? null,
			maximum_use_count: record.maximum_use_count ?? null,
			created_at: iso(ctx.now()),
		};
		state.formLinks.push(link);
		return link;
	},

	// Episodes and notes
	'episode.getAll': (req) => episodes(req),
	'episode.getAllV2': (req) => episodes(req),
	'episode.get': ({ state, params }) => {
		const episode = state.episodes.find((item) => item.id === params.id);
		if (!episode) throw notFound('Episode not found');
		return episodeView(state, episode);
	},
	'episode.createNote': ({ state, body, ctx }) => {
		if (typeof body.episode_id !== 'string')
			throw invalid(['episode_id'], 'string', 'episode_id is required', body.episode_id);
		if (typeof body.description !== 'string' || !body.description.trim())
			throw invalid(
				['description'],
				'string of at least 1 character(s)',
				'description is required',
				body.description,
			);
		if (!state.episodes.some((item) => item.id === body.episode_id))
			throw notFound('Episode not found');
		const note = {
			id: state.nextNoteId++,
			episode_id: body.episode_id,
			description: body.description,
			admin: { id: 601, first_name: 'Helen', last_name: 'Marsh', full_name: 'Helen Marsh' },
			practice_group_id: Number(ctx.practiceGroupId),
			created_at: iso(ctx.now()),
		};
		state.notes.push(note);
		ctx.effect('notesCreated');
		return note;
	},

	// Care Navigation
	'careNavigation.getPathways': (req) => list(req, req.state.pathways),
	'careNavigation.getSubmissions': (req) => {
		return list(req, req.state.careNavigationSubmissions.filter(whereParam(req, 'status')));
	},
	'careNavigation.getSubmission': ({ state, params }) => {
		const submission = state.careNavigationSubmissions.find((item) => item.id === params.id);
		if (!submission) throw notFound('Submission not found');
		return submission;
	},

	// Consultations
	'consultation.getAll': (req) => {
		return list(req, req.state.consultations.filter(whereParam(req, 'patient_id')));
	},
	'consultation.get': ({ state, params }) => {
		const consultation = state.consultations.find((item) => item.id === params.id);
		if (!consultation) throw notFound('Consultation not found');
		return consultation;
	},

	// Prescriptions
	'prescription.get': ({ state, params }) => {
		const prescription = state.prescriptions.find((item) => item.id === params.id);
		if (!prescription) throw notFound('Prescription not found');
		return prescription;
	},
	'prescription.getPrescriber': ({ state, params }) => {
		const prescriber = state.prescribers.find((item) => item.id === params.id);
		if (!prescriber) throw notFound('Prescriber not found');
		return prescriber;
	},
	'prescription.getPrescriberPharmacies': (req) => {
		if (!req.state.prescribers.some((item) => item.id === req.params.id))
			throw notFound('Prescriber not found');
		return list(
			req,
			req.state.pharmacies.filter((item) => item.prescriber_id === req.params.id),
		);
	},
	'prescription.createPharmacy': ({ state, body, ctx }) => {
		if (!state.prescribers.some((item) => item.id === body.prescriber_id))
			throw notFound('Prescriber not found');
		const pharmacy = {
			id: String(state.nextPharmacyId++),
			prescriber_id: body.prescriber_id,
			name: body.name,
			email: body.email,
			mobile: body.mobile,
		};
		state.pharmacies.push(pharmacy);
		ctx.effect('pharmaciesCreated');
		return pharmacy;
	},

	// Admins
	'admin.getAll': (req) => {
		const admins = req.state.admins.map(({ signature: _signature, ...admin }) => admin);
		if (q(req, 'order_by') === 'first_name') {
			admins.sort((a, b) => a.first_name.localeCompare(b.first_name));
			if (qBool(req, 'order_descending')) admins.reverse();
		}
		return list(req, admins);
	},
	'admin.update': ({ state, params, body }) => {
		const admin = state.admins.find((item) => item.id === params.id);
		if (!admin) throw notFound('Admin not found');
		if (body.external_prescriber_id !== undefined)
			admin.external_prescriber_id = body.external_prescriber_id;
		if (body.prescriber_details !== undefined) admin.prescriber_details = body.prescriber_details;
		return { admin_id: admin.id };
	},
	'admin.upsertSignature': ({ state, body, ctx }) => {
		const record = checkBody(body, { signature: { type: 'string', required: true } });
		const admin = state.admins[0];
		/** @type {any} */ (admin).signature = record.signature;
		return { admin_id: admin.id, signature_updated_at: iso(ctx.now()) };
	},

	// API keys
	'apiKey.getAll': (req) => list(req, req.state.apiKeys),
	'apiKey.revoke': ({ state, params, ctx }) => {
		const key = state.apiKeys.find((item) => item.id === params.id);
		if (!key) throw notFound('API key not found');
		if (key.revoked_at)
			throw invalid(['id'], 'an active API key', `API key ${key.id} is already revoked`);
		/** @type {any} */ (key).revoked_at = iso(ctx.now());
		return key;
	},

	// Tasks
	'task.get': ({ state, params }) => {
		const task = state.tasks.find((item) => item.id === params.id);
		if (!task) throw notFound('Task not found');
		const patient = state.patients.get(task.patient_id);
		return {
			id: task.id,
			type_label: task.type_label,
			status: task.status,
			priority: task.priority,
			details: task.details,
			category: task.category,
			assignee_type: task.assignee_type,
			assignee_id: task.assignee_id,
			patient: patient
				? {
						id: patient.id,
						uid: patient.uid,
						ehr_partner_id: patient.ehr_partner_id,
						emis_id: patient.emis_id,
						deceased_at: patient.deceased_at,
						dob: patient.dob,
					}
				: { id: task.patient_id, dob: null },
		};
	},
	'task.update': ({ state, params, body, ctx }) => {
		const task = state.tasks.find((item) => item.id === params.id);
		if (!task) throw notFound('Task not found');
		if ((body.assignee_type === undefined) !== (body.assignee_id === undefined)) {
			throw invalid(
				[body.assignee_type === undefined ? 'assignee_type' : 'assignee_id'],
				'assignee_type and assignee_id together',
				'Give assignee_type and assignee_id together',
			);
		}
		for (const key of ['status', 'priority', 'assignee_type', 'assignee_id'])
			if (body[key] !== undefined) /** @type {any} */ (task)[key] = body[key];
		ctx.effect('tasksUpdated');
		return { data: { id: task.id } };
	},

	// Partners
	'partner.getHeidiToken': ({ ctx }) => ({
		token: `heidi_${createHash('sha256')
			.update(`heidi-${Math.floor(ctx.now() / 60000)}`)
			.digest('hex')
			.slice(0, 24)}`,
		expiration_time: iso(ctx.now() + 3600_000),
	}),

	// Forms and form responses
	'form.getAll': (req) => {
		const search = q(req, 'search')?.toLowerCase();
		const replyForm = qBool(req, 'reply_form');
		const formType = q(req, 'form_type');
		const forms = req.state.forms
			.filter(
				(form) =>
					(!search || `${form.title} ${form.description}`.toLowerCase().includes(search)) &&
					(replyForm === undefined || form.reply_form === replyForm) &&
					(!formType || form.form_type === formType),
			)
			.map(formView);
		return list(req, forms);
	},
	'form.get': ({ state, params }) => {
		const form = state.forms.find((item) => item.id === params.id);
		if (!form) throw notFound('Form not found');
		const { reply_form: _reply, ...detail } = form;
		return detail;
	},
	'formResponse.get': ({ state, params }) => {
		const response = state.formResponses.find((item) => String(item.id) === params.id);
		if (!response) throw notFound('Form response not found');
		return formResponseView(response);
	},
	'formResponse.create': ({ state, body, ctx }) => {
		const record = checkBody(body, {
			form_id: { type: 'string', required: true },
			patient_id: { type: 'id', required: true },
			answers: { type: 'array' },
			appointment_id: { type: 'id' },
		});
		if (!state.forms.some((form) => form.id === record.form_id)) throw notFound('Form not found');
		patientOr404(state, record.patient_id);
		const now = iso(ctx.now());
		const response = {
			id: state.nextFormResponseId++,
			form_id: Number(record.form_id),
			client_id: Number(record.patient_id),
			appointment_id: record.appointment_id ? Number(record.appointment_id) : null,
			invoice_id: null,
			practice_group_id: Number(ctx.practiceGroupId),
			created_at: now,
			updated_at: now,
			hidden: false,
			emis_file_record_at: null,
			short_link_id: null,
			admin_id: 601,
			write_to_record_error: null,
			answers: record.answers ?? [],
		};
		state.formResponses.push(response);
		ctx.effect('formResponsesCreated', record.patient_id);
		ctx.emit('form-submission.created', 'FormSubmission', String(response.id));
		return formResponseView(response);
	},
	'formResponse.update': ({ state, params, body, ctx }) => {
		const response = state.formResponses.find((item) => String(item.id) === params.id);
		if (!response) throw notFound('Form response not found');
		const record = checkBody(body, { hidden: { type: 'boolean' }, answers: { type: 'array' } });
		if (record.hidden !== undefined) response.hidden = record.hidden;
		if (record.answers !== undefined) response.answers = record.answers;
		response.updated_at = iso(ctx.now());
		return formResponseView(response);
	},

	// Subscriptions
	'subscription.getAll': (req) => list(req, req.state.subscriptions.map(subscriptionView)),
	'subscription.create': ({ state, body, ctx }) => {
		const record = checkBody(body, {
			name: { type: 'string', required: true },
			description: { type: 'string' },
		});
		const subscription = {
			id: String(state.nextSubscriptionId++),
			name: record.name,
			description: record.description ?? null,
			created_at: iso(ctx.now()),
			subscribers: [],
		};
		state.subscriptions.push(subscription);
		return subscriptionView(subscription);
	},
	'subscription.delete': ({ state, params }) => {
		const index = state.subscriptions.findIndex((item) => item.id === params.id);
		if (index < 0) throw notFound('Subscription not found');
		const [removed] = state.subscriptions.splice(index, 1);
		return { id: removed.id, deleted: true };
	},
	'subscription.getSubscribers': (req) => {
		const subscription = req.state.subscriptions.find((item) => item.id === req.params.id);
		if (!subscription) throw notFound('Subscription not found');
		return list(
			req,
			subscription.subscribers.map((/** @type {string} */ patientId) => {
				const patient = req.state.patients.get(patientId);
				return {
					id: patientId,
					patient_id: patientId,
					first_name: patient?.first_name ?? null,
					last_name: patient?.last_name ?? null,
				};
			}),
		);
	},
	'subscription.addSubscriber': ({ state, params, body }) => {
		const subscription = state.subscriptions.find((item) => item.id === params.id);
		if (!subscription) throw notFound('Subscription not found');
		const record = checkBody(body, { patient_id: { type: 'id', required: true } });
		patientOr404(state, record.patient_id);
		if (subscription.subscribers.includes(record.patient_id)) {
			throw invalid(
				['patient_id'],
				'a patient not yet subscribed',
				`Patient ${record.patient_id} is already subscribed`,
			);
		}
		subscription.subscribers.push(record.patient_id);
		return {
			id: record.patient_id,
			patient_id: record.patient_id,
			subscription_id: subscription.id,
		};
	},
	'subscription.removeSubscriber': ({ state, params }) => {
		const subscription = state.subscriptions.find((item) => item.id === params.id);
		if (!subscription) throw notFound('Subscription not found');
		const index = subscription.subscribers.indexOf(params.subscriber_id);
		if (index < 0) throw notFound('Subscriber not found');
		subscription.subscribers.splice(index, 1);
		return { id: params.subscriber_id, deleted: true };
	},

	// Webhooks
	'webhook.create': ({ state, body, ctx }) => {
		const now = iso(ctx.now());
		const id = String(state.nextWebhookId++);
		/** @type {Record<string, unknown>} */
		const webhook = {
			id,
			event_type: body.event_type,
			url: body.url,
			description: body.description ?? null,
			headers: body.headers ?? {},
			created_at: now,
			updated_at: now,
		};
		if (body.signing_key !== undefined) webhook.signing_key = body.signing_key;
		state.webhooks.set(id, webhook);
		ctx.effect('webhooksCreated');
		return webhookView(webhook);
	},
	'webhook.getAll': (req) => {
		return list(
			req,
			[...req.state.webhooks.values()].filter(whereParam(req, 'event_type')).map(webhookView),
		);
	},
	'webhook.delete': ({ state, params, ctx }) => {
		const webhook = state.webhooks.get(params.id);
		if (!webhook) throw notFound('Webhook not found');
		state.webhooks.delete(params.id);
		ctx.effect('webhooksDeleted');
		return { id: webhook.id, deleted: true };
	},

	// Invoicing
	'invoicing.getCoupons': (req) => list(req, req.state.coupons),
	'invoicing.getCustomers': (req) => {
		const query = String(q(req, 'query') ?? '').toLowerCase();
		return list(
			req,
			req.state.customers.filter((item) =>
				`${item.name} ${item.email} ${item.phone}`.toLowerCase().includes(query),
			),
		);
	},
	'invoicing.createCustomer': ({ state, body }) => {
		const customer = {
			id: `cus_${String(state.nextCustomerId++).padStart(3, '0')}`,
			name: body.name,
			email: body.email ?? null,
			phone: body.phone ?? null,
			sources: body.sources ?? [],
		};
		state.customers.push(customer);
		return customer;
	},
	'invoicing.getProducts': (req) => list(req, req.state.products),
	'invoicing.getMembershipSchemes': (req) => list(req, req.state.membershipSchemes),

	// Utilities
	'utility.lookupAddress': (req) => {
		const postcode = q(req, 'postcode');
		if (!postcode) throw invalid(['postcode'], 'string', 'postcode is required');
		if (!isUkPostcode(postcode))
			throw invalid(['postcode'], 'a UK postcode', 'Invalid postcode', postcode);
		const tidy = normalisePostcode(postcode).replace(/(\d[A-Z]{2})$/, ' $1');
		return list(
			req,
			[1, 2, 3].map((number) => ({
				line_1: `${number} Sandbox Street`,
				line_2: null,
				town: 'Leeds',
				county: 'West Yorkshire',
				postcode: tidy,
				country: 'United Kingdom',
			})),
		);
	},
	'utility.validateSnomedCode': ({ state, params }) => {
		if (!/^\d{6,18}$/.test(params.code))
			throw invalid(
				['code'],
				'a SNOMED CT code (6 to 18 digits)',
				'Invalid SNOMED code',
				params.code,
			);
		const known = state.snomedCodes.find((item) => item.code === params.code);
		return { code: params.code, valid: known !== undefined, term: known?.term ?? null };
	},
};

/** @param {HandlerRequest} req */
function episodes(req) {
	const statuses = qList(req, 'status');
	const priorities = qList(req, 'priority');
	const assigneeTypes = qList(req, 'assignee_type');
	const orderBy = qList(req, 'order_by');
	const descending = qList(req, 'order_descending');
	const rank = ['lowest', 'low', 'medium', 'high', 'highest'];
	const items = req.state.episodes.filter(
		(episode) =>
			(!statuses.length || statuses.includes(episode.status)) &&
			(!priorities.length || priorities.includes(episode.priority)) &&
			(!assigneeTypes.length ||
				episode.assignees.some((assignee) => assigneeTypes.includes(String(assignee.type)))),
	);
	orderBy.forEach((field, index) => {
		const direction = descending[index] === 'true' ? -1 : 1;
		items.sort((a, b) => {
			const left = field === 'priority' ? rank.indexOf(a.priority) : Date.parse(a.created_at);
			const right = field === 'priority' ? rank.indexOf(b.priority) : Date.parse(b.created_at);
			return (left - right) * direction;
		});
	});
	return list(
		req,
		items.map((episode) => episodeView(req.state, episode)),
	);
}

/**
 * What an endpoint without its own handler answers (an endpoint added to the table after this file
 * was written): a plausible empty answer, so the node's call goes through.
 * @param {HandlerRequest} req
 */
export function fallbackHandler(req) {
	if (req.method === 'GET') {
		if (/\}$/.test(req.path)) return { id: Object.values(req.params).pop() };
		return list(req, []);
	}
	if (req.method === 'DELETE') return { id: Object.values(req.params).pop(), deleted: true };
	return { id: '1', ...(req.body && typeof req.body === 'object' ? req.body : {}) };
}

export { SEED_TIME };
