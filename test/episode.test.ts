import { runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

describe('episode → Get Many', () => {
	const base = { resource: 'episode', operation: 'getAll', options: {} };

	it('sends every filter under its bracketed name, several values as repeated names, and pages', async () => {
		hero()
			.get('/v1/episodes')
			.query({
				'assignee_id[]': ['12', '15'],
				'assignee_type[]': 'Admin',
				'status[]': ['open', 'in_progress'],
				'priority[]': ['high', 'highest'],
				'order_by[]': 'priority',
				'order_descending[]': 'true',
				page_index: 0,
				page_size: 2,
			})
			.reply(200, { data: [{ id: '1' }, { id: '2' }], count: 40 });
		const { json, requests } = await runNode({
			parameters: {
				...base,
				returnAll: false,
				limit: 2,
				filters: {
					assigneeIds: ' 12, 15 ,',
					assigneeTypes: ['Admin'],
					statuses: ['open', 'in_progress'],
					priorities: ['high', 'highest'],
				},
				options: { orderBy: 'priority', orderDescending: true },
			},
		});
		expect(json).toEqual([{ id: '1' }, { id: '2' }]);
		// As parsed back from the wire: a name given once reads as one value.
		expect(requests[0].qs).toEqual({
			'assignee_id[]': ['12', '15'],
			'assignee_type[]': 'Admin',
			'status[]': ['open', 'in_progress'],
			'priority[]': ['high', 'highest'],
			'order_by[]': 'priority',
			'order_descending[]': 'true',
			page_index: '0',
			page_size: '2',
		});
	});

	it('sends no filter parameters when none are set, and reads every page with Return All', async () => {
		const page = (from: number, n: number) =>
			Array.from({ length: n }, (_, i) => ({ id: String(from + i) }));
		hero()
			.get('/v1/episodes')
			.query({ page_index: 0, page_size: 100 })
			.reply(200, { data: page(0, 100), count: 101 });
		hero()
			.get('/v1/episodes')
			.query({ page_index: 1, page_size: 100 })
			.reply(200, { data: page(100, 1), count: 101 });
		const { json, requests } = await runNode({
			parameters: { ...base, returnAll: true, filters: {} },
		});
		expect(json).toHaveLength(101);
		expect(requests.map((request) => request.qs)).toEqual([
			{ page_index: '0', page_size: '100' },
			{ page_index: '1', page_size: '100' },
		]);
	});

	it('rejects an assignee ID that is not a number before sending anything', async () => {
		await expect(
			runNode({
				parameters: { ...base, returnAll: true, filters: { assigneeIds: '12, Dr Smith' } },
			}),
		).rejects.toThrow('Assignee IDs "Dr Smith" is not a Hero ID (item 0)');
	});
});

describe('episode → Get Many (V2)', () => {
	it('reads /v2/episodes with the same filters', async () => {
		hero()
			.get('/v2/episodes')
			.query({ 'status[]': 'closed', 'order_descending[]': 'false', page_index: 0, page_size: 5 })
			.reply(200, { data: [{ id: '9' }], count: 1 });
		const { json } = await runNode({
			parameters: {
				resource: 'episode',
				operation: 'getAllV2',
				returnAll: false,
				limit: 5,
				filters: { statuses: ['closed'] },
				options: { orderDescending: false },
			},
		});
		expect(json).toEqual([{ id: '9' }]);
	});
});

describe('episode → Get, Add Note', () => {
	it('gets an episode by ID', async () => {
		hero()
			.get('/v1/episodes/5123')
			.reply(200, { id: '5123', status: 'open', priority: 'medium', tasks: [] });
		const { json } = await runNode({
			parameters: { resource: 'episode', operation: 'get', episodeId: ' 5123 ' },
		});
		expect(json).toEqual([{ id: '5123', status: 'open', priority: 'medium', tasks: [] }]);
	});

	it('adds a note with the episode ID and the text as description', async () => {
		hero()
			.post('/v1/notes', { episode_id: '5123', description: 'Called patient, no answer' })
			.reply(200, { id: 77, description: 'Called patient, no answer' });
		const { json } = await runNode({
			parameters: {
				resource: 'episode',
				operation: 'createNote',
				episodeId: '5123',
				note: ' Called patient, no answer ',
			},
		});
		expect(json).toEqual([{ id: 77, description: 'Called patient, no answer' }]);
	});

	it('rejects an empty note and a bad episode ID before sending anything', async () => {
		const note = {
			resource: 'episode',
			operation: 'createNote',
			episodeId: '5123',
			note: '={{ "" }}',
		};
		await expect(runNode({ parameters: note })).rejects.toThrow('Note is empty (item 0)');
		await expect(
			runNode({ parameters: { ...note, episodeId: 'ep-1', note: 'x' } }),
		).rejects.toThrow('Episode ID "ep-1" is not a Hero ID (item 0)');
	});
});
