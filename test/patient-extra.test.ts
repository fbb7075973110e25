import { locator } from './helpers/context';
import { runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const patient = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'patient',
	operation,
	patientId: locator('98765'),
	...parameters,
});

describe('patient → attachments and EHR', () => {
	it('lists the attachments of a patient, one item per file, up to the limit', async () => {
		hero()
			.get('/v1/patients/98765/attachments')
			.reply(200, { data: [{ id: 'f1' }, { id: 'f2' }, { id: 'f3' }], count: 3 });
		const { json, requests } = await runNode({
			parameters: patient('getAttachments', { returnAll: false, limit: 2 }),
		});
		expect(json).toEqual([{ id: 'f1' }, { id: 'f2' }]);
		expect(requests[0].qs).toBeUndefined();
	});

	it('lists EHR candidates, all of them with Return All', async () => {
		hero()
			.get('/v1/patients/98765/ehr/candidates')
			.reply(200, { data: [{ ehr_partner_id: 'E1' }, { ehr_partner_id: 'E2' }], count: 2 });
		const { json } = await runNode({
			parameters: patient('getEhrCandidates', { returnAll: true }),
		});
		expect(json).toEqual([{ ehr_partner_id: 'E1' }, { ehr_partner_id: 'E2' }]);
	});

	it('connects a patient to an EHR record with the trimmed EHR partner ID', async () => {
		hero()
			.post('/v1/patients/98765/ehr/connect', { ehr_partner_id: 'E1' })
			.reply(200, { id: '98765', ehr_partner_id: 'E1' });
		const { json } = await runNode({
			parameters: patient('connectEhr', { ehrPartnerId: ' E1 ' }),
		});
		expect(json).toEqual([{ id: '98765', ehr_partner_id: 'E1' }]);
	});

	it('says what it connected when Hero answers with no body', async () => {
		hero().post('/v1/patients/98765/ehr/connect', { ehr_partner_id: 'E1' }).reply(204);
		const { json } = await runNode({ parameters: patient('connectEhr', { ehrPartnerId: 'E1' }) });
		expect(json).toEqual([{ patient_id: '98765', ehr_partner_id: 'E1', success: true }]);
	});

	it('rejects an empty EHR partner ID and a non-numeric patient before sending anything', async () => {
		await expect(
			runNode({ parameters: patient('connectEhr', { ehrPartnerId: '={{ "" }}' }) }),
		).rejects.toThrow('EHR Partner ID is empty (item 0)');
		await expect(
			runNode({
				parameters: patient('getAttachments', { patientId: locator('abc'), returnAll: true }),
			}),
		).rejects.toThrow('Patient "abc" is not a Hero ID (item 0)');
	});
});

describe('patient → Preview Merge, Merge', () => {
	it('previews a merge with the other patient in the body', async () => {
		hero()
			.post('/v1/patients/98765/merge/preview', { patient_id: '98766' })
			.reply(200, { merge_token: 'tok-1', preview: { first_name: 'Ada' } });
		const { json } = await runNode({
			parameters: patient('previewMerge', { otherPatientId: locator('98766', 'list') }),
		});
		expect(json).toEqual([{ merge_token: 'tok-1', preview: { first_name: 'Ada' } }]);
	});

	it('merges with the other patient and the merge token', async () => {
		hero()
			.post('/v1/patients/98765/merge', { patient_id: '98766', merge_token: 'tok-1' })
			.reply(200, { id: '98765' });
		const { json } = await runNode({
			parameters: patient('merge', { otherPatientId: locator('98766'), mergeToken: ' tok-1 ' }),
		});
		expect(json).toEqual([{ id: '98765' }]);
	});

	it('says which patients it merged when Hero answers with no body', async () => {
		hero().post('/v1/patients/98765/merge').reply(200);
		const { json } = await runNode({
			parameters: patient('merge', { otherPatientId: locator('98766'), mergeToken: 'tok-1' }),
		});
		expect(json).toEqual([{ patient_id: '98765', merged_patient_id: '98766', success: true }]);
	});

	it.each([
		[
			'a patient merged with itself',
			{ otherPatientId: locator('98765'), mergeToken: 'tok-1' },
			'Merge With Patient is the same patient as Patient (98765) (item 0)',
		],
		[
			'a missing merge token',
			{ otherPatientId: locator('98766'), mergeToken: ' ' },
			'Merge Token is empty (item 0)',
		],
		[
			'an empty other patient',
			{ otherPatientId: locator('={{ "" }}'), mergeToken: 'tok-1' },
			'Merge With Patient is empty (item 0)',
		],
	])('rejects %s before sending anything', async (_case, parameters, error) => {
		await expect(runNode({ parameters: patient('merge', parameters) })).rejects.toThrow(error);
	});
});

describe('patient → billing info and payment methods', () => {
	it('gets billing info', async () => {
		hero()
			.get('/v1/patients/98765/billing_info')
			.reply(200, { stripe_customer_id: 'cus_1', email: 'ada@example.com' });
		const { json } = await runNode({ parameters: patient('getBillingInfo') });
		expect(json).toEqual([{ stripe_customer_id: 'cus_1', email: 'ada@example.com' }]);
	});

	it('lists payment methods, one item per method', async () => {
		hero()
			.get('/v1/patients/98765/payment_methods')
			.reply(200, { data: [{ id: 'pm_1' }, { id: 'pm_2' }], count: 2 });
		const { json } = await runNode({
			parameters: patient('getPaymentMethods', { returnAll: true }),
		});
		expect(json).toEqual([{ id: 'pm_1' }, { id: 'pm_2' }]);
	});

	it('fails a 404 with an error that names the request', async () => {
		hero().get('/v1/patients/98765/billing_info').reply(404, { message: 'Not found' });
		await expect(runNode({ parameters: patient('getBillingInfo') })).rejects.toThrow(
			'GET /v1/patients/98765/billing_info',
		);
	});
});
