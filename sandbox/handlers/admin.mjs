// @ts-check
// Admins.
import { iso } from '../seed.mjs';
import { checkBody, list, notFound, q, qBool } from './common.mjs';

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
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
};
