// @ts-check
// Write to Record: the status of a message's write-to-record.
import { messageOr404, messageView } from './message.mjs';

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'writeToRecord.getStatus': ({ state, params }) =>
		messageView(messageOr404(state, params.id), state),
};
