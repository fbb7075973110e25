// @ts-check
// Booking - HCA: consultants by GMC number.
import { list, notFound, q, qList } from './common.mjs';

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
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
};
