import { locator } from './helpers/constants';
import { runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const form = (id: string, title: string) => ({
	id,
	title,
	description: '',
	patient_title: null,
	patient_description: null,
	reply_form: false,
	form_type: 'questionnaire',
	snomed_code: null,
});

describe('form → Get Many', () => {
	it('sends search, reply_form and form_type, and outputs one item per form up to the limit', async () => {
		hero()
			.get('/v1/forms')
			.query({ search: 'asthma', reply_form: 'false', form_type: 'questionnaire' })
			.reply(200, {
				data: [form('12', 'Asthma review'), form('13', 'Asthma control test'), form('14', 'X')],
				count: 3,
			});
		const { json, requests } = await runNode({
			parameters: {
				resource: 'form',
				operation: 'getAll',
				returnAll: false,
				limit: 2,
				filters: { search: ' asthma ', replyForm: false, formType: 'questionnaire' },
			},
		});
		expect(requests[0].qs).toEqual({
			search: 'asthma',
			reply_form: 'false',
			form_type: 'questionnaire',
		});
		expect(json).toEqual([form('12', 'Asthma review'), form('13', 'Asthma control test')]);
	});

	it('sends no query without filters and returns all forms', async () => {
		hero()
			.get('/v1/forms')
			.reply(200, { data: [form('12', 'A'), form('13', 'B')], count: 2 });
		const { json, requests } = await runNode({
			parameters: { resource: 'form', operation: 'getAll', returnAll: true, filters: {} },
		});
		expect(requests[0].qs).toBeUndefined();
		expect(json).toHaveLength(2);
	});
});

describe('form → Get', () => {
	it('gets a form with its fields', async () => {
		const detail = {
			...form('12', 'Asthma review'),
			fields: [{ form_question_id: '301', name: 'How often do you use your inhaler?' }],
		};
		hero().get('/v1/forms/12').reply(200, detail);
		const { json } = await runNode({
			parameters: { resource: 'form', operation: 'get', formId: locator('12', 'list') },
		});
		expect(json).toEqual([detail]);
	});

	it('rejects a missing form before sending', async () => {
		await expect(
			runNode({ parameters: { resource: 'form', operation: 'get', formId: locator('={{ "" }}') } }),
		).rejects.toThrow('Form is empty (item 0)');
	});
});
