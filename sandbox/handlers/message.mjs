// @ts-check
// Messages: single sends, batch messages, templates, automated messages, and the write-to-record
// outcome the control API settles.
import { createHash } from 'node:crypto';

import { iso } from '../seed.mjs';
import { addPatient } from './patient.mjs';
import { dateOf, invalid, list, notFound, patientOr404, q, qBool, whereParam } from './common.mjs';

/**
 * @typedef {import('./common.mjs').Handler} Handler
 * @typedef {import('./common.mjs').HandlerContext} HandlerContext
 * @typedef {import('./common.mjs').State} State
 */

export const DEFAULT_SNOMED = {
	sms: '279991000000102',
	email: '401271004',
	nhs_app: '401271004',
	hero: '401271004',
};

/** @param {any} message @param {State} state */
export function messageView(message, state) {
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
export function messageOr404(state, id) {
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

/**
 * Hero enriches each batch recipient from PDS when the batch is created (inferred: Hero documents
 * only that a "successful upload" means contact details were found on PDS). A practice patient or
 * someone PDS knows (registered, as a PDS lookup would) with a contact for the channel is ready
 * (`CREATED`); otherwise the recipient is `ERROR` with the reason, and is never sent to.
 * @param {any} state @param {any} ctx @param {any} recipient @param {string} channel
 * @param {Map<string, any>} practice the practice's patients by `${nhs_number} ${dob}`
 */
function enrich(state, ctx, recipient, channel, practice) {
	const digits = String(recipient.nhs_number).replace(/[\s-]/g, '');
	const dob = dateOf(recipient.dob);
	let patient = practice.get(`${digits} ${dob}`);
	if (!patient) {
		const person = state.spineOnly.find(
			(/** @type {any} */ item) => item.nhs_number === digits && item.dob === dob,
		);
		if (person) {
			patient = addPatient(state, { ...person }, 'pds');
			practice.set(`${digits} ${dob}`, patient);
			ctx.effect('patientsCreated', patient.id);
		}
	}
	if (!patient) return { patient_id: null, status: 'ERROR', error: 'No patient found on PDS' };
	const contact = { SMS: patient.mobile, EMAIL: patient.email }[
		/** @type {'SMS' | 'EMAIL'} */ (channel)
	];
	if (channel !== 'NHS_APP' && !contact)
		return {
			patient_id: patient.id,
			status: 'ERROR',
			error: `No ${channel === 'SMS' ? 'mobile number' : 'email address'} on PDS`,
		};
	return { patient_id: patient.id, status: 'CREATED', error: null };
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

/** @type {Record<string, Handler>} */
export const handlers = {
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
		// one pass over the practice's patients, not one per recipient (benchmarks send 20,000)
		const practice = new Map(
			[...state.patients.values()].map((patient) => [
				`${patient.nhs_number} ${patient.dob}`,
				patient,
			]),
		);
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
				(/** @type {any} */ recipient, /** @type {number} */ index) => ({
					id: `${id}-${index + 1}`,
					nhs_number: String(recipient.nhs_number).replace(/[\s-]/g, ''),
					dob: recipient.dob,
					...enrich(state, ctx, recipient, body.channel, practice),
					message_id: null,
				}),
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
			if (recipient.status === 'ERROR') continue;
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
};
