// @ts-check
// What the sandbox answers, keyed like the node's endpoint table (`<resource>.<name>`), one file per
// resource under ./handlers/ (mirroring nodes/HeroHealth/actions/). Requests reach a handler only
// after auth, rate limit, faults and spec validation. An endpoint without a handler here is answered
// from the spec's response schema (fallbackHandler), so only endpoints whose answer depends on state
// need one.
import { handlers as admin } from './handlers/admin.mjs';
import { handlers as apiKey } from './handlers/apiKey.mjs';
import { handlers as booking } from './handlers/booking.mjs';
import { handlers as bookingHca } from './handlers/bookingHca.mjs';
import { handlers as careNavigation } from './handlers/careNavigation.mjs';
import { handlers as consultation } from './handlers/consultation.mjs';
import { handlers as episode } from './handlers/episode.mjs';
import { handlers as form } from './handlers/form.mjs';
import { handlers as formResponse } from './handlers/formResponse.mjs';
import { handlers as invoicing } from './handlers/invoicing.mjs';
import { handlers as link } from './handlers/link.mjs';
import { handlers as message } from './handlers/message.mjs';
import { handlers as partner } from './handlers/partner.mjs';
import { handlers as patient } from './handlers/patient.mjs';
import { handlers as practiceGroup } from './handlers/practiceGroup.mjs';
import { handlers as prescription } from './handlers/prescription.mjs';
import { handlers as subscription } from './handlers/subscription.mjs';
import { handlers as task } from './handlers/task.mjs';
import { handlers as utility } from './handlers/utility.mjs';
import { handlers as webhook } from './handlers/webhook.mjs';
import { handlers as writeToRecord } from './handlers/writeToRecord.mjs';
import { list } from './handlers/common.mjs';

export { transitions } from './handlers/appointments.mjs';
export { errorBody, HttpAnswer, HttpError, validationBody } from './handlers/common.mjs';
export { settleWriteToRecord } from './handlers/message.mjs';

/**
 * @typedef {import('./handlers/common.mjs').Handler} Handler
 * @typedef {import('./handlers/common.mjs').HandlerRequest} HandlerRequest
 * @typedef {import('./handlers/common.mjs').HandlerContext} HandlerContext
 */

/** @type {Record<string, Handler>} */
export const handlers = {
	...practiceGroup,
	...patient,
	...message,
	...writeToRecord,
	...booking,
	...bookingHca,
	...link,
	...episode,
	...careNavigation,
	...consultation,
	...prescription,
	...admin,
	...apiKey,
	...task,
	...partner,
	...form,
	...formResponse,
	...subscription,
	...webhook,
	...invoicing,
	...utility,
};

/**
 * What an endpoint without its own handler answers: the spec's example or a value built from its
 * response schema; for an endpoint not in the spec (inferred), a plausible empty answer.
 * @param {HandlerRequest} req
 */
export function fallbackHandler(req) {
	if (req.mock) return req.mock();
	if (req.method === 'GET') {
		if (/\}$/.test(req.path)) return { id: Object.values(req.params).pop() };
		return list(req, []);
	}
	if (req.method === 'DELETE') return { id: Object.values(req.params).pop(), deleted: true };
	return { id: '1', ...(req.body && typeof req.body === 'object' ? req.body : {}) };
}
