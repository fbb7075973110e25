import nock from 'nock';

import { HERO_BASE_URLS, HeroHealthApi } from '../credentials/HeroHealthApi.credentials';
import { FAKE_CREDENTIAL_VALUE, PRACTICE_GROUP_ID, locator } from './helpers/constants';
import { runNode } from './helpers/run';

const credential = new HeroHealthApi();

/**
 * The credential test's base URL is an n8n expression. It is checked here by its parts (evaluating
 * it needs n8n itself: the end-to-end suite runs the real credential test against the sandbox).
 */
const testBaseUrlExpression = String(credential.test.request.baseURL);

describe('Hero Health API credential', () => {
	it('has the documented fields, the key as a password', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(Object.keys(byName)).toEqual(['apiKey', 'practiceGroupId', 'environment', 'baseUrl']);
		expect(byName.apiKey.typeOptions?.password).toBe(true);
		expect(byName.environment.options?.map((o) => (o as { value: string }).value)).toEqual([
			'production',
			'staging',
			'mock',
			'custom',
		]);
		expect(byName.baseUrl.displayOptions?.show?.environment).toEqual(['custom']);
	});

	it('sends x-api-key and x-practice-group-id on every request', async () => {
		const options = await credential.authenticate(
			{ apiKey: 'key-1', practiceGroupId: '731', environment: 'custom' },
			{ url: '/v1/me', headers: { accept: 'application/json' } },
		);
		expect(options.headers).toEqual({
			accept: 'application/json',
			'x-api-key': 'key-1',
			'x-practice-group-id': '731',
		});
	});

	it('tests with GET /v1/me, which needs both the key and the practice group to be right', () => {
		expect(credential.test.request).toMatchObject({ method: 'GET', url: '/v1/me' });
	});

	it('points the test at the same base URLs as the node, and a custom one without trailing slash', () => {
		expect(HERO_BASE_URLS).toEqual({
			production: 'https://api.herohealth.net',
			staging: 'https://api.staging.htech.app',
			mock: 'https://developer.herohealth.net/_mock/apis/public-api/openapi',
		});
		expect(testBaseUrlExpression.startsWith('={{')).toBe(true);
		expect(testBaseUrlExpression).toContain(JSON.stringify(HERO_BASE_URLS));
		expect(testBaseUrlExpression).toContain('[$credentials.environment]');
		expect(testBaseUrlExpression).toContain("String($credentials.baseUrl).replace(/\\/+$/, '')");
	});

	it('the node calls the same base URL as the credential test for a custom environment', async () => {
		const scope = nock('https://sandbox.local:4010').get('/v1/patients/1').reply(200, { id: '1' });
		const credentials = {
			apiKey: FAKE_CREDENTIAL_VALUE,
			practiceGroupId: PRACTICE_GROUP_ID,
			environment: 'custom',
			baseUrl: 'https://sandbox.local:4010/',
		};
		const { requests } = await runNode({
			credentials,
			parameters: { resource: 'patient', operation: 'get', patientId: locator('1'), options: {} },
		});
		expect(requests[0].url).toBe('https://sandbox.local:4010/v1/patients/1');
		expect(scope.isDone()).toBe(true);
	});
});
