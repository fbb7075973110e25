// @ts-check
// Consultations.
import { list, notFound, whereParam } from './common.mjs';

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'consultation.getAll': (req) => {
		return list(req, req.state.consultations.filter(whereParam(req, 'patient_id')));
	},
	'consultation.get': ({ state, params }) => {
		const consultation = state.consultations.find((item) => item.id === params.id);
		if (!consultation) throw notFound('Consultation not found');
		return consultation;
	},
};
