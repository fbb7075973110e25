import { FAKE_CREDENTIAL_VALUE } from './helpers/constants';
import { runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

describe('apiKey → Get Many', () => {
	it('lists API keys, one item per key, with secret values hidden', async () => {
		hero()
			.get('/v1/api_keys')
			.query({ page_index: 0, page_size: 100 })
			.reply(200, {
				data: [
					{ id: 'k1', name: 'Partner', key: FAKE_CREDENTIAL_VALUE, last_four: '9a7e' },
					{ id: 'k2', name: 'Old', api_key: 'abc', client_secret: 'def', token: '' },
				],
				count: 2,
			});
		const { json } = await runNode({
			parameters: { resource: 'apiKey', operation: 'getAll', returnAll: true },
		});
		expect(json).toEqual([
			{ id: 'k1', name: 'Partner', key: '[hidden]', last_four: '9a7e' },
			{ id: 'k2', name: 'Old', api_key: '[hidden]', client_secret: '[hidden]', token: '' },
		]);
		expect(JSON.stringify(json)).not.toContain(FAKE_CREDENTIAL_VALUE);
	});

	it('stops at the limit', async () => {
		hero()
			.get('/v1/api_keys')
			.query({ page_index: 0, page_size: 1 })
			.reply(200, { data: [{ id: 'k1' }], count: 3 });
		const { json } = await runNode({
			parameters: { resource: 'apiKey', operation: 'getAll', returnAll: false, limit: 1 },
		});
		expect(json).toEqual([{ id: 'k1' }]);
	});
});

describe('apiKey → Revoke', () => {
	it('DELETEs the key by ID and says it was revoked', async () => {
		hero().delete('/v1/api_keys/k2').reply(204);
		const { json, requests } = await runNode({
			parameters: { resource: 'apiKey', operation: 'revoke', keyId: ' k2 ' },
		});
		expect(json).toEqual([{ id: 'k2', revoked: true }]);
		expect(requests[0].method).toBe('DELETE');
	});

	it('fails with a readable error when the key does not exist', async () => {
		hero().delete('/v1/api_keys/k9').reply(404, { message: 'Not found' });
		await expect(
			runNode({ parameters: { resource: 'apiKey', operation: 'revoke', keyId: 'k9' } }),
		).rejects.toThrow('DELETE /v1/api_keys/k9');
	});

	it('rejects an empty key ID before sending anything', async () => {
		await expect(
			runNode({ parameters: { resource: 'apiKey', operation: 'revoke', keyId: '={{ "" }}' } }),
		).rejects.toThrow('API Key ID is empty (item 0)');
	});
});
