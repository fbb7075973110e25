// @ts-check
// Care Navigation: pathways and submissions.
import { list, notFound, whereParam } from './common.mjs';

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'careNavigation.getPathways': (req) => list(req, req.state.pathways),
	'careNavigation.getSubmissions': (req) => {
		return list(req, req.state.careNavigationSubmissions.filter(whereParam(req, 'status')));
	},
	'careNavigation.getSubmission': ({ state, params }) => {
		const submission = state.careNavigationSubmissions.find((item) => item.id === params.id);
		if (!submission) throw notFound('Submission not found');
		return submission;
	},
};
