import { locator } from './helpers/constants';
import { itemsOf, runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

describe('patient → PDS Lookup', () => {
	const base = { resource: 'patient', operation: 'pdsLookup', lookupBy: 'nhsNumber', options: {} };

	it('sends the NHS number without spaces and the date of birth as YYYY-MM-DD', async () => {
		hero()
			.post('/v1/patients/register_pds', { nhs_number: '9990000018', dob: '1992-01-31' })
			.reply(200, { patient_id: '98765' });
		const { json } = await runNode({
			parameters: { ...base, nhsNumber: '999 000 0018', dateOfBirth: '31/01/1992' },
		});
		expect(json).toEqual([{ outcome: 'found', patient_id: '98765' }]);
	});

	it('says the patient must verify identity, with the login URL', async () => {
		hero().post('/v1/patients/register_pds').reply(200, {
			message: 'Patient must verify their identity before proceeding',
			login_url: 'https://patient.herohealth.net/verify/abc123',
		});
		const { json } = await runNode({
			parameters: { ...base, nhsNumber: '9990000018', dateOfBirth: '1992-01-31' },
		});
		expect(json[0]).toMatchObject({
			outcome: 'mustVerifyIdentity',
			patient_id: null,
			login_url: 'https://patient.herohealth.net/verify/abc123',
		});
	});

	it('looks up by name, date of birth and postcode', async () => {
		hero()
			.post('/v1/patients/register_pds', {
				forename: 'Ada',
				surname: 'Lovelace',
				postcode: 'LS1 4AP',
				dob: '1990-12-10',
			})
			.reply(200, { patient_id: '5' });
		const { json } = await runNode({
			parameters: {
				...base,
				lookupBy: 'demographics',
				firstName: ' Ada ',
				lastName: 'Lovelace',
				postcode: 'ls1 4ap',
				dateOfBirth: '1990-12-10',
			},
		});
		expect(json[0]).toMatchObject({ outcome: 'found', patient_id: '5' });
	});

	it('turns a 404 into outcome "notFound" when asked to', async () => {
		hero().post('/v1/patients/register_pds').reply(404, { message: 'No patient found' });
		const { json } = await runNode({
			parameters: {
				...base,
				nhsNumber: '9990000018',
				dateOfBirth: '1992-01-31',
				options: { notFoundAsItem: true },
			},
		});
		expect(json[0]).toMatchObject({ outcome: 'notFound', patient_id: null });
	});

	it('fails a 404 with a readable error otherwise', async () => {
		hero().post('/v1/patients/register_pds').reply(404, { message: 'No patient found' });
		await expect(
			runNode({ parameters: { ...base, nhsNumber: '9990000018', dateOfBirth: '1992-01-31' } }),
		).rejects.toThrow('Hero found nothing at POST /v1/patients/register_pds (404)');
	});

	it('rejects a bad NHS number before sending anything, naming the field and the item', async () => {
		await expect(
			runNode({ parameters: { ...base, nhsNumber: '999 000 0019', dateOfBirth: '1992-01-31' } }),
		).rejects.toThrow('NHS Number *** *** 0019 is not a valid NHS number (item 0)');
	});

	it('with Continue On Fail, outputs an error item per bad row and processes the good ones', async () => {
		hero()
			.post('/v1/patients/register_pds', { nhs_number: '9990000018', dob: '1992-01-31' })
			.reply(200, { patient_id: '1' });
		hero()
			.post('/v1/patients/register_pds', { nhs_number: '9995554445', dob: '1970-05-04' })
			.reply(200, { patient_id: '3' });
		const rows = [
			{ nhs: '999 000 0018', dob: '1992-01-31' },
			{ nhs: '12345', dob: '1992-01-31' },
			{ nhs: '999 555 4445', dob: '04/05/1970' },
			{ nhs: '9990000018', dob: '31/02/1992' },
		];
		const { output } = await runNode({
			items: itemsOf(...rows),
			continueOnFail: true,
			parameters: {
				...base,
				nhsNumber: '={{ $json["nhs"] }}',
				dateOfBirth: "={{ $json['dob'] }}",
			},
		});
		expect(output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(output[0].json).toMatchObject({ outcome: 'found', patient_id: '1' });
		expect(output[1].json.error).toBe('NHS Number ***** is not 10 digits (item 1)');
		expect(output[2].json).toMatchObject({ outcome: 'found', patient_id: '3' });
		expect(output[3].json.error).toBe('Date of Birth **/**/**92 is not a real date (item 3)');
	});
});

describe('patient → Register, Get, Get Many', () => {
	it('registers with NHS number, date of birth and the additional fields', async () => {
		hero()
			.post('/v1/patients/register', {
				nhs_number: '9990000018',
				dob: '1992-01-31',
				first_name: 'Ada',
				title: 'Dr',
			})
			.reply(200, { id: '77' });
		const { json } = await runNode({
			parameters: {
				resource: 'patient',
				operation: 'register',
				nhsNumber: '999-000-0018',
				dateOfBirth: '1992-01-31',
				additionalFields: { firstName: 'Ada', title: 'Dr' },
			},
		});
		expect(json).toEqual([{ id: '77' }]);
	});

	it('gets a patient by ID from v1, and from v2 with a data source', async () => {
		hero().get('/v1/patients/98765').reply(200, { id: '98765', first_name: 'Ada' });
		hero().get('/v2/patients/98765').query({ data_source: 'ehr' }).reply(200, { id: '98765' });
		const v1 = await runNode({
			parameters: {
				resource: 'patient',
				operation: 'get',
				patientId: locator('98765'),
				options: {},
			},
		});
		expect(v1.json).toEqual([{ id: '98765', first_name: 'Ada' }]);
		const v2 = await runNode({
			parameters: {
				resource: 'patient',
				operation: 'get',
				patientId: locator('98765', 'list'),
				options: { dataSource: 'ehr' },
			},
		});
		expect(v2.json).toEqual([{ id: '98765' }]);
	});

	it('searches patients and returns one item per record', async () => {
		hero()
			.get('/v1/patients')
			.query({ search: 'E123', field: 'emis_id', page_index: 0, page_size: 2 })
			.reply(200, { data: [{ id: '1' }, { id: '2' }], count: 9 });
		const { json } = await runNode({
			parameters: {
				resource: 'patient',
				operation: 'getAll',
				returnAll: false,
				limit: 2,
				filters: { search: 'E123', field: 'emis_id' },
			},
		});
		expect(json).toEqual([{ id: '1' }, { id: '2' }]);
	});
});

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
