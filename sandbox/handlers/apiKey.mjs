// @ts-check
// API keys.
import { iso } from '../seed.mjs';
import { invalid, list, notFound } from './common.mjs';

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'apiKey.getAll': (req) => list(req, req.state.apiKeys),
	'apiKey.revoke': ({ state, params, ctx }) => {
		const key = state.apiKeys.find((item) => item.id === params.id);
		if (!key) throw notFound('API key not found');
		if (key.revoked_at)
			throw invalid(['id'], 'an active API key', `API key ${key.id} is already revoked`);
		/** @type {any} */ (key).revoked_at = iso(ctx.now());
		return key;
	},
};
