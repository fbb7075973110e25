// @ts-check
// Forms.
import { list, notFound, q, qBool } from './common.mjs';

/** @param {any} form */
function formView(form) {
	const { fields: _fields, ...view } = form;
	return view;
}

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
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
};
