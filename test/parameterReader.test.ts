import nock from 'nock';
import { ExecuteContext } from 'n8n-core';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import * as parameterReader from '../nodes/HeroHealth/helpers/parameterReader';
import { BASE_URL, locator } from './helpers/constants';
import { runNode, type RunNodeOptions } from './helpers/run';

/**
 * The parameter reader (nodes/HeroHealth/helpers/parameterReader.ts, `readParameters`) answers
 * some reads itself: a fixed parameter from n8n's first answer, a plain `{{ $json.field }}` from the
 * item. Here each workflow runs twice on n8n's engine, once as shipped and once with
 * `n8nParameters` instead (every read through n8n's getNodeParameter), over a matrix of values and
 * parameter shapes; requests on the wire and output items must be the same.
 */

const PATIENT = '98765';

/**
 * Hero answers every send with what it received, so the output shows it too, and the SMS-credit
 * read Message → Send makes before the first SMS with plenty of credits.
 */
function answerEverySend() {
	let sent = 0;
	nock(BASE_URL)
		.persist()
		.post('/v1/messages/send')
		.reply(200, (_uri, body) => ({ message_id: `m${++sent}`, received: body as IDataObject }))
		.get('/v1/me/sms-credits')
		.reply(200, { sms_credit_count: 1_000_000 });
}

interface Outcome {
	requests: Array<Pick<IDataObject, 'method' | 'url' | 'headers' | 'query' | 'body'>>;
	output?: Array<{ json: IDataObject; pairedItem: unknown; error?: string }>;
	error?: string;
	/** n8n's own getNodeParameter calls, by parameter name. */
	n8nReads: Record<string, number>;
}

/** The engine's own parameter resolution (ExecuteContext.getNodeParameter calls it), counted. */
type Resolve = (this: unknown, ...args: unknown[]) => unknown;
const engine = ExecuteContext.prototype as unknown as { _getNodeParameter: Resolve };
const n8nResolve = engine._getNodeParameter;

async function runOnce(options: RunNodeOptions, mockHero: () => void): Promise<Outcome> {
	const n8nReads: Record<string, number> = {};
	const spy = jest.spyOn(engine, '_getNodeParameter').mockImplementation(function (
		this: unknown,
		...args: unknown[]
	) {
		const name = String(args[0]);
		n8nReads[name] = (n8nReads[name] ?? 0) + 1;
		return n8nResolve.apply(this, args);
	});
	mockHero();
	try {
		const { output, requests } = await runNode(options);
		return {
			requests: requests.map(({ method, url, headers, query, body }) => ({
				method,
				url,
				headers,
				query,
				body: body as IDataObject,
			})),
			output: output.map((item: INodeExecutionData) => ({
				json: item.json,
				pairedItem: item.pairedItem,
				error: item.error?.message,
			})),
			n8nReads,
		};
	} catch (error) {
		return { requests: [], error: (error as Error).message, n8nReads };
	} finally {
		spy.mockRestore();
		nock.cleanAll();
	}
}

/** The same workflow with the shortcut as shipped, then with n8n resolving every parameter. */
async function withAndWithoutShortcut(options: RunNodeOptions, mockHero = answerEverySend) {
	const shortcut = await runOnce(options, mockHero);
	const off = jest
		.spyOn(parameterReader, 'readParameters')
		.mockImplementation(parameterReader.n8nParameters);
	try {
		const n8n = await runOnce(options, mockHero);
		return { shortcut, n8n };
	} finally {
		off.mockRestore();
	}
}

/** Items run concurrently, so requests may reach the wire in another order: compare them as a set. */
function sortedRequests(requests: Outcome['requests']) {
	return [...requests].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function expectSame({ shortcut, n8n }: { shortcut: Outcome; n8n: Outcome }) {
	// Both runs failing the same way on an unanswered request would prove nothing.
	expect(shortcut.error ?? '').not.toMatch(/Could not reach Hero/);
	expect(shortcut.error).toEqual(n8n.error);
	expect(sortedRequests(shortcut.requests)).toEqual(sortedRequests(n8n.requests));
	expect(shortcut.output).toEqual(n8n.output);
}

/** Values an input field can hold (JSON, as items are), each under several field names. */
const VALUES: Array<[string, IDataObject[string]]> = [
	['a string', 'Your flu jab is due'],
	['an empty string', ''],
	['spaces only', '   '],
	['padded text', '  padded  '],
	['zero', 0],
	['a number', 42],
	['a negative decimal', -1.5],
	['true', true],
	['false', false],
	['null', null],
	['an object', { a: 1 }],
	['an array', [1, 2]],
	['an empty array', []],
	['unicode', 'Café ✓ 🎉 ünïcødé 中文'],
	['a line break', 'line one\nline two'],
	['text that looks like an expression', '={{ 1 + 1 }}'],
	['text with braces', '{{ $json.v }}'],
	['a long text', 'x'.repeat(5000)],
];

/** One item per value, the value under every field name the expressions below read. */
const matrixItems = (): INodeExecutionData[] => [
	...VALUES.map(([, value]) => ({
		json: { v: value, 'field name': value, ünï: value, 'a.b': value, p: PATIENT },
	})),
	// The field missing altogether.
	{ json: { p: PATIENT } },
];

const sendParameters = (messageText: unknown, extra: IDataObject = {}) => ({
	resource: 'message',
	operation: 'send',
	patientId: locator(PATIENT),
	messageType: 'sms',
	messageText,
	additionalFields: {},
	// One at a time, so both runs put their requests on the wire in the same order.
	requestOptions: { concurrency: 1 },
	...extra,
});

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

describe('parameter shortcut: a text parameter, every value, shortcut on and off', () => {
	// Expressions the shortcut answers itself (a mapped input field) ...
	const answeredByShortcut = [
		'={{ $json.v }}',
		'={{$json.v}}',
		'={{ $json["v"] }}',
		"={{ $json['v'] }}",
		'={{ $json["field name"] }}',
		'={{ $json["ünï"] }}',
		'={{ $json["a.b"] }}',
	];
	// ... and ones it must leave to n8n.
	const leftToN8n = [
		'={{ $json.v }} ',
		'= {{ $json.v }}',
		'=Dear {{ $json.v }}',
		'={{ $json.v }}{{ $json.v }}',
		'={{ $json.v + 1 }}',
		'={{ $json.v.length }}',
		'={{ $json.a.b }}',
		'={{ $json.missing }}',
		'={{ $json.constructor }}',
		'={{ $json.toString }}',
		'={{ $json.__proto__ }}',
		'={{ $json.hasOwnProperty }}',
		"={{ $('Lookup').item.json.v }}",
		"={{ $fromAI('v') }}",
		'={{ $itemIndex }}',
	];

	it.each(answeredByShortcut)('%s gives what n8n gives, and the shortcut answers', async (text) => {
		const runs = await withAndWithoutShortcut({
			items: matrixItems(),
			continueOnFail: true,
			parameters: sendParameters(text),
		});
		expectSame(runs);
		// n8n was asked less often with the shortcut: it answered the items holding a plain value.
		expect(runs.shortcut.n8nReads.messageText ?? 0).toBeLessThan(runs.n8n.n8nReads.messageText);
	});

	it.each(leftToN8n)('%s gives what n8n gives', async (text) => {
		const runs = await withAndWithoutShortcut({
			items: matrixItems(),
			continueOnFail: true,
			parameters: sendParameters(text),
			extraNodes: [{ name: 'Lookup', items: matrixItems() }],
		});
		expectSame(runs);
	});

	it.each([
		['fixed text', 'Your flu jab is due'],
		['fixed text with braces', 'Hi {{ name }}'],
		['fixed text starting with a space', ' =x'],
	])('%s gives what n8n gives, read through n8n once for the run', async (_case, text) => {
		const runs = await withAndWithoutShortcut({
			items: matrixItems(),
			continueOnFail: true,
			parameters: sendParameters(text),
		});
		expectSame(runs);
		// n8n's answer for the first item, reused; n8n alone reads it for every item.
		expect(runs.shortcut.n8nReads.messageText).toBe(1);
		expect(runs.n8n.n8nReads.messageText).toBeGreaterThanOrEqual(matrixItems().length);
	});

	it('a required text left empty: n8n refuses the workflow either way', async () => {
		const runs = await withAndWithoutShortcut({ parameters: sendParameters('') });
		expect(runs.shortcut.error).toMatch(/Parameter "Message" is required/);
		expectSame(runs);
	});
});

describe('parameter shortcut: resource locators in each mode', () => {
	const patients: Array<[string, IDataObject[string]]> = [
		['a Hero ID', PATIENT],
		['a padded ID', ` ${PATIENT} `],
		['a number', 98765],
		['zero', 0],
		['an empty string', ''],
		['null', null],
		['text that is no ID', 'Ada Lovelace'],
		['an object', { id: PATIENT }],
		['unicode', 'ünï'],
	];
	const items = (): INodeExecutionData[] => [
		...patients.map(([, p]) => ({ json: { p, 'patient id': p } })),
		{ json: {} },
	];

	it.each([
		['id', PATIENT],
		['id', ` ${PATIENT} `],
		['list', PATIENT],
		// A mode the node does not offer (as a copied workflow could hold): n8n gives the value.
		['url', `https://app.herohealth.net/patients/${PATIENT}`],
	])('fixed, in mode %s (%p)', async (mode, value) => {
		const runs = await withAndWithoutShortcut({
			items: items(),
			continueOnFail: true,
			parameters: sendParameters('Hello', { patientId: locator(value, mode) }),
		});
		expectSame(runs);
	});

	it.each([
		['id', '={{ $json.p }}'],
		['list', '={{ $json.p }}'],
		['id', '={{ $json["patient id"] }}'],
		['id', '={{ String($json.p).trim() }}'],
		['id', "={{ $('Lookup').item.json.p }}"],
		['id', "={{ $fromAI('p') }}"],
	])('from an expression, in mode %s (%s)', async (mode, value) => {
		const runs = await withAndWithoutShortcut({
			items: items(),
			continueOnFail: true,
			parameters: sendParameters('Hello', { patientId: locator(value, mode) }),
			extraNodes: [{ name: 'Lookup', items: items() }],
		});
		expectSame(runs);
	});
});

describe('parameter shortcut: collections, options, numbers and booleans', () => {
	const items = (): INodeExecutionData[] => [
		{ json: { mobile: '07700 900123', type: 'sms', when: '2026-03-16T09:00:00Z', n: 3 } },
		{ json: { mobile: '', type: 'hero', when: '', n: 0 } },
		{ json: { mobile: 7700900123, type: 'SMS', when: null, n: '2' } },
		{ json: { mobile: null, type: null, n: null } },
		{ json: {} },
	];

	it.each<[string, IDataObject]>([
		['an empty collection', { additionalFields: {} }],
		[
			'a collection of fixed values',
			{
				additionalFields: {
					recipientContactDetail: '07700 900123',
					writeToRecord: true,
					assigneeId: 12,
					snomedCode: '',
				},
			},
		],
		[
			'a collection holding expressions',
			{
				additionalFields: {
					recipientContactDetail: '={{ $json.mobile }}',
					sendAt: '={{ $json.when }}',
				},
			},
		],
		['an options parameter from an expression', { messageType: '={{ $json.type }}' }],
		['an options parameter fixed', { messageType: 'hero' }],
		[
			'a number inside a collection from an expression',
			{ additionalFields: { assigneeId: '={{ $json.n }}' } },
		],
		['a collection read once per run', { requestOptions: { concurrency: 1, maxRetries: 0 } }],
	])('%s gives what n8n gives', async (_case, extra) => {
		const runs = await withAndWithoutShortcut({
			items: items(),
			continueOnFail: true,
			parameters: sendParameters('Hello', extra),
		});
		expectSame(runs);
	});

	it.each([
		['a number parameter from an input field', { returnAll: false, limit: '={{ $json.n }}' }],
		['a boolean parameter from an input field', { returnAll: '={{ $json.all }}', limit: 2 }],
	])('%s gives what n8n gives', async (_case, extra) => {
		const answerEveryPage = () =>
			nock(BASE_URL)
				.persist()
				.get('/v1/consultations')
				.query(true)
				.reply(200, (uri) => ({
					data: [
						{ id: '1', uri },
						{ id: '2', uri },
					],
					count: 2,
				}));
		const listItems = [
			{ json: { n: 1, all: true } },
			{ json: { n: 2, all: false } },
			{ json: { n: '2', all: 'true' } },
			{ json: { n: 0, all: 0 } },
		];
		const runs = await withAndWithoutShortcut(
			{
				items: listItems,
				continueOnFail: true,
				parameters: { resource: 'consultation', operation: 'getAll', ...extra },
			},
			answerEveryPage,
		);
		expectSame(runs);
	});
});

describe('parameter shortcut: the values themselves, read both ways in one run', () => {
	/**
	 * A node that reads its parameters through the shortcut and through n8n, item by item, and outputs
	 * both: what an operation would get, before any operation trims or converts it.
	 */
	const probe = (reads: Array<[string, { extractValue?: boolean }?]>): INodeType => ({
		description: new HeroHealth().description,
		async execute(this: IExecuteFunctions) {
			const shortcut = parameterReader.readParameters(this);
			const n8n = parameterReader.n8nParameters(this);
			const read = (
				reader: parameterReader.ParameterReader,
				name: string,
				i: number,
				options?: { extractValue?: boolean },
			) => {
				try {
					return { value: reader.get(name, i, undefined, options) as unknown };
				} catch (error) {
					return { error: (error as Error).message };
				}
			};
			return [
				this.getInputData().map((_, i) => ({
					json: Object.fromEntries(
						reads.map(([name, options]) => [
							name,
							{ shortcut: read(shortcut, name, i, options), n8n: read(n8n, name, i, options) },
						]),
					) as IDataObject,
				})),
			];
		},
	});

	it.each([
		'={{ $json.v }}',
		'={{ $json.v }} ',
		'={{ $json["field name"] }}',
		'={{ $json.constructor }}',
		'={{ $json.toString }}',
		'={{ $json.v.length }}',
		'=Dear {{ $json.v }}',
		'plain text',
	])('%s: the same value for every item', async (text) => {
		const { json } = await runNode({
			nodeType: probe([
				['messageText'],
				['patientId', { extractValue: true }],
				['additionalFields'],
			]),
			items: matrixItems(),
			parameters: sendParameters(text, {
				patientId: locator('={{ $json.v }}'),
				additionalFields: { recipientContactDetail: '07700 900123', writeToRecord: true },
			}),
		});
		for (const item of json) {
			for (const read of Object.values(item) as Array<{ shortcut: unknown; n8n: unknown }>) {
				expect(read.shortcut).toEqual(read.n8n);
			}
		}
	});
});
