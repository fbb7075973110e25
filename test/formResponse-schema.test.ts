import { load } from 'js-yaml';
import ts from 'typescript';

import { endpoint as createEndpoint } from '../nodes/HeroHealth/actions/formResponse/create.operation';
import { endpoint as updateEndpoint } from '../nodes/HeroHealth/actions/formResponse/update.operation';
import { locator } from './helpers/constants';
import { runNode } from './helpers/run';
import { control, credentials } from './helpers/sandbox';

/**
 * Form Response → Create / Update against Hero's FormResponse schema (spec/hero-openapi.yaml):
 * the names it has are used, and the endpoint declarations say why answers are sent all the same.
 */

const ROOT = (expect.getState().testPath ?? '').replace(/[\\/]test[\\/][^\\/]+$/, '');
const spec = load(ts.sys.readFile(`${ROOT}/spec/hero-openapi.yaml`) ?? '') as {
	components: { schemas: Record<string, { properties: Record<string, unknown> }> };
};
const schemaFields = Object.keys(spec.components.schemas.FormResponse.properties);

beforeEach(async () => {
	await control.reset();
});

describe('Form Response body and Hero’s FormResponse schema', () => {
	it('the schema names the patient client_id and has no answers', () => {
		expect(schemaFields).toEqual(
			expect.arrayContaining(['form_id', 'client_id', 'appointment_id']),
		);
		expect(schemaFields).not.toContain('patient_id');
		expect(schemaFields).not.toContain('answers');
	});

	it('Create sends the schema’s names (the sandbox requires client_id) and the answers', async () => {
		const { json } = await runNode({
			parameters: {
				resource: 'formResponse',
				operation: 'create',
				formId: locator('401'),
				patientId: locator('1001'),
				answers: { answer: [{ questionId: '4011', value: 'Never' }] },
				additionalFields: {},
			},
			credentials: credentials(),
		});
		expect(json[0]).toMatchObject({
			form_id: 401,
			client_id: 1001,
			answers: [{ form_question_id: '4011', value: 'Never' }],
		});
	});

	it('the endpoint declarations say why answers are sent though the schema has none', () => {
		for (const endpoint of [createEndpoint, updateEndpoint]) {
			expect(endpoint.inferred).toMatch(/shows no answers/);
			expect(endpoint.inferredParts).toContain('body');
		}
		expect(createEndpoint.inferred).toContain('client_id');
	});
});
