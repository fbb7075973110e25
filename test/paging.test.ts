import type { INode } from 'n8n-workflow';

import {
	MAX_PAGE_SIZE,
	MAX_PAGES,
	readList,
	type PageRequest,
} from '../nodes/HeroHealth/transport/paging';
import { BASE_URL } from './helpers/constants';
import { hero, useHeroMocks } from './helpers/hero';
import { runNode } from './helpers/run';
import { control, credentials } from './helpers/sandbox';

/**
 * Return All never runs away (issue 12): a list that ignores page_index, a page longer than
 * page_size and the hard cap stop the walk after a handful of requests, and no record is output
 * twice. Against the sandbox's `ignorePageIndex` knob, and with nock for shapes it cannot make.
 */

const SLOTS = 'GET /v1/slots';

describe('against the sandbox: a list that ignores page_index and gives no count', () => {
	beforeEach(async () => {
		await control.reset();
		await control.config({ ignorePageIndex: true });
	});

	it('Booking → Get Slots, Return All: fails after two requests and says what it saw', async () => {
		const error = await runNode({
			parameters: { resource: 'booking', operation: 'getSlots', returnAll: true, filters: {} },
			credentials: credentials(),
		}).catch((thrown: unknown) => thrown as Error & { description?: string });

		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe(
			'Stopped reading GET /v1/slots after 2 requests: page_index 1 answered the same 100 records as page_index 0: the list seems to ignore page_index (item 0)',
		);
		expect((error as { description?: string }).description).toMatch(/Turn off Return All/);
		const counters = await control.counters();
		expect(counters.requests[SLOTS].received).toBe(2);
		expect(counters.received).toBe(2);
	});

	it('Custom API Call, Return All Pages: the same guard', async () => {
		const error = await runNode({
			parameters: {
				resource: 'customApiCall',
				operation: 'request',
				method: 'GET',
				path: '/v1/slots',
				queryParameters: {},
				returnAllPages: true,
			},
			credentials: credentials(),
		}).catch((thrown: unknown) => thrown as Error);

		expect((error as Error).message).toMatch(/^Stopped reading GET \/v1\/slots after 2 requests/);
		expect((await control.counters()).received).toBe(2);
	});

	it('a Limit still reads what it needs: one page, no duplicates', async () => {
		const { json } = await runNode({
			parameters: {
				resource: 'booking',
				operation: 'getSlots',
				returnAll: false,
				limit: 30,
				filters: {},
			},
			credentials: credentials(),
		});
		expect(json).toHaveLength(30);
		expect(new Set(json.map((slot) => slot.id)).size).toBe(30);
		expect((await control.counters()).received).toBe(1);
	});

	it('Patient → Get Many, Return All: a short first page ends the list in one request', async () => {
		const { json } = await runNode({
			parameters: { resource: 'patient', operation: 'getAll', returnAll: true, filters: {} },
			credentials: credentials(),
		});
		expect(json.length).toBeGreaterThan(0);
		expect(json.length).toBeLessThan(100);
		expect(new Set(json.map((patient) => patient.id)).size).toBe(json.length);
		expect((await control.counters()).received).toBe(1);
	});
});

describe('against the sandbox: Hero gives shorter pages than the node asks for (issue 23)', () => {
	beforeEach(async () => {
		await control.reset();
		await control.config({ pageSizeCap: 40 });
	});

	it('Booking → Get Slots, Return All: reads on while the count says more, and gets them all', async () => {
		const { json } = await runNode({
			parameters: { resource: 'booking', operation: 'getSlots', returnAll: true, filters: {} },
			credentials: credentials(),
		});
		const counters = await control.counters();
		// The same list without the cap, for the total.
		await control.config({ pageSizeCap: 0 });
		const all = await runNode({
			parameters: { resource: 'booking', operation: 'getSlots', returnAll: true, filters: {} },
			credentials: credentials(),
		});
		expect(all.json.length).toBeGreaterThan(100);
		expect(json.map((slot) => slot.id)).toEqual(all.json.map((slot) => slot.id));
		expect(counters.requests[SLOTS].received).toBe(Math.ceil(all.json.length / 40));
	});
});

describe('with nock: shapes the sandbox does not make', () => {
	useHeroMocks();
	const list = { resource: 'patient', operation: 'getAll', returnAll: true, filters: {} };
	const records = (from: number, to: number) =>
		Array.from({ length: to - from }, (_, i) => ({ id: from + i }));

	it('a page longer than page_size without a count: fails after one request', async () => {
		hero()
			.get('/v1/patients')
			.query(true)
			.reply(200, { data: records(0, 250) });
		await expect(runNode({ parameters: list })).rejects.toThrow(
			'Stopped reading GET /v1/patients after 1 request: page_index 0 answered 250 records for page_size 100: the list seems to ignore page_size (item 0)',
		);
	});

	it('a page longer than page_size whose count shows it complete: returned once', async () => {
		hero()
			.get('/v1/patients')
			.query(true)
			.reply(200, { data: [...records(0, 150), ...records(0, 150)], count: 150 });
		const { json } = await runNode({ parameters: list });
		expect(json.map((record) => record.id)).toEqual(records(0, 150).map((record) => record.id));
	});

	/** A Hero that caps pages at `cap` records, whatever page_size asks; `count` says the total. */
	function cappedPages(
		total: number,
		cap: number,
		count = total,
		pages = Math.ceil(total / cap) + 1,
	) {
		const seen: number[] = [];
		hero()
			.get('/v1/patients')
			.query(true)
			.times(pages)
			.reply(200, (uri) => {
				const page = Number(new URL(uri, BASE_URL).searchParams.get('page_index'));
				seen.push(page);
				return { data: records(page * cap, Math.min(total, page * cap + cap)), count };
			});
		return seen;
	}

	it('pages capped at 40 with count 170: all 170, in five requests', async () => {
		const pages = cappedPages(170, 40, 170, 5);
		const { json } = await runNode({ parameters: list });
		expect(json.map((record) => record.id)).toEqual(records(0, 170).map((record) => record.id));
		expect(pages).toEqual([0, 1, 2, 3, 4]);
	});

	it('a Limit of 150 with pages capped at 40: 150 records', async () => {
		cappedPages(170, 40, 170, 4);
		const { json } = await runNode({
			parameters: { ...list, returnAll: false, limit: 150 },
		});
		expect(json.map((record) => record.id)).toEqual(records(0, 150).map((record) => record.id));
	});

	it('pages that end before the count: fails, saying how many of how many', async () => {
		cappedPages(120, 40, 170, 4);
		await expect(runNode({ parameters: list })).rejects.toThrow(
			"Got 120 of 170 records from GET /v1/patients (item 0): Hero's count says 170, but page_index 3 answered none",
		);
	});

	it('Custom API Call: the same short list is output with a warning', async () => {
		cappedPages(120, 40, 170, 4);
		const { json, run } = await runNode({
			parameters: {
				resource: 'customApiCall',
				operation: 'request',
				method: 'GET',
				path: '/v1/patients',
				queryParameters: {},
				returnAllPages: true,
			},
		});
		expect(json).toHaveLength(120);
		const hints = run.data.resultData.runData['Hero Health'][0].hints ?? [];
		expect(hints.map((hint) => hint.message)).toEqual([
			"Got 120 of 170 records from GET /v1/patients (item 0): Hero's count says 170, but page_index 3 answered none. The records read are output.",
		]);
	});

	it('without a count, a short page still ends the list', async () => {
		hero()
			.get('/v1/patients')
			.query(true)
			.reply(200, { data: records(0, 40) });
		const { json } = await runNode({ parameters: list });
		expect(json).toHaveLength(40);
	});

	it('records repeated across pages are output once', async () => {
		hero()
			.get('/v1/patients')
			.query({ page_index: 0, page_size: 100 })
			.reply(200, { data: records(0, 100) })
			.get('/v1/patients')
			.query({ page_index: 1, page_size: 100 })
			.reply(200, { data: records(90, 190) })
			.get('/v1/patients')
			.query({ page_index: 2, page_size: 100 })
			.reply(200, { data: records(190, 200) });
		const { json } = await runNode({ parameters: list });
		expect(json.map((record) => record.id)).toEqual(records(0, 200).map((record) => record.id));
	});

	it('through the node, Get Many walks pages with that function: a Limit of 200 reads two pages', async () => {
		// The hard cap itself is proven below on the paging function, without 1,000 round trips.
		hero()
			.get('/v1/patients')
			.query(true)
			.times(2)
			.reply(200, (uri) => {
				const page = Number(new URL(uri, BASE_URL).searchParams.get('page_index'));
				return { data: records(page * 100, page * 100 + 100) };
			});
		await expect(
			runNode({ parameters: { ...list, returnAll: false, limit: 200 } }),
		).resolves.toMatchObject({ json: expect.arrayContaining([{ id: 199 }]) });
	});
});

describe('the paging function: the hard cap', () => {
	const node: INode = {
		id: 'hero',
		name: 'Hero Health',
		type: 'heroHealth',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};

	// In memory, no HTTP: nothing can still be running when the test ends (the round-trip version
	// once leaked late requests into the next test file of its worker).
	it(`stops at MAX_PAGES (${MAX_PAGES}) full pages and says so`, async () => {
		let requests = 0;
		const send = async ({ qs }: PageRequest) => {
			requests++;
			const page = Number(qs?.page_index);
			return {
				data: Array.from({ length: MAX_PAGE_SIZE }, (_, i) => ({ id: page * MAX_PAGE_SIZE + i })),
			};
		};
		const request: PageRequest = { method: 'GET', path: '/v1/patients', itemIndex: 0 };
		await expect(readList(node, send, request, true)).rejects.toThrow(
			`Stopped reading GET /v1/patients after ${MAX_PAGES} requests: it answered ${MAX_PAGES} full pages (${MAX_PAGES * MAX_PAGE_SIZE} records) without reaching the end (item 0)`,
		);
		expect(requests).toBe(MAX_PAGES);
	});

	it('one page short of the cap with the end in sight: every record, no error', async () => {
		let requests = 0;
		const send = async ({ qs }: PageRequest) => {
			requests++;
			const page = Number(qs?.page_index);
			const size = page === MAX_PAGES - 1 ? 1 : MAX_PAGE_SIZE;
			return { data: Array.from({ length: size }, (_, i) => ({ id: page * MAX_PAGE_SIZE + i })) };
		};
		const records = await readList(node, send, { method: 'GET', path: '/v1/patients' }, true);
		expect(requests).toBe(MAX_PAGES);
		expect(records).toHaveLength((MAX_PAGES - 1) * MAX_PAGE_SIZE + 1);
	});
});
