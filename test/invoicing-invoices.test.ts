import { locator, runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';
import { control, credentials } from './helpers/sandbox';

useHeroMocks();

/** Default customer, Create / Update / Link Invoice: Hero's invoicing pages (December 2026). */

describe('Invoicing → Get Default Customer', () => {
	it('asks for the patient’s default customer by patient_id', async () => {
		hero()
			.get('/v1/invoicing/customers/default')
			.query({ patient_id: '98765' })
			.reply(200, { id: 'cus_9', name: 'Jane Smith' });
		const { json } = await runNode({
			parameters: {
				resource: 'invoicing',
				operation: 'getDefaultCustomer',
				patientId: locator('98765'),
			},
		});
		expect(json).toEqual([{ id: 'cus_9', name: 'Jane Smith' }]);
	});

	it('finds Olivia Bennett’s customer in the sandbox', async () => {
		await control.reset();
		const { json } = await runNode({
			parameters: {
				resource: 'invoicing',
				operation: 'getDefaultCustomer',
				patientId: locator('1001'),
			},
			credentials: credentials(),
		});
		expect(json[0]).toMatchObject({ id: 'cus_001', name: 'Olivia Bennett' });
	});
});

describe('Invoicing → Create Invoice', () => {
	const base = {
		resource: 'invoicing',
		operation: 'createInvoice',
		issuerId: '731',
		collectionMethod: 'request_payment',
		mode: 'draft',
		invoiceItems: {
			item: [{ productId: 'prod_001', quantity: 2, description: '', unitAmount: 0 }],
		},
		additionalFields: {},
	};

	it('sends issuer_id, collection_method, mode and invoice_items_attributes, and outputs Hero’s 201 answer', async () => {
		hero()
			.post('/v1/invoicing/invoices', {
				issuer_id: '731',
				collection_method: 'charge_automatically',
				mode: 'finalize',
				invoice_items_attributes: [
					{ product_id: 'prod_001', quantity: 2 },
					{ description: 'Travel letter', quantity: 1, unit_amount: 2500 },
				],
				patient_id: '98765',
				memo: 'Thank you',
				footer: 'Riverside Surgery',
				coupons: ['coupon_10OFF', 'coupon_5GBP'],
			})
			.reply(201, { id: '1801', status: 'open' });
		const { json, requests } = await runNode({
			parameters: {
				...base,
				collectionMethod: 'charge_automatically',
				mode: 'finalize',
				invoiceItems: {
					item: [
						{ productId: ' prod_001 ', quantity: 2, description: '', unitAmount: 0 },
						{ productId: '', quantity: 1, description: 'Travel letter', unitAmount: 2500 },
					],
				},
				additionalFields: {
					patientId: locator('98765'),
					memo: 'Thank you',
					footer: 'Riverside Surgery',
					coupons: 'coupon_10OFF, coupon_5GBP',
				},
			},
		});
		expect(json).toEqual([{ id: '1801', status: 'open' }]);
		expect(requests).toHaveLength(1);
	});

	it.each([
		[{ invoiceItems: {} }, 'Invoice Items is empty: add an item (item 0)'],
		[
			{ invoiceItems: { item: [{ productId: '', description: ' ', quantity: 1, unitAmount: 0 }] } },
			'Give a Product ID or a Description for item 1 of Invoice Items (item 0)',
		],
		[
			{
				invoiceItems: { item: [{ productId: 'p', description: '', quantity: 1.5, unitAmount: 0 }] },
			},
			'Quantity of item 1 of Invoice Items "1.5" is not a whole number of 1 or more (item 0)',
		],
		[
			{
				invoiceItems: {
					item: [{ productId: 'p', description: '', quantity: 1, unitAmount: 'ten' }],
				},
			},
			'Unit Amount of item 1 of Invoice Items "ten" is not a whole number of pence, 0 or more (item 0)',
		],
		[
			{
				invoiceItems: {
					item: [{ productId: '', description: { text: 'Letter' }, quantity: 1, unitAmount: 0 }],
				},
			},
			'Description of item 1 of Invoice Items is an object, not text (item 0)',
		],
		[
			{ additionalFields: { memo: ['Thank', 'you'] } },
			'Memo is a list (2 values), not one value (item 0)',
		],
		[{ issuerId: ' ' }, 'Issuer ID is empty (item 0)'],
		[
			{ additionalFields: { patientId: locator('Ada') } },
			'Patient "Ada" is not a Hero ID (item 0)',
		],
	])('refuses %j before sending anything', async (change, message) => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: { ...base, ...change },
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe(message);
	});

	it('is never sent twice: a dropped connection after Hero made the invoice is reported, not retried', async () => {
		await control.reset();
		await control.config({ dropNext: 1 });
		const { output } = await runNode({
			continueOnFail: true,
			parameters: base,
			credentials: credentials(),
		});
		const counters = await control.counters();
		expect(counters.requests['POST /v1/invoicing/invoices'].received).toBe(1);
		expect(counters.effects.invoicesCreated.total).toBe(1);
		expect(String(output[0].json.error)).toMatch(/\S/);
		await control.reset();
	});
});

describe('Invoicing → Update Invoice', () => {
	const base = { resource: 'invoicing', operation: 'updateInvoice', invoiceId: '1801' };

	it('sends only the fields set', async () => {
		hero()
			.patch('/v1/invoicing/invoices/1801', { memo: 'Paid at reception', coupons: [] })
			.reply(200, { id: '1801', memo: 'Paid at reception' });
		const { json } = await runNode({
			parameters: { ...base, updateFields: { memo: 'Paid at reception', coupons: '' } },
		});
		expect(json).toEqual([{ id: '1801', memo: 'Paid at reception' }]);
	});

	it('refuses an empty update before sending anything', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: { ...base, updateFields: {} },
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe(
			'Update Fields is empty: add at least one field to change (item 0)',
		);
	});

	it('a finalised invoice (sandbox): memo, footer and coupons change; anything else is Hero’s readable refusal', async () => {
		await control.reset();
		const created = await runNode({
			parameters: {
				resource: 'invoicing',
				operation: 'createInvoice',
				issuerId: '731',
				collectionMethod: 'request_payment',
				mode: 'finalize',
				invoiceItems: {
					item: [{ productId: 'prod_001', quantity: 1, description: '', unitAmount: 0 }],
				},
				additionalFields: {},
			},
			credentials: credentials(),
		});
		const id = String(created.json[0].id);
		expect(created.json[0]).toMatchObject({ status: 'open' });
		const allowed = await runNode({
			parameters: {
				...base,
				invoiceId: id,
				updateFields: { memo: 'Thanks', footer: 'Riverside', coupons: 'coupon_10OFF' },
			},
			credentials: credentials(),
		});
		expect(allowed.json[0]).toMatchObject({ memo: 'Thanks', coupons: ['coupon_10OFF'] });
		const refused = await runNode({
			continueOnFail: true,
			parameters: {
				...base,
				invoiceId: id,
				updateFields: { collectionMethod: 'charge_automatically' },
			},
			credentials: credentials(),
		});
		const failure = `${String(refused.output[0].json.error)} ${refused.output[0].error?.description ?? ''}`;
		expect(failure).toContain('Hero rejected the request (PATCH /v1/invoicing/invoices/');
		expect(failure).toContain('collection_method: Invoice');
		expect(failure).toContain('only memo, footer and coupons can change');
	});
});

describe('Invoicing → Link Invoice', () => {
	const base = {
		resource: 'invoicing',
		operation: 'linkInvoice',
		stripeInvoiceId: ' in_1PqR ',
		appointmentId: '48213',
		issuerId: '731',
	};

	it('sends stripe_invoice_id, appointment_id and issuer_id', async () => {
		hero()
			.post('/v1/invoicing/invoices/link', {
				stripe_invoice_id: 'in_1PqR',
				appointment_id: '48213',
				issuer_id: '731',
			})
			.reply(200, { linked: true });
		const { json } = await runNode({ parameters: base });
		expect(json).toEqual([{ linked: true }]);
	});

	it('refuses an appointment ID that is not a Hero ID before sending anything', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: { ...base, appointmentId: 'A-1' },
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('Appointment ID "A-1" is not a Hero ID (item 0)');
	});
});
