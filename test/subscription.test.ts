import { locator } from './helpers/constants';
import { hero, useHeroMocks } from './helpers/hero';
import { runNode } from './helpers/run';
import { control, credentials } from './helpers/sandbox';

useHeroMocks();

/**
 * Subscriptions as Hero's List Subscriptions page shows them: patients' membership-scheme
 * subscriptions, with filters and paging; subscribers on the top-level /v1/subscribers (inferred).
 */

describe('Subscription → Get Many', () => {
	it('pages and outputs the subscriptions, with no filter by default', async () => {
		hero()
			.get('/v1/subscriptions')
			.query({ page_index: 0, page_size: 5 })
			.reply(200, { data: [{ id: '31', scheme_name: 'Family membership' }], count: 1 });
		const { json } = await runNode({
			parameters: { resource: 'subscription', operation: 'getAll', returnAll: false, limit: 5 },
		});
		expect(json).toEqual([{ id: '31', scheme_name: 'Family membership' }]);
	});

	it('sends Hero’s filters and sorting by their names', async () => {
		hero()
			.get('/v1/subscriptions')
			.query({
				patient_id: '98765',
				scheme_id: 'ms_001',
				scheme_name: 'Family membership',
				status: 'cancelled',
				'order_by[]': 'created_at',
				'order_descending[]': 'true',
				page_index: 0,
				page_size: 100,
			})
			.reply(200, { data: [{ id: '32' }], count: 1 });
		const { json } = await runNode({
			parameters: {
				resource: 'subscription',
				operation: 'getAll',
				returnAll: true,
				filters: {
					patientId: locator('98765'),
					schemeId: ' ms_001 ',
					schemeName: 'Family membership',
					status: 'cancelled',
				},
				options: { orderBy: 'created_at', orderDescending: true },
			},
		});
		expect(json).toEqual([{ id: '32' }]);
	});

	it('rejects a patient filter that is not a Hero ID before sending anything', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: {
				resource: 'subscription',
				operation: 'getAll',
				returnAll: true,
				filters: { patientId: locator('Ada') },
			},
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('Patient "Ada" is not a Hero ID (item 0)');
	});

	it('reads the active subscriptions, newest first, from the sandbox', async () => {
		await control.reset();
		const { json } = await runNode({
			parameters: {
				resource: 'subscription',
				operation: 'getAll',
				returnAll: true,
				filters: { status: 'active' },
				options: { orderBy: 'created_at', orderDescending: true },
			},
			credentials: credentials(),
		});
		expect(json.map((item) => [item.id, item.patient_id, item.scheme_name])).toEqual([
			['1503', '1003', 'Private GP plan'],
			['1501', '1001', 'Family membership'],
		]);
	});
});

describe('Subscription → Get Many Subscribers (inferred)', () => {
	it('reads the top-level /v1/subscribers page by page', async () => {
		hero()
			.get('/v1/subscribers')
			.query({ page_index: 0, page_size: 100 })
			.reply(200, { data: [{ id: '1001' }, { id: '1003' }], count: 2 });
		const { json } = await runNode({
			parameters: { resource: 'subscription', operation: 'getAllSubscribers', returnAll: true },
		});
		expect(json).toEqual([{ id: '1001' }, { id: '1003' }]);
	});
});

describe('Subscription: the operations Hero does not document are gone', () => {
	it.each(['create', 'delete', 'getSubscribers', 'addSubscriber', 'removeSubscriber'])(
		'a workflow still set to %s fails before sending anything, naming the operation',
		async (operation) => {
			await expect(
				runNode({
					parameters: { resource: 'subscription', operation, subscriptionId: locator('31') },
				}),
			).rejects.toThrow(`The operation "${operation}" of "subscription" is not supported`);
		},
	);
});
