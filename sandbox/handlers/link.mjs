// @ts-check
// Links: booking, attachment, form and video links, and the status of any of them.
import { createHash } from 'node:crypto';

import { iso } from '../seed.mjs';
import { practitionerOrInvalid } from './appointments.mjs';
import { checkBody, invalid, notFound, patientOr404, q } from './common.mjs';

/** Deterministic UUID-shaped text. @param {string} seed */
function uuidFrom(seed) {
	const hex = createHash('sha256').update(seed).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
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
	'link.createVideoLink': ({ state, body, ctx }) => {
		const record = checkBody(body, {
			patient_id: { type: 'id' },
			appointment_id: { type: 'id' },
			expiry_date: { type: 'date-time' },
		});
		if (record.patient_id !== undefined) patientOr404(state, record.patient_id);
		if (record.appointment_id !== undefined && !state.appointments.has(record.appointment_id))
			throw notFound('Appointment not found');
		const id = String(state.nextVideoLinkId++);
		const link = {
			id,
			url: `${ctx.url}/__sandbox/video/${id}`,
			patient_id: record.patient_id ?? null,
			appointment_id: record.appointment_id ?? null,
			expiry_date: record.expiry_date ?? null,
			created_at: iso(ctx.now()),
		};
		state.videoLinks.push(link);
		ctx.effect('videoLinksCreated', link.patient_id);
		return link;
	},
	// Any link the sandbox made, found by its URL or its ID: {status, type, reference}.
	'link.getStatus': (req) => {
		const { state } = req;
		const url = q(req, 'url');
		const id = q(req, 'id');
		if (!url && !id) throw invalid(['url'], 'url or id', 'Give url or id');
		/** @type {Array<[string, any]>} */
		const links = [
			...[...state.bookingLinks.values()].map(
				(link) => /** @type {[string, any]} */ (['booking', link]),
			),
			...state.formLinks.map((link) => /** @type {[string, any]} */ (['form', link])),
			...state.videoLinks.map((link) => /** @type {[string, any]} */ (['video', link])),
		];
		const found = links.find(([, link]) => (url ? link.url === url : link.id === id));
		if (!found) throw notFound('Link not found');
		const [type, link] = found;
		const expired = link.expiry_date && link.expiry_date < iso(Date.now()).slice(0, 10);
		return {
			status: expired ? 'expired' : (link.use_count ?? 0) > 0 ? 'used' : 'unused',
			type,
			reference: [
				{ id: link.id, patient_id: link.patient_id ?? null, created_at: link.created_at },
			],
		};
	},
};
