// @ts-check
// Form responses; creating one fires form-submission.created.
import { iso } from '../seed.mjs';
import { checkBody, notFound, patientOr404 } from './common.mjs';

/** @param {any} response */
function formResponseView(response) {
	const view = { ...response };
	for (const key of Object.keys(view)) if (view[key] === null) delete view[key];
	return view;
}

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'formResponse.get': ({ state, params }) => {
		const response = state.formResponses.find((item) => String(item.id) === params.id);
		if (!response) throw notFound('Form response not found');
		return formResponseView(response);
	},
	'formResponse.create': ({ state, body, ctx }) => {
		// FormResponse names the patient client_id; its IDs are numbers in Hero's example.
		const record = checkBody(body, {
			form_id: { type: 'number', required: true },
			client_id: { type: 'number', required: true },
			answers: { type: 'array' },
			appointment_id: { type: 'number' },
		});
		if (!state.forms.some((form) => form.id === String(record.form_id)))
			throw notFound('Form not found');
		patientOr404(state, String(record.client_id));
		const now = iso(ctx.now());
		const response = {
			id: state.nextFormResponseId++,
			form_id: Number(record.form_id),
			client_id: Number(record.client_id),
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
		ctx.effect('formResponsesCreated', String(record.client_id));
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
};
