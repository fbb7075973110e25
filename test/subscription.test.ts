import { searchSubscriptions } from '../nodes/HeroHealth/methods/listSearch';
import { locator } from './helpers/constants';
import { loadOptionsContext } from './helpers/n8n';
import { runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

describe('Subscription → Get Many', () => {
	it('pages and outputs the subscriptions', async () => {
		hero()
			.get('/v1/subscriptions')
			.query({ page_index: 0, page_size: 5 })
			.reply(200, { data: [{ id: '31', name: 'Flu clinic' }], count: 1 });
		const { json } = await runNode({
			parameters: { resource: 'subscription', operation: 'getAll', returnAll: false, limit: 5 },
		});
		expect(json).toEqual([{ id: '31', name: 'Flu clinic' }]);
	});
});

describe('Subscription → Create', () => {
	it('sends the name and the description', async () => {
		hero()
			.post('/v1/subscriptions', { name: 'Flu clinic', description: 'Autumn reminders' })
			.reply(201, { id: '31', name: 'Flu clinic', description: 'Autumn reminders' });
		const { json } = await runNode({
			parameters: {
				resource: 'subscription',
				operation: 'create',
				name: ' Flu clinic ',
				additionalFields: { description: 'Autumn reminders' },
			},
		});
		expect(json).toEqual([{ id: '31', name: 'Flu clinic', description: 'Autumn reminders' }]);
	});

	it('sends the name alone when no description is given', async () => {
		hero().post('/v1/subscriptions', { name: 'Flu clinic' }).reply(201, { id: '32' });
		const { json } = await runNode({
			parameters: {
				resource: 'subscription',
				operation: 'create',
				name: 'Flu clinic',
				additionalFields: {},
			},
		});
		expect(json).toEqual([{ id: '32' }]);
	});

	it('rejects an empty name before sending anything', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: {
				resource: 'subscription',
				operation: 'create',
				name: '={{ "" }}',
				additionalFields: {},
			},
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('Name is empty (item 0)');
	});
});

describe('Subscription → Delete', () => {
	it('deletes the subscription picked from the list and says so', async () => {
		hero().delete('/v1/subscriptions/31').reply(204);
		const { json } = await runNode({
			parameters: {
				resource: 'subscription',
				operation: 'delete',
				subscriptionId: locator('31', 'list'),
			},
		});
		expect(json).toEqual([{ deleted: true, subscription_id: '31' }]);
	});
});

describe('Subscription → subscribers', () => {
	it('lists the subscribers of a subscription', async () => {
		hero()
			.get('/v1/subscriptions/31/subscribers')
			.query({ page_index: 0, page_size: 100 })
			.reply(200, { data: [{ patient_id: '98765' }, { patient_id: '98766' }], count: 2 });
		const { json } = await runNode({
			parameters: {
				resource: 'subscription',
				operation: 'getSubscribers',
				subscriptionId: locator('31'),
				returnAll: true,
			},
		});
		expect(json).toEqual([{ patient_id: '98765' }, { patient_id: '98766' }]);
	});

	it('adds a patient with patient_id in the body', async () => {
		hero().post('/v1/subscriptions/31/subscribers', { patient_id: '98765' }).reply(200, {});
		const { json } = await runNode({
			parameters: {
				resource: 'subscription',
				operation: 'addSubscriber',
				subscriptionId: locator('31'),
				patientId: locator('98765'),
			},
		});
		expect(json).toEqual([{ added: true, subscription_id: '31', patient_id: '98765' }]);
	});

	it('outputs Hero’s answer to an add when it gives one', async () => {
		hero()
			.post('/v1/subscriptions/31/subscribers', { patient_id: '5' })
			.reply(200, { id: '700', patient_id: '5' });
		const { json } = await runNode({
			parameters: {
				resource: 'subscription',
				operation: 'addSubscriber',
				subscriptionId: locator('31'),
				patientId: locator('5'),
			},
		});
		expect(json).toEqual([{ id: '700', patient_id: '5' }]);
	});

	it('removes a patient with DELETE on the subscriber', async () => {
		hero().delete('/v1/subscriptions/31/subscribers/98765').reply(204);
		const { json } = await runNode({
			parameters: {
				resource: 'subscription',
				operation: 'removeSubscriber',
				subscriptionId: locator('31'),
				patientId: locator('98765'),
			},
		});
		expect(json).toEqual([{ removed: true, subscription_id: '31', patient_id: '98765' }]);
	});

	it('rejects a missing subscription or a bad patient ID before sending anything', async () => {
		const noSubscription = await runNode({
			continueOnFail: true,
			parameters: {
				resource: 'subscription',
				operation: 'addSubscriber',
				subscriptionId: locator('={{ "" }}'),
				patientId: locator('98765'),
			},
		});
		const badPatient = await runNode({
			continueOnFail: true,
			parameters: {
				resource: 'subscription',
				operation: 'removeSubscriber',
				subscriptionId: locator('31'),
				patientId: locator('Ada'),
			},
		});
		expect([...noSubscription.requests, ...badPatient.requests]).toEqual([]);
		expect(noSubscription.output[0].json.error).toBe('Subscription is empty (item 0)');
		expect(badPatient.output[0].json.error).toBe('Patient "Ada" is not a Hero ID (item 0)');
	});
});

describe('Subscription list search', () => {
	it('lists subscriptions by name, filtered by the typed text', async () => {
		hero()
			.get('/v1/subscriptions')
			.query({ page_index: 0, page_size: 100 })
			.reply(200, {
				data: [
					{ id: '2', name: 'Flu clinic' },
					{ id: '1', name: 'Asthma review' },
					{ id: '3', name: 'Flu jab follow-up' },
				],
				count: 3,
			});
		const result = await searchSubscriptions.call(loadOptionsContext(), 'flu');
		expect(result.results).toEqual([
			{ name: 'Flu clinic', value: '2' },
			{ name: 'Flu jab follow-up', value: '3' },
		]);
	});
});
