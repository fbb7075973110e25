import { searchAdmins, searchTemplates } from '../nodes/HeroHealth/methods/listSearch';
import { locator } from './helpers/constants';
import { loadOptionsContext } from './helpers/n8n';
import { runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

describe('admin → Get Many', () => {
	it('lists admins sorted by first name, descending, one item per admin', async () => {
		hero()
			.get('/v1/admins')
			.query({
				order_by: 'first_name',
				order_descending: 'true',
				page_index: 0,
				page_size: 2,
			})
			.reply(200, {
				data: [
					{ id: '2', first_name: 'Zoe' },
					{ id: '1', first_name: 'Ada' },
				],
				count: 2,
			});
		const { json } = await runNode({
			parameters: {
				resource: 'admin',
				operation: 'getAll',
				returnAll: false,
				limit: 2,
				options: { orderBy: 'first_name', orderDescending: true },
			},
		});
		expect(json).toEqual([
			{ id: '2', first_name: 'Zoe' },
			{ id: '1', first_name: 'Ada' },
		]);
	});
});

describe('admin → Update', () => {
	const base = { resource: 'admin', operation: 'update', adminId: locator('12', 'list') };

	it('sends the external prescriber ID and the prescriber details', async () => {
		hero()
			.patch('/v1/admins/12', {
				external_prescriber_id: 'RX-9',
				prescriber_details: {
					name: 'Dr Ada Lovelace',
					email: 'ada@practice.nhs.uk',
					registration_code: 'GMC 1234567',
				},
			})
			.reply(200, { admin_id: '12' });
		const { json } = await runNode({
			parameters: {
				...base,
				updateFields: {
					externalPrescriberId: ' RX-9 ',
					prescriberName: 'Dr Ada Lovelace',
					prescriberEmail: 'ada@practice.nhs.uk',
					prescriberRegistrationCode: 'GMC 1234567',
				},
			},
		});
		expect(json).toEqual([{ admin_id: '12' }]);
	});

	it('sends only the prescriber details given', async () => {
		hero()
			.patch('/v1/admins/12', { prescriber_details: { name: 'Dr Ada' } })
			.reply(200, { admin_id: '12' });
		const { json } = await runNode({
			parameters: { ...base, updateFields: { prescriberName: 'Dr Ada' } },
		});
		expect(json).toEqual([{ admin_id: '12' }]);
	});

	it.each([
		['no fields', {}, 'Update Fields is empty: add at least one field to change (item 0)'],
		[
			'a bad email',
			{ prescriberEmail: 'ada at practice' },
			'Prescriber Email "*** ** ****tice" is not an email address (item 0)',
		],
	])('rejects %s before sending anything', async (_case, updateFields, error) => {
		await expect(runNode({ parameters: { ...base, updateFields } })).rejects.toThrow(error);
	});

	it('rejects an admin ID that is not a number', async () => {
		await expect(
			runNode({
				parameters: { ...base, adminId: locator('ada'), updateFields: { prescriberName: 'x' } },
			}),
		).rejects.toThrow('Admin "ada" is not a Hero ID (item 0)');
	});
});

describe('admin → Set Signature', () => {
	it('POSTs the signature', async () => {
		hero().post('/v1/admins/signature', { signature: 'Dr A. Lovelace' }).reply(200, { id: '3' });
		const { json } = await runNode({
			parameters: {
				resource: 'admin',
				operation: 'upsertSignature',
				signature: ' Dr A. Lovelace ',
			},
		});
		expect(json).toEqual([{ id: '3' }]);
	});

	it('outputs success when Hero answers with no body', async () => {
		hero().post('/v1/admins/signature', { signature: 'AL' }).reply(204);
		const { json } = await runNode({
			parameters: { resource: 'admin', operation: 'upsertSignature', signature: 'AL' },
		});
		expect(json).toEqual([{ success: true }]);
	});

	it('rejects an empty signature before sending anything', async () => {
		await expect(
			runNode({
				parameters: { resource: 'admin', operation: 'upsertSignature', signature: '={{ "" }}' },
			}),
		).rejects.toThrow('Signature is empty (item 0)');
	});
});

describe('list searches for admins and templates', () => {
	const loadContext = () => loadOptionsContext();

	it('searchAdmins names admins by first and last name, filters and sorts them', async () => {
		hero()
			.get('/v1/admins')
			.query({ page_index: 0, page_size: 100 })
			.reply(200, {
				data: [
					{ id: '2', first_name: 'Zoe', last_name: 'Ng' },
					{ id: '1', first_name: 'Ada', last_name: 'Lovelace' },
					{ id: '3', first_name: 'Alan', last_name: 'Turing' },
				],
				count: 3,
			});
		const result = await searchAdmins.call(loadContext(), 'A');
		expect(result.results).toEqual([
			{ name: 'Ada Lovelace', value: '1' },
			{ name: 'Alan Turing', value: '3' },
		]);
		hero()
			.get('/v1/admins')
			.query(true)
			.reply(200, { data: [{ id: '1', first_name: 'Ada', last_name: 'Lovelace' }], count: 1 });
		expect((await searchAdmins.call(loadContext(), 'turing')).results).toEqual([]);
	});

	it('searchTemplates names templates by name, else title, else ID', async () => {
		hero()
			.get('/v1/templates')
			.reply(200, {
				data: [{ id: 't1', name: 'Flu' }, { id: 't2', title: 'Asthma' }, { id: 't3' }],
			});
		const result = await searchTemplates.call(loadContext());
		expect(result.results).toEqual([
			{ name: 'Asthma', value: 't2' },
			{ name: 'Flu', value: 't1' },
			{ name: 't3', value: 't3' },
		]);
	});
});
