import { BASE_URL } from './helpers/constants';
import { itemsOf, runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const coupon = (id: string) => ({ id, name: `Coupon ${id}`, percent_off: 10 });

describe('Invoicing → lists', () => {
	it.each([
		['getCoupons', '/v1/invoicing/coupons'],
		['getProducts', '/v1/invoicing/products'],
		['getMembershipSchemes', '/v1/invoicing/membership_schemes'],
	])('%s reads %s once and outputs up to the limit', async (operation, path) => {
		hero()
			.get(path)
			.reply(200, { data: [coupon('a'), coupon('b'), coupon('c')], count: 3 });
		const { json, requests } = await runNode({
			parameters: { resource: 'invoicing', operation, returnAll: false, limit: 2 },
		});
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE_URL}${path}`]);
		expect(json).toEqual([coupon('a'), coupon('b')]);
	});

	it('Get Coupons with Return All outputs every coupon', async () => {
		hero()
			.get('/v1/invoicing/coupons')
			.reply(200, { data: [coupon('a'), coupon('b'), coupon('c')], count: 3 });
		const { json } = await runNode({
			parameters: { resource: 'invoicing', operation: 'getCoupons', returnAll: true },
		});
		expect(json).toEqual([coupon('a'), coupon('b'), coupon('c')]);
	});
});

describe('Invoicing → Get Customers', () => {
	const base = { resource: 'invoicing', operation: 'getCustomers', returnAll: true };

	it('sends the search as query and outputs the customers', async () => {
		hero()
			.get('/v1/invoicing/customers')
			.query({ query: 'jane@example.com' })
			.reply(200, { data: [{ id: 'cus_1', name: 'Jane Smith' }], count: 1 });
		const { json } = await runNode({ parameters: { ...base, query: ' jane@example.com ' } });
		expect(json).toEqual([{ id: 'cus_1', name: 'Jane Smith' }]);
	});

	it('rejects an empty search (Hero requires it) before sending anything', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: { ...base, query: '={{ "" }}' },
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('Search is empty (item 0)');
	});
});

describe('Invoicing → Create Customer', () => {
	const base = { resource: 'invoicing', operation: 'createCustomer' };

	it('sends name, email, phone and sources', async () => {
		hero()
			.post('/v1/invoicing/customers', {
				name: 'Jane Smith',
				email: 'jane@example.com',
				phone: '0113 496 0000',
				sources: [{ id: 'src_1' }],
			})
			.reply(200, { id: 'cus_9', name: 'Jane Smith' });
		const { json } = await runNode({
			parameters: {
				...base,
				name: 'Jane Smith',
				additionalFields: {
					email: ' jane@example.com ',
					phone: '0113 496 0000',
					sources: '[{"id": "src_1"}]',
				},
			},
		});
		expect(json).toEqual([{ id: 'cus_9', name: 'Jane Smith' }]);
	});

	it('sends the name alone, leaving out empty fields and an empty sources list', async () => {
		hero().post('/v1/invoicing/customers', { name: 'Jane Smith' }).reply(200, { id: 'cus_10' });
		const { json } = await runNode({
			parameters: { ...base, name: 'Jane Smith', additionalFields: { email: '', sources: '[]' } },
		});
		expect(json).toEqual([{ id: 'cus_10' }]);
	});

	it('rejects a bad name, email or sources before sending anything', async () => {
		const rows = [
			{ name: '', fields: {} },
			{ name: 'Jane', fields: { email: 'jane.example.com' } },
			{ name: 'Jane', fields: { sources: '{"id": "src_1"}' } },
			{ name: 'Jane', fields: { sources: '[oops' } },
		];
		const { output, requests } = await runNode({
			items: itemsOf(...rows.map((row) => ({ name: row.name, ...row.fields }))),
			continueOnFail: true,
			parameters: {
				...base,
				name: '={{ $json.name }}',
				// Fields a row does not have resolve to what leaves them out.
				additionalFields: {
					email: "={{ $json.email ?? '' }}",
					sources: "={{ $json.sources ?? '[]' }}",
				},
			},
		});
		expect(requests).toEqual([]);
		expect(output.map((item) => item.json.error)).toEqual([
			'Name is empty (item 0)',
			'Email "****.******e.com" is not an email address (item 1)',
			'Sources (JSON) is not a JSON array (item 2)',
			'Sources (JSON) is not a JSON array (item 3)',
		]);
	});
});
