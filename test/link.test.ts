import type { IBinaryData } from 'n8n-workflow';

import { locator, runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const NEXT_YEAR = new Date().getUTCFullYear() + 1;

describe('link → Create Booking Link', () => {
	const base = {
		resource: 'link',
		operation: 'createBookingLink',
		appointmentTypeId: locator('1', 'list'),
		locationId: locator('5'),
	};

	it('sends the appointment type, the location and every additional field', async () => {
		hero()
			.post('/v1/booking_links', {
				appointment_type_id: '1',
				location_id: '5',
				patient_id: '156',
				practitioner_id: '22',
				from_date: `${NEXT_YEAR}-06-02`,
				to_date: `${NEXT_YEAR}-06-30`,
				expiry_date: `${NEXT_YEAR}-06-30`,
				maximum_use_count: 1,
			})
			.reply(200, { id: '4821', url: 'https://book.herohealth.net/l/abc' });
		const { json } = await runNode({
			parameters: {
				...base,
				additionalFields: {
					patientId: locator('156', 'list'),
					practitionerId: locator('22'),
					fromDate: `${NEXT_YEAR}-06-02T00:00:00`,
					toDate: `30/06/${NEXT_YEAR}`,
					expiryDate: `${NEXT_YEAR}-06-30`,
					maximumUseCount: 1,
				},
			},
		});
		expect(json).toEqual([{ id: '4821', url: 'https://book.herohealth.net/l/abc' }]);
	});

	it('makes a generic link when no patient is given', async () => {
		hero()
			.post('/v1/booking_links', { appointment_type_id: '1', location_id: '5' })
			.reply(200, { id: '4822' });
		const { json } = await runNode({ parameters: { ...base, additionalFields: {} } });
		expect(json).toEqual([{ id: '4822' }]);
	});

	it.each([
		[
			'a from date after the to date',
			{ fromDate: `${NEXT_YEAR}-07-01`, toDate: `${NEXT_YEAR}-06-01` },
			`From Date ${NEXT_YEAR}-07-01 is after To Date ${NEXT_YEAR}-06-01 (item 0)`,
		],
		[
			'an expiry date in the past',
			{ expiryDate: '2020-01-01' },
			'Expiry Date 2020-01-01 is in the past (item 0)',
		],
		[
			'a date that is not a date',
			{ toDate: 'next week' },
			'To Date "next week" is not a date (item 0)',
		],
		[
			'a maximum use count of 0',
			{ maximumUseCount: 0 },
			'Maximum Use Count "0" is not a whole number of 1 or more (item 0)',
		],
		['an added but empty patient', { patientId: locator('') }, 'Patient is empty (item 0)'],
	])('rejects %s before sending anything', async (_case, additionalFields, error) => {
		await expect(runNode({ parameters: { ...base, additionalFields } })).rejects.toThrow(error);
	});

	it('rejects a missing location before sending anything', async () => {
		await expect(
			runNode({ parameters: { ...base, locationId: locator('={{ "" }}'), additionalFields: {} } }),
		).rejects.toThrow('Location is empty (item 0)');
	});
});

describe('link → Update Booking Link', () => {
	const base = { resource: 'link', operation: 'updateBookingLink', bookingLinkId: '4821' };

	it('PATCHes only the fields given', async () => {
		hero()
			.patch('/v1/booking_links/4821', {
				location_id: '6',
				practitioner_id: '23',
				to_date: `${NEXT_YEAR}-07-31`,
			})
			.reply(200, { id: '4821', location_id: '6' });
		const { json } = await runNode({
			parameters: {
				...base,
				updateFields: {
					locationId: locator('6'),
					practitionerId: locator('23', 'list'),
					toDate: `${NEXT_YEAR}-07-31`,
				},
			},
		});
		expect(json).toEqual([{ id: '4821', location_id: '6' }]);
	});

	it('outputs what it changed when Hero answers with no body', async () => {
		hero().patch('/v1/booking_links/4821', { appointment_type_id: '2' }).reply(204);
		const { json } = await runNode({
			parameters: { ...base, updateFields: { appointmentTypeId: locator('2') } },
		});
		expect(json).toEqual([{ id: '4821', appointment_type_id: '2' }]);
	});

	it('rejects an update with no fields, and a bad link ID, before sending anything', async () => {
		await expect(runNode({ parameters: { ...base, updateFields: {} } })).rejects.toThrow(
			'Update Fields is empty: add at least one field to change (item 0)',
		);
		await expect(
			runNode({
				parameters: { ...base, bookingLinkId: 'abc', updateFields: { locationId: locator('6') } },
			}),
		).rejects.toThrow('Booking Link ID "abc" is not a Hero ID (item 0)');
	});
});

describe('link → Create Attachment Link', () => {
	const base = {
		resource: 'link',
		operation: 'createAttachmentLink',
		patientId: locator('98765'),
	};

	it('links a file from the clinical record by its EHR file ID', async () => {
		hero()
			.post('/v1/attachment_links', {
				patient_id: '98765',
				ehr_file_id: 'doc-9',
				expiry_date: `${NEXT_YEAR}-01-31`,
				maximum_use_count: 3,
			})
			.reply(200, { attachment_link: 'https://x/a/1', attachment_uuid: 'uuid-1' });
		const { json } = await runNode({
			parameters: {
				...base,
				fileFrom: 'ehr',
				ehrFileId: ' doc-9 ',
				additionalFields: { expiryDate: `${NEXT_YEAR}-01-31`, maximumUseCount: 3 },
			},
		});
		expect(json).toEqual([{ attachment_link: 'https://x/a/1', attachment_uuid: 'uuid-1' }]);
	});

	/** Runs the node over one item carrying a file (n8n keeps small files inline, as base64). */
	async function runWithFile(parameters: Record<string, unknown>, content: string) {
		const file: IBinaryData = {
			data: Buffer.from(content).toString('base64'),
			mimeType: 'application/pdf',
			fileName: 'results.pdf',
		};
		const { json } = await runNode({ items: [{ json: {}, binary: { data: file } }], parameters });
		return json;
	}

	it('uploads a file from the input as base64 with its file name', async () => {
		hero()
			.post('/v1/attachment_links', {
				patient_id: '98765',
				file_data: Buffer.from('%PDF-1.4 results').toString('base64'),
				file_name: 'results.pdf',
			})
			.reply(200, { attachment_link: 'https://x/a/2', attachment_uuid: 'uuid-2' });
		const json = await runWithFile(
			{ ...base, fileFrom: 'binary', binaryPropertyName: 'data', additionalFields: {} },
			'%PDF-1.4 results',
		);
		expect(json).toEqual([{ attachment_link: 'https://x/a/2', attachment_uuid: 'uuid-2' }]);
	});

	it('uses the File Name option instead of the file’s own name', async () => {
		hero()
			.post('/v1/attachment_links', (body) => body.file_name === 'Blood test.pdf')
			.reply(200, { attachment_uuid: 'uuid-3' });
		const json = await runWithFile(
			{
				...base,
				fileFrom: 'binary',
				binaryPropertyName: 'data',
				additionalFields: { fileName: ' Blood test.pdf ' },
			},
			'%PDF',
		);
		expect(json).toEqual([{ attachment_uuid: 'uuid-3' }]);
	});

	it('rejects an empty file, a missing binary field and an empty EHR file ID', async () => {
		const binary = { ...base, fileFrom: 'binary', additionalFields: {} };
		await expect(runWithFile({ ...binary, binaryPropertyName: 'data' }, '')).rejects.toThrow(
			'The file in "data" is empty (item 0)',
		);
		await expect(runWithFile({ ...binary, binaryPropertyName: 'other' }, '%PDF')).rejects.toThrow(
			"The item has no binary field 'other' [item 0]",
		);
		await expect(
			runNode({
				parameters: { ...base, fileFrom: 'ehr', ehrFileId: '={{ "" }}', additionalFields: {} },
			}),
		).rejects.toThrow('EHR File ID is empty (item 0)');
	});
});

describe('link → Create Form Link', () => {
	it('sends the form, the patient, the expiry date and the use count', async () => {
		hero()
			.post('/v1/form_links', {
				form_id: '12',
				patient_id: '98765',
				expiry_date: `${NEXT_YEAR}-03-01`,
				maximum_use_count: 2,
			})
			.reply(200, { id: '7', url: 'https://x/f/7' });
		const { json } = await runNode({
			parameters: {
				resource: 'link',
				operation: 'createFormLink',
				formId: locator('12', 'list'),
				additionalFields: {
					patientId: locator('98765'),
					expiryDate: `${NEXT_YEAR}-03-01T09:00:00Z`,
					maximumUseCount: 2,
				},
			},
		});
		expect(json).toEqual([{ id: '7', url: 'https://x/f/7' }]);
	});

	it('rejects a missing form before sending anything', async () => {
		await expect(
			runNode({
				parameters: {
					resource: 'link',
					operation: 'createFormLink',
					formId: locator('={{ "" }}'),
					additionalFields: {},
				},
			}),
		).rejects.toThrow('Form is empty (item 0)');
	});
});
