import { itemsOf, runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const pharmacy = (id: string) => ({
	id,
	prescriber_id: '412',
	name: `Pharmacy ${id}`,
	email: `p${id}@example.com`,
	mobile: '+447700900123',
});

describe('Prescription → Get', () => {
	it('gets a prescription by ID', async () => {
		hero().get('/v1/prescriptions/9921').reply(200, { id: '9921', status: 'issued' });
		const { json } = await runNode({
			parameters: { resource: 'prescription', operation: 'get', prescriptionId: '9921' },
		});
		expect(json).toEqual([{ id: '9921', status: 'issued' }]);
	});
});

describe('Prescription → Get Prescriber', () => {
	it('gets the prescriber by ID', async () => {
		hero().get('/v1/prescriber/412').reply(200, { id: '412', first_name: 'Grace' });
		const { json } = await runNode({
			parameters: { resource: 'prescription', operation: 'getPrescriber', prescriberId: ' 412 ' },
		});
		expect(json).toEqual([{ id: '412', first_name: 'Grace' }]);
	});

	it('rejects a prescriber ID that is not a Hero ID before sending anything', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: { resource: 'prescription', operation: 'getPrescriber', prescriberId: 'abc' },
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('Prescriber ID "abc" is not a Hero ID (item 0)');
	});
});

describe('Prescription → Get Prescriber Pharmacies', () => {
	const base = { resource: 'prescription', operation: 'getPrescriberPharmacies' };

	it('outputs one item per pharmacy, up to the limit', async () => {
		hero()
			.get('/v1/prescriber/412/pharmacies')
			.reply(200, { data: [pharmacy('1'), pharmacy('2'), pharmacy('3')], count: 3 });
		const { json, requests } = await runNode({
			parameters: { ...base, prescriberId: '412', returnAll: false, limit: 2 },
		});
		expect(requests[0].qs).toBeUndefined();
		expect(json).toEqual([pharmacy('1'), pharmacy('2')]);
	});

	it('with Return All, outputs every pharmacy', async () => {
		hero()
			.get('/v1/prescriber/412/pharmacies')
			.reply(200, { data: [pharmacy('1'), pharmacy('2'), pharmacy('3')], count: 3 });
		const { json } = await runNode({
			parameters: { ...base, prescriberId: '412', returnAll: true },
		});
		expect(json).toHaveLength(3);
	});
});

describe('Prescription → Create Pharmacy', () => {
	const base = { resource: 'prescription', operation: 'createPharmacy' };

	it('sends name, email, mobile as +44 and the prescriber ID, as Hero’s reference asks', async () => {
		hero()
			.post('/v1/pharmacies', {
				name: 'High Street Pharmacy',
				email: 'high.street@example.com',
				mobile: '+447700900123',
				prescriber_id: '412',
			})
			.reply(200, pharmacy('55'));
		const { json, requests } = await runNode({
			parameters: {
				...base,
				prescriberId: '412',
				name: ' High Street Pharmacy ',
				email: 'high.street@example.com',
				mobile: '07700 900123',
			},
		});
		expect(requests[0].method).toBe('POST');
		expect(json).toEqual([pharmacy('55')]);
	});

	it('rejects a bad email, mobile, name or prescriber before sending anything', async () => {
		const rows = [
			{ prescriberId: '412', name: 'A', email: 'not-an-email', mobile: '07700900123' },
			{ prescriberId: '412', name: 'A', email: 'a@example.com', mobile: '0113 496 0000' },
			{ prescriberId: '412', name: ' ', email: 'a@example.com', mobile: '07700900123' },
			{ prescriberId: 'x1', name: 'A', email: 'a@example.com', mobile: '07700900123' },
		];
		const { output, requests } = await runNode({
			items: itemsOf(...rows),
			continueOnFail: true,
			parameters: {
				...base,
				prescriberId: '={{ $json.prescriberId }}',
				name: '={{ $json.name }}',
				email: '={{ $json.email }}',
				mobile: '={{ $json.mobile }}',
			},
		});
		expect(requests).toEqual([]);
		expect(output.map((item) => item.json.error)).toEqual([
			// An e-mail address identifies a patient: only its last four characters show (issue 22).
			'Email "***-**-*mail" is not an email address (item 0)',
			'Mobile **** *** 0000 is not a UK mobile number (item 1)',
			'Pharmacy Name is empty (item 2)',
			'Prescriber ID "x1" is not a Hero ID (item 3)',
		]);
	});
});
