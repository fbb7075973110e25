import { itemsOf, runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

describe('Consultation → Get Many', () => {
	it('pages with page_index/page_size and stops at the limit', async () => {
		hero()
			.get('/v1/consultations')
			.query({ page_index: 0, page_size: 2 })
			.reply(200, { data: [{ id: '1' }, { id: '2' }], count: 50 });
		const { json, requests } = await runNode({
			parameters: { resource: 'consultation', operation: 'getAll', returnAll: false, limit: 2 },
		});
		expect(requests).toHaveLength(1);
		expect(json).toEqual([{ id: '1' }, { id: '2' }]);
	});

	it('with Return All, stops when count is reached', async () => {
		hero()
			.get('/v1/consultations')
			.query({ page_index: 0, page_size: 100 })
			.reply(200, { data: Array.from({ length: 100 }, (_, i) => ({ id: String(i) })), count: 100 });
		const { json, requests } = await runNode({
			parameters: { resource: 'consultation', operation: 'getAll', returnAll: true },
		});
		expect(requests).toHaveLength(1);
		expect(json).toHaveLength(100);
	});
});

describe('Consultation → Get', () => {
	const base = { resource: 'consultation', operation: 'get' };

	it('gets a consultation by ID, one item per input item', async () => {
		hero().get('/v1/consultations/8812').reply(200, { id: '8812', status: 'completed' });
		hero().get('/v1/consultations/8813').reply(200, { id: '8813', status: 'open' });
		const ids = ['8812', '8813'];
		const { output } = await runNode({
			items: itemsOf({ id: ids[0] }, { id: ids[1] }),
			parameters: { ...base, consultationId: '={{ $json.id }}' },
		});
		expect(output).toEqual([
			{ json: { id: '8812', status: 'completed' }, pairedItem: { item: 0 } },
			{ json: { id: '8813', status: 'open' }, pairedItem: { item: 1 } },
		]);
	});

	it('rejects an empty ID before sending anything', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			// n8n refuses to run a required field left empty: an expression that resolves empty reaches the node.
			parameters: { ...base, consultationId: '={{ "" }}' },
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('Consultation ID is empty (item 0)');
	});
});
