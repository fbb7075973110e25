import { locator, runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';
import { control, credentials } from './helpers/sandbox';

useHeroMocks();

const NEXT_YEAR = new Date().getUTCFullYear() + 1;

/** Link → Get Status and Create Video Link (Hero's links pages, December 2026). */

describe('link → Get Status', () => {
	it('looks a link up by its URL', async () => {
		hero()
			.get('/v1/links/status')
			.query({ url: 'https://link.example/abc' })
			.reply(200, { status: 'unused', type: 'booking', reference: [] });
		const { json } = await runNode({
			parameters: {
				resource: 'link',
				operation: 'getStatus',
				lookUpBy: 'url',
				url: ' https://link.example/abc ',
			},
		});
		expect(json).toEqual([{ status: 'unused', type: 'booking', reference: [] }]);
	});

	it('looks a link up by its ID', async () => {
		hero()
			.get('/v1/links/status')
			.query({ id: '201' })
			.reply(200, { status: 'used', type: 'form', reference: [] });
		const { json } = await runNode({
			parameters: { resource: 'link', operation: 'getStatus', lookUpBy: 'id', linkId: '201' },
		});
		expect(json[0]).toMatchObject({ status: 'used' });
	});

	it('refuses an empty link before sending anything', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: { resource: 'link', operation: 'getStatus', lookUpBy: 'url', url: '={{ "" }}' },
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('Link URL is empty (item 0)');
	});

	it('says a booking link the sandbox made is unused', async () => {
		await control.reset();
		const created = await runNode({
			parameters: {
				resource: 'link',
				operation: 'createBookingLink',
				appointmentTypeId: locator('31'),
				locationId: locator('11'),
				additionalFields: {},
			},
			credentials: credentials(),
		});
		const { json } = await runNode({
			parameters: {
				resource: 'link',
				operation: 'getStatus',
				lookUpBy: 'url',
				url: String(created.json[0].url),
			},
			credentials: credentials(),
		});
		expect(json[0]).toMatchObject({ status: 'unused', type: 'booking' });
	});
});

describe('link → Create Video Link (inferred body)', () => {
	it('sends the patient, the appointment and the expiry date given', async () => {
		hero()
			.post('/v1/video_links', {
				patient_id: '98765',
				appointment_id: '48213',
				expiry_date: `${NEXT_YEAR}-01-31`,
			})
			.reply(200, { id: '1901', url: 'https://video.example/1901' });
		const { json } = await runNode({
			parameters: {
				resource: 'link',
				operation: 'createVideoLink',
				additionalFields: {
					patientId: locator('98765'),
					appointmentId: '48213',
					expiryDate: `31/01/${NEXT_YEAR}`,
				},
			},
		});
		expect(json).toEqual([{ id: '1901', url: 'https://video.example/1901' }]);
	});

	it('refuses an expiry date in the past before sending anything', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: {
				resource: 'link',
				operation: 'createVideoLink',
				additionalFields: { expiryDate: '2020-01-01' },
			},
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('Expiry Date 2020-01-01 is in the past (item 0)');
	});
});
