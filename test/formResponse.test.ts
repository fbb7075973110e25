import { locator } from './helpers/constants';
import { loadOptionsContext } from './helpers/n8n';
import { runNode } from './helpers/run';
import { getFormQuestions } from '../nodes/HeroHealth/methods/loadOptions';
import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const response = {
	id: 5540,
	form_id: 12,
	client_id: 98765,
	practice_group_id: 731,
	created_at: '2026-03-10T12:00:00Z',
	hidden: false,
};

describe('formResponse → Get', () => {
	it('gets a form response by ID', async () => {
		hero().get('/v1/form_response/5540').reply(200, response);
		const { json } = await runNode({
			parameters: { resource: 'formResponse', operation: 'get', formResponseId: ' 5540 ' },
		});
		expect(json).toEqual([response]);
	});

	it('takes the ID as a number, as a webhook or Hero’s own answers give it', async () => {
		hero().get('/v1/form_response/5540').reply(200, response);
		const { json } = await runNode({
			parameters: { resource: 'formResponse', operation: 'get', formResponseId: '={{ 5540 }}' },
		});
		expect(json).toEqual([response]);
	});

	it('rejects an ID that is not a Hero ID', async () => {
		await expect(
			runNode({
				parameters: { resource: 'formResponse', operation: 'get', formResponseId: 'FS-1' },
			}),
		).rejects.toThrow('Form Response ID "FS-1" is not a Hero ID (item 0)');
	});
});

describe('formResponse → Create (inferred)', () => {
	const base = {
		resource: 'formResponse',
		operation: 'create',
		formId: locator('12', 'list'),
		patientId: locator('98765'),
		additionalFields: {},
	};

	it('posts form, patient (as FormResponse’s client_id) and answers as [{form_question_id, value}], IDs as numbers', async () => {
		hero()
			.post('/v1/form_response', {
				form_id: 12,
				client_id: 98765,
				answers: [
					{ form_question_id: '301', value: 'Twice a day' },
					{ form_question_id: '302', value: '' },
				],
				appointment_id: 48213,
			})
			.reply(200, response);
		const { json } = await runNode({
			parameters: {
				...base,
				answers: {
					answer: [
						{ questionId: '301', value: 'Twice a day' },
						{ questionId: ' 302 ', value: '' },
					],
				},
				additionalFields: { appointmentId: '48213' },
			},
		});
		expect(json).toEqual([response]);
	});

	it('sends form and patient IDs given as numbers (an expression) as numbers', async () => {
		hero()
			.post('/v1/form_response', {
				form_id: 12,
				client_id: 98765,
				answers: [{ form_question_id: '301', value: 'Yes' }],
			})
			.reply(200, response);
		await runNode({
			parameters: {
				...base,
				formId: locator('={{ 12 }}'),
				patientId: locator('={{ 98765 }}'),
				answers: { answer: [{ questionId: '301', value: 'Yes' }] },
			},
		});
	});

	it('refuses an ID too long to send as a number exactly', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: {
				...base,
				formId: locator('12345678901234567890'),
				answers: { answer: [{ questionId: '301', value: 'Yes' }] },
			},
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('Form is too long for a Hero ID (item 0)');
	});

	it('rejects no answers, a question answered twice, and an answer without a question', async () => {
		await expect(runNode({ parameters: { ...base, answers: {} } })).rejects.toThrow(
			'Answers is empty: add at least one answer (item 0)',
		);
		await expect(
			runNode({
				parameters: {
					...base,
					answers: {
						answer: [
							{ questionId: '301', value: 'a' },
							{ questionId: '301', value: 'b' },
						],
					},
				},
			}),
		).rejects.toThrow('Question 301 is answered twice (item 0)');
		await expect(
			runNode({
				parameters: { ...base, answers: { answer: [{ questionId: '', value: 'a' }] } },
			}),
		).rejects.toThrow('Question of answer 1 is empty (item 0)');
	});

	it('says in the node that Hero only documented the read', () => {
		const operation = new HeroHealth().description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('formResponse'),
		);
		const descriptions = (operation?.options as Array<{ value: string; description: string }>)
			.filter((o) => o.value !== 'get')
			.map((o) => o.description);
		expect(descriptions).toHaveLength(2);
		for (const text of descriptions) expect(text).toContain('only showed the read');
	});
});

describe('formResponse → Update (inferred)', () => {
	it('patches the answers and says it updated when Hero answers nothing', async () => {
		hero()
			.patch('/v1/form_response/5540', {
				answers: [{ form_question_id: '301', value: 'Once a day' }],
			})
			.reply(200, '');
		const { json } = await runNode({
			parameters: {
				resource: 'formResponse',
				operation: 'update',
				formResponseId: '5540',
				answers: { answer: [{ questionId: '301', value: 'Once a day' }] },
			},
		});
		expect(json).toEqual([{ id: '5540', updated: true }]);
	});
});

describe('formResponse question dropdown (loadOptions)', () => {
	// As the editor asks: with the node's current parameters.
	const loadContext = (formId: string) =>
		loadOptionsContext({
			parameters: { resource: 'formResponse', operation: 'create', formId: locator(formId) },
		});

	it('lists the questions of the chosen form by name', async () => {
		hero()
			.get('/v1/forms/12')
			.reply(200, {
				id: '12',
				fields: [
					{ form_question_id: '301', name: 'Inhaler use' },
					{ form_question_id: '302', name: 'Night symptoms' },
				],
			});
		expect(await getFormQuestions.call(loadContext('12'))).toEqual([
			{ name: 'Inhaler use', value: '301' },
			{ name: 'Night symptoms', value: '302' },
		]);
	});

	it('asks nothing while no form is chosen', async () => {
		expect(await getFormQuestions.call(loadContext(''))).toEqual([]);
	});
});
