import { BASE_URL } from './helpers/constants';
import { runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

describe('Write to Record → Get Status', () => {
	const base = { resource: 'writeToRecord', operation: 'getStatus' };

	it('reads the message and outputs its write-to-record part, flat', async () => {
		hero()
			.get('/v1/messages/m-42')
			.reply(200, {
				id: 'm-42',
				status: 'delivered',
				patient: { id: '98765', first_name: 'Ada' },
				write_to_record: {
					status: 'failed',
					failure_reason: 'Patient not registered at the practice',
					write_to_record_at: '2026-03-16T09:01:00Z',
					snomed_code: '279991000000102',
				},
			});
		const { json, requests } = await runNode({ parameters: { ...base, messageId: ' m-42 ' } });
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
			`GET ${BASE_URL}/v1/messages/m-42`,
		]);
		expect(json).toEqual([
			{
				message_id: 'm-42',
				status: 'failed',
				failure_reason: 'Patient not registered at the practice',
				write_to_record_at: '2026-03-16T09:01:00Z',
				snomed_code: '279991000000102',
				message_status: 'delivered',
			},
		]);
	});

	it('gives nulls when the message has no write-to-record part', async () => {
		hero()
			.get('/v1/messages/77')
			.reply(200, { id: 77, status: 'delivered', write_to_record: null });
		const { json } = await runNode({ parameters: { ...base, messageId: '77' } });
		expect(json).toEqual([
			{
				message_id: '77',
				status: null,
				failure_reason: null,
				write_to_record_at: null,
				snomed_code: null,
				message_status: 'delivered',
			},
		]);
	});

	it('rejects an empty message ID before sending anything', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: { ...base, messageId: '={{ "" }}' },
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('Message ID is empty (item 0)');
	});
});
