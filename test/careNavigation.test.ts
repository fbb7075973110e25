import { BASE_URL } from './helpers/constants';
import { itemsOf, runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const records = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => ({ id: String(from + i) }));

describe('Care Navigation → Get Pathways', () => {
	it('reads one page of the limit and outputs the pathways, not the envelope', async () => {
		hero()
			.get('/v1/care_navigation/pathways')
			.query({ page_index: 0, page_size: 3 })
			.reply(200, { data: records(1, 3), count: 12 });
		const { json, requests } = await runNode({
			parameters: {
				resource: 'careNavigation',
				operation: 'getPathways',
				returnAll: false,
				limit: 3,
			},
		});
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
			`GET ${BASE_URL}/v1/care_navigation/pathways`,
		]);
		expect(json).toEqual(records(1, 3));
	});
});

describe('Care Navigation → Get Submissions', () => {
	it('with Return All, reads page after page until a short page', async () => {
		hero()
			.get('/v1/care_navigation/submissions')
			.query({ page_index: 0, page_size: 100 })
			.reply(200, { data: records(1, 100) });
		hero()
			.get('/v1/care_navigation/submissions')
			.query({ page_index: 1, page_size: 100 })
			.reply(200, { data: records(101, 130) });
		const { json } = await runNode({
			parameters: { resource: 'careNavigation', operation: 'getSubmissions', returnAll: true },
		});
		expect(json).toHaveLength(130);
		expect(json[129]).toEqual({ id: '130' });
	});
});

describe('Care Navigation → Get Submission', () => {
	const base = { resource: 'careNavigation', operation: 'getSubmission' };

	it('gets one submission by ID', async () => {
		hero()
			.get('/v1/care_navigation/submissions/4521')
			.reply(200, { id: '4521', pathway: 'Minor illness' });
		const { json } = await runNode({ parameters: { ...base, submissionId: ' 4521 ' } });
		expect(json).toEqual([{ id: '4521', pathway: 'Minor illness' }]);
	});

	it('URL-encodes the ID into the path', async () => {
		hero().get('/v1/care_navigation/submissions/a%2Fb').reply(200, { id: 'a/b' });
		const { json } = await runNode({ parameters: { ...base, submissionId: 'a/b' } });
		expect(json).toEqual([{ id: 'a/b' }]);
	});

	it('rejects an empty ID before sending anything', async () => {
		const { output, requests } = await runNode({
			items: itemsOf({}),
			continueOnFail: true,
			parameters: { ...base, submissionId: '  ' },
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('Submission ID is empty (item 0)');
	});
});
