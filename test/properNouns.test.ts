import type { INodeTypeDescription } from 'n8n-workflow';

import { HeroHealthApi } from '../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { HeroHealthTrigger } from '../nodes/HeroHealthTrigger/HeroHealthTrigger.node';

/**
 * The words a practice user and an AI agent read in the editor keep proper nouns as they are
 * written. n8n's linter wants an operation's action in sentence case, which lower-cases every
 * mixed-case word after the first ("Get a heidi token"); such texts are reworded instead. This
 * walks the whole built description (every display name, option name, action, description, hint
 * and placeholder, nested collections included) and fails on a proper noun in the wrong case.
 */

const PROPER_NOUNS = [
	'Hero',
	'Heidi',
	'NHS',
	'PDS',
	'SNOMED',
	'EMIS',
	'SystmOne',
	'Stripe',
	'GMC',
	'PCN',
	'HCA',
];

/** Fields of a description object that hold words people read. */
const TEXT_KEYS = new Set(['displayName', 'name', 'action', 'description', 'hint', 'placeholder']);

/** Every readable text of a description, with where it sits. */
function texts(value: unknown, path: string, out: Array<[string, string]> = []) {
	if (Array.isArray(value)) {
		value.forEach((entry, index) => texts(entry, `${path}[${index}]`, out));
	} else if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const label = typeof record.name === 'string' ? `${path}(${record.name})` : path;
		for (const [key, entry] of Object.entries(record)) {
			if (TEXT_KEYS.has(key) && typeof entry === 'string') out.push([`${label}.${key}`, entry]);
			else if (key !== 'default' && key !== 'displayOptions') texts(entry, `${label}.${key}`, out);
		}
	}
	return out;
}

/**
 * Proper nouns written in another case, outside code spans, URLs and identifiers (a word joined
 * to others by `_`, `.`, `-`, `/` or `@` is an identifier such as `nhs_number` or herohealth.net).
 */
export function miscasedProperNouns(text: string): string[] {
	const prose = text.replace(/`[^`]*`/g, ' ').replace(/\bhttps?:\/\/\S+/g, ' ');
	const found: string[] = [];
	for (const noun of PROPER_NOUNS) {
		const word = new RegExp(`(?<![\\w./@-])${noun}(?![\\w/@-]|\\.\\w)`, 'gi');
		for (const match of prose.matchAll(word)) if (match[0] !== noun) found.push(match[0]);
	}
	return found;
}

const descriptions: Array<[string, INodeTypeDescription | object]> = [
	['Hero Health', new HeroHealth().description],
	['Hero Health Trigger', new HeroHealthTrigger().description],
	['Hero Health API credential', { properties: new HeroHealthApi().properties }],
];

describe('proper nouns in the editor', () => {
	it('the check finds lower-cased proper nouns and leaves identifiers alone', () => {
		expect(miscasedProperNouns('Get a heidi token')).toEqual(['heidi']);
		expect(miscasedProperNouns('register them in hero if new')).toEqual(['hero']);
		expect(miscasedProperNouns('Trace on pds, then Systmone or emis')).toEqual([
			'pds',
			'emis',
			'Systmone',
		]);
		expect(
			miscasedProperNouns(
				'Map `nhs_number` and hero_id; see https://developer.herohealth.net/pds, nhs-number',
			),
		).toEqual([]);
		expect(miscasedProperNouns('Hero sends a PDS trace to NHS Spine via EMIS or SystmOne')).toEqual(
			[],
		);
	});

	it.each(descriptions)('%s: every name, action, description and hint keeps them', (_, value) => {
		const wrong = texts(value, '')
			.map(([where, text]) => ({ where, text, wrong: miscasedProperNouns(text) }))
			.filter((entry) => entry.wrong.length > 0);
		expect(wrong).toEqual([]);
	});
});
