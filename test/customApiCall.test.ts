import nock from 'nock';

import { staysUnderBaseUrl } from '../nodes/HeroHealth/actions/customApiCall/request.operation';
import { BASE_URL, FAKE_CREDENTIAL_VALUE, PRACTICE_GROUP_ID } from './helpers/constants';
import { itemsOf, runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const base = { resource: 'customApiCall', operation: 'request', queryParameters: {} };
const records = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => ({ id: String(from + i) }));

describe('Custom API Call → single request', () => {
	it('sends a GET with the query parameters, a repeated name twice, and outputs the answer as it is', async () => {
		hero()
			.get('/v1/me')
			.query({ fields: ['name', 'sector'], search: 'a b&c' })
			.reply(200, { id: '731', name: 'Park Surgery' });
		const { json, requests } = await runNode({
			parameters: {
				...base,
				method: 'GET',
				path: ' /v1/me ',
				returnAllPages: false,
				queryParameters: {
					parameters: [
						{ name: 'fields', value: 'name' },
						{ name: 'fields', value: 'sector' },
						{ name: 'search', value: 'a b&c' },
						{ name: '', value: 'ignored' },
					],
				},
			},
		});
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: `${BASE_URL}/v1/me`,
			query: 'fields=name&fields=sector&search=a%20b%26c',
			body: undefined,
		});
		expect(json).toEqual([{ id: '731', name: 'Park Surgery' }]);
	});

	it('outputs one item per element when Hero answers an array', async () => {
		hero()
			.get('/v1/templates')
			.reply(200, [{ id: '1' }, { id: '2' }, 'plain']);
		const { json } = await runNode({
			parameters: { ...base, method: 'GET', path: '/v1/templates', returnAllPages: false },
		});
		expect(json).toEqual([{ id: '1' }, { id: '2' }, { value: 'plain' }]);
	});

	it('sends a JSON body typed as text on POST', async () => {
		hero()
			.post('/v1/notes', { episode_id: '12', content: 'Called the patient' })
			.reply(201, { id: 'n-1' });
		const { json, requests } = await runNode({
			parameters: {
				...base,
				method: 'POST',
				path: '/v1/notes',
				jsonBody: '{"episode_id": "12", "content": "Called the patient"}',
			},
		});
		expect(requests[0].body).toEqual({ episode_id: '12', content: 'Called the patient' });
		expect(json).toEqual([{ id: 'n-1' }]);
	});

	it('sends a JSON body given as an object on PATCH, and sends no body when it is empty', async () => {
		hero().patch('/v1/tasks/5', { status: 'closed' }).reply(200, { id: '5', status: 'closed' });
		hero().delete('/v1/webhooks/9').reply(204);
		const patch = await runNode({
			parameters: { ...base, method: 'PATCH', path: '/v1/tasks/5', jsonBody: { status: 'closed' } },
		});
		const del = await runNode({
			parameters: { ...base, method: 'DELETE', path: '/v1/webhooks/9', jsonBody: '' },
		});
		expect(patch.json).toEqual([{ id: '5', status: 'closed' }]);
		expect(del.requests[0].body).toBeUndefined();
		expect(del.json).toEqual([{ success: true }]);
	});

	it('retries a 429 through the same transport, then outputs the answer', async () => {
		hero().get('/v1/me').reply(429, { message: 'Too many requests' }, { 'Retry-After': '0' });
		hero().get('/v1/me').reply(200, { id: '731' });
		const { json, requests } = await runNode({
			parameters: { ...base, method: 'GET', path: '/v1/me', returnAllPages: false },
		});
		expect(requests).toHaveLength(2);
		expect(json).toEqual([{ id: '731' }]);
	});

	it('fails Hero’s errors as readable API errors', async () => {
		hero()
			.post('/v1/pharmacies')
			.reply(400, {
				statusCode: 400,
				error: 'Bad Request',
				message: [{ code: 'invalid_type', expected: 'string', path: ['name'] }],
			});
		await expect(
			runNode({ parameters: { ...base, method: 'POST', path: '/v1/pharmacies', jsonBody: '{}' } }),
		).rejects.toThrow('Hero rejected the request (POST /v1/pharmacies)');
	});
});

describe('Custom API Call → Return All Pages', () => {
	it('reads page after page (4 pages) with page_index and page_size, keeping the other parameters', async () => {
		for (const [pageIndex, count] of [
			[0, 100],
			[1, 100],
			[2, 100],
			[3, 20],
		]) {
			hero()
				.get('/v1/episodes')
				.query({ status: 'open', page_index: pageIndex, page_size: 100 })
				.reply(200, { data: records(pageIndex * 100, count), count: 320 });
		}
		const { json, requests } = await runNode({
			parameters: {
				...base,
				method: 'GET',
				path: '/v1/episodes',
				returnAllPages: true,
				queryParameters: {
					parameters: [
						{ name: 'status', value: 'open' },
						{ name: 'page_size', value: '10' },
						{ name: 'page_index', value: '7' },
					],
				},
			},
		});
		expect(requests).toHaveLength(4);
		expect(requests.map((r) => r.qs)).toEqual([
			{ status: 'open', page_index: '0', page_size: '100' },
			{ status: 'open', page_index: '1', page_size: '100' },
			{ status: 'open', page_index: '2', page_size: '100' },
			{ status: 'open', page_index: '3', page_size: '100' },
		]);
		expect(json).toHaveLength(320);
		expect(json[0]).toEqual({ id: '0' });
		expect(json[319]).toEqual({ id: '319' });
	});

	it('ignores Return All Pages for methods other than GET', async () => {
		hero().post('/v1/batch_message', { name: 'x' }).reply(200, { id: 'b1' });
		const { json, requests } = await runNode({
			parameters: {
				...base,
				method: 'POST',
				path: '/v1/batch_message',
				returnAllPages: true,
				jsonBody: '{"name": "x"}',
			},
		});
		expect(requests[0].qs).toBeUndefined();
		expect(json).toEqual([{ id: 'b1' }]);
	});
});

describe('Custom API Call → bad input', () => {
	it('rejects paths that could leave the base URL before sending anything', async () => {
		const paths = [
			'https://evil.example/v1/me',
			'/v1/me?next=https://evil.example',
			'//evil.example/v1/me',
			'v1/me',
			'/v1/../../admin',
			'/v1/%2e%2e/admin',
			'/v1\\..\\admin',
			'',
		];
		const { output, requests } = await runNode({
			items: itemsOf(...paths.map((path) => ({ path }))),
			continueOnFail: true,
			parameters: { ...base, method: 'GET', returnAllPages: false, path: '={{ $json.path }}' },
		});
		expect(requests).toEqual([]);
		expect(output.map((item) => item.json.error)).toEqual([
			'Path "https://evil.example/v1/me" is a full URL; only a path under the credential’s base URL is allowed (item 0)',
			'Path "/v1/me?next=https://evil.example" is a full URL; only a path under the credential’s base URL is allowed (item 1)',
			'Path "//evil.example/v1/me" must start with a single "/" and stay under the credential’s base URL (item 2)',
			'Path "v1/me" must start with a single "/" and stay under the credential’s base URL (item 3)',
			'Path "/v1/../../admin" must start with a single "/" and stay under the credential’s base URL (item 4)',
			'Path "/v1/%2e%2e/admin" must start with a single "/" and stay under the credential’s base URL (item 5)',
			'Path "/v1\\\\..\\\\admin" must start with a single "/" and stay under the credential’s base URL (item 6)',
			'Path is empty (item 7)',
		]);
	});

	it('checks the path of the URL as sent, and of every decoded form, against a base URL with a path (issue 23)', async () => {
		const proxy = 'https://hero-proxy.example.org/hero/api';
		const paths = [
			'/v1/%3F/../../../other-service/v1/me',
			'/v1/%3f/..%2f..%2f..%2fother-service',
			'/v1/%252e%252e/%252e%252e/%252e%252e/other-service',
			'/v1/%2e%2e%5c%2e%2e%5c%2e%2e%5cother-service',
			'/v1/me',
		];
		nock('https://hero-proxy.example.org').get('/hero/api/v1/me').reply(200, { id: 'me' });
		const { output, requests } = await runNode({
			items: itemsOf(...paths.map((path) => ({ path }))),
			continueOnFail: true,
			credentials: {
				apiKey: FAKE_CREDENTIAL_VALUE,
				practiceGroupId: PRACTICE_GROUP_ID,
				environment: 'custom',
				baseUrl: proxy,
			},
			parameters: { ...base, method: 'GET', returnAllPages: false, path: '={{ $json.path }}' },
		});
		expect(requests.map((request) => request.url)).toEqual([`${proxy}/v1/me`]);
		expect(output.map((item) => item.json.error ?? item.json.id)).toEqual([
			'Path "/v1/%3F/../../../other-service/v1/me" must start with a single "/" and stay under the credential’s base URL (item 0)',
			'Path "/v1/%3f/..%2f..%2f..%2fother-service" must start with a single "/" and stay under the credential’s base URL (item 1)',
			'Path "/v1/%252e%252e/%252e%252e/%252e%252e/other-service" must start with a single "/" and stay under the credential’s base URL (item 2)',
			'Path "/v1/%2e%2e%5c%2e%2e%5c%2e%2e%5cother-service" must start with a single "/" and stay under the credential’s base URL (item 3)',
			'me',
		]);
	});

	it.each([
		['https://h.example/hero/api', '/v1/me', true],
		['https://h.example/hero/api/', '/v1/me?x=../..', true],
		['https://h.example/hero/api', '/v1/%3F/../../..', false],
		['https://h.example/hero/api', '/v1/a%2F..%2F..%2F..%2Fx', false],
		['https://h.example/hero/api', '/v1/%25252e%25252e/%25252e%25252e/%25252e%25252e/x', false],
		['https://h.example/hero/api', '/v1/..;/..;/x', false],
		['https://h.example', '/v1/../../../x', true],
		['https://h.example/hero/api', '/../apix', false],
	])('staysUnderBaseUrl(%s, %s) is %s', (baseUrl, path, expected) => {
		expect(staysUnderBaseUrl(baseUrl, path)).toBe(expected);
	});

	it('rejects a JSON body that is not JSON, or not an object or array, naming the field', async () => {
		const bodies = ['{"name": ', '42'];
		const { output, requests } = await runNode({
			items: itemsOf(...bodies.map((body) => ({ body }))),
			continueOnFail: true,
			parameters: {
				...base,
				method: 'POST',
				path: '/v1/notes',
				jsonBody: '={{ $json.body }}',
			},
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('JSON Body is not valid JSON (item 0)');
		expect(output[1].json.error).toBe('JSON Body must be a JSON object or array (item 1)');
	});
});
