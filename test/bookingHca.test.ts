import { BASE_URL } from './helpers/constants';
import { itemsOf, runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const consultant = (n: number) => ({
	gmc_number: `700000${n}`,
	first_name: 'Ada',
	last_name: `L${n}`,
});

describe('Booking - HCA → Search Consultants', () => {
	const base = { resource: 'bookingHca', operation: 'searchConsultants' };

	it('sends the search text and each field as fields=…, and outputs one item per consultant', async () => {
		hero()
			.get('/v1/booking-hca/consultants')
			.query({ search: 'Smith', fields: ['first_name', 'last_name'] })
			.reply(200, { data: [consultant(1), consultant(2), consultant(3)], count: 3 });
		const { json, requests } = await runNode({
			parameters: {
				...base,
				search: ' Smith ',
				returnAll: false,
				limit: 2,
				options: { fields: 'first_name, last_name,' },
			},
		});
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: `${BASE_URL}/v1/booking-hca/consultants`,
			query: 'search=Smith&fields=first_name&fields=last_name',
		});
		expect(requests[0].qs).not.toHaveProperty('page_index');
		expect(json).toEqual([consultant(1), consultant(2)]);
	});

	it('lists every consultant with no search and no fields', async () => {
		hero()
			.get('/v1/booking-hca/consultants')
			.query({})
			.reply(200, [consultant(1), consultant(2), consultant(3)]);
		const { json } = await runNode({
			parameters: { ...base, search: '', returnAll: true, options: {} },
		});
		expect(json).toEqual([consultant(1), consultant(2), consultant(3)]);
	});
});

describe('Booking - HCA → Get Consultant', () => {
	const base = { resource: 'bookingHca', operation: 'getConsultant' };

	it('gets the consultant by GMC number, spaces removed', async () => {
		hero().get('/v1/booking-hca/consultants/1234567').reply(200, consultant(7));
		const { json } = await runNode({ parameters: { ...base, gmcNumber: '123 4567' } });
		expect(json).toEqual([consultant(7)]);
	});

	it('rejects a GMC number that is not 7 digits before sending anything', async () => {
		const numbers = ['12345', 'G1234567', '', '12345678'];
		const { output, requests } = await runNode({
			items: itemsOf(...numbers.map((gmc) => ({ gmc }))),
			continueOnFail: true,
			parameters: { ...base, gmcNumber: '={{ $json.gmc }}' },
		});
		expect(requests).toEqual([]);
		expect(output.map((item) => item.json.error)).toEqual([
			'GMC Number "12345" is not a GMC number (item 0)',
			'GMC Number "G1234567" is not a GMC number (item 1)',
			'GMC Number is empty (item 2)',
			'GMC Number "12345678" is not a GMC number (item 3)',
		]);
	});

	it('fails a 404 with a readable error naming the request', async () => {
		hero().get('/v1/booking-hca/consultants/7654321').reply(404, { message: 'Not found' });
		await expect(runNode({ parameters: { ...base, gmcNumber: '7654321' } })).rejects.toThrow(
			'Hero found nothing at GET /v1/booking-hca/consultants/7654321 (404)',
		);
	});
});
