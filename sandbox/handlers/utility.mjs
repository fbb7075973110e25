// @ts-check
// Utilities: address lookup, SNOMED code check.
import { invalid, list, normalisePostcode, q } from './common.mjs';

/** @param {string} text */
function isUkPostcode(text) {
	return /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i.test(text.trim());
}

/** @typedef {import('./common.mjs').Handler} Handler */

/** @type {Record<string, Handler>} */
export const handlers = {
	'utility.lookupAddress': (req) => {
		const postcode = q(req, 'postcode');
		if (!postcode) throw invalid(['postcode'], 'string', 'postcode is required');
		if (!isUkPostcode(postcode))
			throw invalid(['postcode'], 'a UK postcode', 'Invalid postcode', postcode);
		const tidy = normalisePostcode(postcode).replace(/(\d[A-Z]{2})$/, ' $1');
		return list(
			req,
			[1, 2, 3].map((number) => ({
				line_1: `${number} Sandbox Street`,
				line_2: null,
				town: 'Leeds',
				county: 'West Yorkshire',
				postcode: tidy,
				country: 'United Kingdom',
			})),
		);
	},
	'utility.validateSnomedCode': ({ state, params }) => {
		if (!/^\d{6,18}$/.test(params.code))
			throw invalid(
				['code'],
				'a SNOMED CT code (6 to 18 digits)',
				'Invalid SNOMED code',
				params.code,
			);
		const known = state.snomedCodes.find((item) => item.code === params.code);
		return { code: params.code, valid: known !== undefined, term: known?.term ?? null };
	},
};
