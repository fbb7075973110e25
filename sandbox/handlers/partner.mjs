// @ts-check
// Partners.
import { createHash } from 'node:crypto';

import { iso } from '../seed.mjs';

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'partner.getHeidiToken': ({ ctx }) => ({
		token: `heidi_${createHash('sha256')
			.update(`heidi-${Math.floor(ctx.now() / 60000)}`)
			.digest('hex')
			.slice(0, 24)}`,
		expiration_time: iso(ctx.now() + 3600_000),
	}),
};
