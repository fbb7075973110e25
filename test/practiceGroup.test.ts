import { BASE_URL, locator } from './helpers/constants';
import { loadOptionsContext } from './helpers/n8n';
import { itemsOf, runNode } from './helpers/run';
import { getAppointmentTypes, getLocations } from '../nodes/HeroHealth/methods/loadOptions';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const base = { resource: 'practiceGroup' };

describe('practiceGroup → single records', () => {
	it.each([
		['get', '/v1/me', { id: '731', name: 'Riverside Surgery' }],
		['getCapabilities', '/v1/me/capabilities', { capabilities: ['sms_messaging'] }],
		['getConfiguration', '/v1/me/configuration', { online_booking: true }],
		['getSmsCredits', '/v1/me/sms-credits', { sms_credit_count: 1200 }],
	])('%s reads GET %s and outputs the record', async (operation, path, record) => {
		hero().get(path).reply(200, record);
		const { json, requests } = await runNode({ parameters: { ...base, operation } });
		expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${BASE_URL}${path}`]);
		expect(json).toEqual([record]);
	});

	it('gets a practitioner by locator', async () => {
		hero().get('/v1/practitioners/22').reply(200, { id: '22', name: 'Dr Ada Patel' });
		const { json } = await runNode({
			parameters: { ...base, operation: 'getPractitioner', practitionerId: locator('22', 'list') },
		});
		expect(json).toEqual([{ id: '22', name: 'Dr Ada Patel' }]);
	});

	it('rejects a practitioner ID that is not a Hero ID', async () => {
		await expect(
			runNode({
				items: itemsOf({ practitioner: 'Dr X' }),
				// n8n's own check refuses "Dr X" typed in ID mode; from an expression it reaches the node.
				parameters: {
					...base,
					operation: 'getPractitioner',
					practitionerId: locator('={{ $json.practitioner }}'),
				},
			}),
		).rejects.toThrow('Practitioner "Dr X" is not a Hero ID (item 0)');
	});

	it('creates an Elements access token with POST /v1/access_token and no body', async () => {
		hero().post('/v1/access_token').reply(200, { access_token: 'header.payload.signature' });
		const { json, requests } = await runNode({
			parameters: { ...base, operation: 'createAccessToken' },
		});
		expect(requests[0].body).toBeUndefined();
		expect(json).toEqual([{ access_token: 'header.payload.signature' }]);
	});
});

describe('practiceGroup → lists', () => {
	it('lists appointment types for one location, with free slots, as a plain location_ids value', async () => {
		hero()
			.get('/v1/appointment_types')
			.query({ location_ids: '5', has_availability: 'true' })
			.reply(200, { data: [{ id: '1' }, { id: '2' }, { id: '3' }], count: 3 });
		const { json, requests } = await runNode({
			parameters: {
				...base,
				operation: 'getAppointmentTypes',
				returnAll: false,
				limit: 2,
				filters: { locationIds: ['5'], hasAvailability: true },
			},
		});
		expect(requests[0].qs).toEqual({ location_ids: '5', has_availability: 'true' });
		expect(json).toEqual([{ id: '1' }, { id: '2' }]);
	});

	it('sends several IDs as a list, and leaves out Only With Free Slots when it is off', async () => {
		hero()
			.get('/v1/locations')
			.query(true)
			.reply(200, { data: [{ id: '5', name: 'Main site' }], count: 1 });
		const { json, requests } = await runNode({
			parameters: {
				...base,
				operation: 'getLocations',
				returnAll: true,
				filters: { appointmentTypeIds: ['1', '4'], hasAvailability: false },
			},
		});
		expect(requests[0].qs).toEqual({ appointment_type_ids: ['1', '4'] });
		expect(json).toEqual([{ id: '5', name: 'Main site' }]);
	});

	it('lists practitioners with every filter; IDs may come from an expression as text', async () => {
		hero()
			.get('/v1/practitioners')
			.query(true)
			.reply(200, { data: [{ id: '22' }, { id: '23' }], count: 2 });
		const { json, requests } = await runNode({
			parameters: {
				...base,
				operation: 'getPractitioners',
				returnAll: true,
				filters: { locationIds: '5, 6', appointmentTypeIds: ['1'], hasAvailability: true },
			},
		});
		expect(requests[0].qs).toEqual({
			location_ids: ['5', '6'],
			appointment_type_ids: '1',
			has_availability: 'true',
		});
		expect(json).toEqual([{ id: '22' }, { id: '23' }]);
	});

	it('rejects a bad ID in a filter before sending', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: {
				...base,
				operation: 'getPractitioners',
				returnAll: true,
				filters: { locationIds: '5, Leeds' },
			},
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('Location "Leeds" is not a Hero ID (item 0)');
	});

	it.each([
		['getNetwork', '/v1/network'],
		['getElements', '/v1/me/elements'],
	])('%s outputs one item per record of GET %s', async (operation, path) => {
		hero()
			.get(path)
			.reply(200, {
				data: [
					{ id: 'a', name: 'A' },
					{ id: 'b', name: 'B' },
				],
				count: 2,
			});
		const { json } = await runNode({ parameters: { ...base, operation, returnAll: true } });
		expect(json).toEqual([
			{ id: 'a', name: 'A' },
			{ id: 'b', name: 'B' },
		]);
	});
});

describe('practiceGroup → Update', () => {
	it('patches only the fields given, with Hero’s names; never outputs the partner password', async () => {
		const password = ['partner', 'pass', 'word', '42'].join('-');
		hero()
			.patch('/v1/me', {
				name: 'Riverside Surgery',
				prescription_partner: 'signature_rx',
				prescription_partner_enabled: true,
				address: { line_1: '1 High Street', town: 'Leeds', postcode: 'LS1 4AP' },
				prescription_partner_credentials: { email: 'rx@practice.nhs.uk', password },
			})
			.reply(200, {
				id: '731',
				name: 'Riverside Surgery',
				prescription_partner_credentials: { email: 'rx@practice.nhs.uk', password },
			});
		const { json } = await runNode({
			parameters: {
				...base,
				operation: 'update',
				updateFields: {
					name: ' Riverside Surgery ',
					prescriptionPartner: 'signature_rx',
					prescriptionPartnerEnabled: true,
					address: {
						address: { line1: '1 High Street', line2: '', town: 'Leeds', postcode: 'ls1 4ap' },
					},
					prescriptionPartnerCredentials: {
						credentials: { email: 'rx@practice.nhs.uk', password },
					},
				},
			},
		});
		expect(json).toEqual([
			{
				id: '731',
				name: 'Riverside Surgery',
				prescription_partner_credentials: { email: 'rx@practice.nhs.uk' },
			},
		]);
		expect(JSON.stringify(json)).not.toContain(password);
	});

	it('says it updated when Hero answers nothing', async () => {
		hero().patch('/v1/me', { name: 'New name' }).reply(200, '');
		const { json } = await runNode({
			parameters: { ...base, operation: 'update', updateFields: { name: 'New name' } },
		});
		expect(json).toEqual([{ updated: true }]);
	});

	it('rejects empty Update Fields, and an address with no lines, before sending', async () => {
		await expect(
			runNode({ parameters: { ...base, operation: 'update', updateFields: {} } }),
		).rejects.toThrow('Update Fields is empty: add at least one field to change (item 0)');
		await expect(
			runNode({
				parameters: {
					...base,
					operation: 'update',
					updateFields: { address: { address: { line1: ' ' } } },
				},
			}),
		).rejects.toThrow('Update Fields is empty: add at least one field to change (item 0)');
	});
});

describe('practiceGroup dropdowns (loadOptions)', () => {
	const loadContext = () => loadOptionsContext();

	it('lists locations and appointment types by name, sorted', async () => {
		hero()
			.get('/v1/locations')
			.reply(200, {
				data: [
					{ id: '6', name: 'West site' },
					{ id: '5', name: 'Main site' },
				],
				count: 2,
			});
		hero()
			.get('/v1/appointment_types')
			.reply(200, { data: [{ id: '1', name: 'Asthma review' }, { id: '2' }], count: 2 });
		expect(await getLocations.call(loadContext())).toEqual([
			{ name: 'Main site', value: '5' },
			{ name: 'West site', value: '6' },
		]);
		expect(await getAppointmentTypes.call(loadContext())).toEqual([
			{ name: '2', value: '2' },
			{ name: 'Asthma review', value: '1' },
		]);
	});
});
