import { BASE_URL, FAKE_CREDENTIAL_VALUE } from './helpers/constants';
import { runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

describe('Partner → Get Heidi Token', () => {
	const parameters = { resource: 'partner', operation: 'getHeidiToken' };

	it('gets the token and its expiry time with the credential’s headers and no body', async () => {
		hero()
			.get('/v1/partners/heidi/token')
			.reply(200, { token: 'heidi-token-abc', expiration_time: '2026-03-16T10:00:00Z' });
		const { json, requests } = await runNode({ parameters });
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: `${BASE_URL}/v1/partners/heidi/token`,
			body: undefined,
		});
		expect(json).toEqual([{ token: 'heidi-token-abc', expiration_time: '2026-03-16T10:00:00Z' }]);
	});

	it('explains a 401 without echoing the API key', async () => {
		hero().get('/v1/partners/heidi/token').reply(401, { message: 'Unauthorized' });
		const error = await runNode({ parameters }).catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toContain('Hero did not accept the API key (401)');
		expect(JSON.stringify(error)).not.toContain(FAKE_CREDENTIAL_VALUE);
	});
});
