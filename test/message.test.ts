import { BASE_URL, FAKE_CREDENTIAL_VALUE, itemsOf, locator, runNode } from './helpers/run';
import { hero, smsCredits, useHeroMocks } from './helpers/hero';

useHeroMocks();

const message = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation,
	...parameters,
});

describe('message → Send', () => {
	const sent = (id: string) => ({ message_id: id, status: 'queued' });

	// Simplify says how many SMS parts each message takes.
	const simpleSms = (id: string) => ({ ...sent(id), sms_parts: 1, sms_encoding: 'GSM-7' });

	it('sends one message per item from mapped fields and outputs Hero’s answer paired to the item', async () => {
		smsCredits();
		hero().post('/v1/messages/send').reply(200, sent('m1'));
		hero().post('/v1/messages/send').reply(200, sent('m2'));
		const { output, requests } = await runNode({
			items: itemsOf(
				{ patient_id: '1001', first_name: 'Ada', 'mobile number': '07700 900123' },
				{ patient_id: 1002, first_name: 'Grace', 'mobile number': '' },
			),
			parameters: message('send', {
				patientId: locator('={{ $json.patient_id }}'),
				messageType: 'sms',
				messageText: '=Dear {{ $json.first_name }}, your results are ready.',
				additionalFields: {
					recipientContactDetail: '={{ $json["mobile number"] }}',
					writeToRecord: true,
				},
				requestOptions: { concurrency: 1 },
			}),
		});
		expect(requests.map(({ method, url, query, body }) => ({ method, url, query, body }))).toEqual([
			// The practice's SMS credits, read once before the first SMS.
			{ method: 'GET', url: `${BASE_URL}/v1/me/sms-credits`, query: '', body: undefined },
			{
				method: 'POST',
				url: `${BASE_URL}/v1/messages/send`,
				query: '',
				body: {
					patient_id: '1001',
					message_type: 'sms',
					message_string: 'Dear Ada, your results are ready.',
					recipient_contact_detail: '+447700900123',
					write_to_record: true,
				},
			},
			{
				method: 'POST',
				url: `${BASE_URL}/v1/messages/send`,
				query: '',
				body: {
					patient_id: '1002',
					message_type: 'sms',
					message_string: 'Dear Grace, your results are ready.',
					write_to_record: true,
				},
			},
		]);
		expect(requests[1].headers).toMatchObject({
			'x-api-key': FAKE_CREDENTIAL_VALUE,
			'x-practice-group-id': '731',
			'content-type': 'application/json',
		});
		expect(output).toEqual([
			{ json: simpleSms('m1'), pairedItem: { item: 0 } },
			{ json: simpleSms('m2'), pairedItem: { item: 1 } },
		]);
	});

	it('takes the patient from another node and the text from a computed expression', async () => {
		hero()
			.post('/v1/messages/send', {
				patient_id: '98765',
				message_type: 'hero',
				message_string: 'Your appointment is in 3 days',
			})
			.reply(200, sent('m3'));
		const { json } = await runNode({
			items: itemsOf({ patient: { id: 98765 } }),
			// Input → Schedule → Hero Health: $json is Schedule's item, the patient is Input's.
			extraNodes: [{ name: 'Schedule', items: itemsOf({ days: 2 }) }],
			parameters: message('send', {
				patientId: locator("={{ $('Input').item.json.patient.id }}", 'list'),
				messageType: 'hero',
				messageText: '={{ "Your appointment is in " + ($json.days + 1) + " days" }}',
				additionalFields: {},
			}),
		});
		expect(json).toEqual([sent('m3')]);
	});

	it('as an AI agent’s tool, reads the values the agent chose with $fromAI', async () => {
		smsCredits();
		hero()
			.post('/v1/messages/send', {
				patient_id: '98765',
				message_type: 'sms',
				message_string: 'Please call the surgery',
			})
			.reply(200, sent('m4'));
		const { json } = await runNode({
			// n8n runs a tool node on one item holding the agent's arguments, which $fromAI reads.
			items: itemsOf({ query: { patient: '98765', text: 'Please call the surgery' } }),
			parameters: message('send', {
				patientId: locator("={{ $fromAI('patient', 'The Hero patient ID', 'string') }}"),
				messageType: 'sms',
				messageText: "={{ $fromAI('text', 'The message to send', 'string') }}",
				additionalFields: {},
			}),
		});
		expect(json).toEqual([simpleSms('m4')]);
	});

	it('sends nothing for an item whose patient is not a Hero ID, and goes on with the others', async () => {
		smsCredits();
		hero()
			.post('/v1/messages/send', (body) => body.patient_id === '1001')
			.reply(200, sent('m5'));
		const { output, requests } = await runNode({
			items: itemsOf({ id: 'Ada Lovelace' }, { id: '1001' }),
			continueOnFail: true,
			parameters: message('send', {
				patientId: locator('={{ $json.id }}'),
				messageType: 'sms',
				messageText: 'Hello',
				additionalFields: {},
			}),
		});
		expect(requests.map((request) => request.method)).toEqual(['GET', 'POST']);
		expect(output[0].json.error).toBe('Patient "Ada Lovelace" is not a Hero ID (item 0)');
		expect(output[1]).toEqual({ json: simpleSms('m5'), pairedItem: { item: 1 } });
	});
});

describe('message → Get Many, Get Status', () => {
	it('lists sent messages page by page and outputs one item per message', async () => {
		hero()
			.get('/v1/messages')
			.query({ page_index: 0, page_size: 3 })
			.reply(200, { data: [{ id: '1' }, { id: '2' }, { id: '3' }], count: 5 });
		const { json, requests } = await runNode({
			parameters: message('getAll', { returnAll: false, limit: 3 }),
		});
		expect(json).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }]);
		expect(requests).toHaveLength(1);
		expect(requests[0].method).toBe('GET');
	});

	it('Return All keeps reading until a short page', async () => {
		const page = (from: number, n: number) =>
			Array.from({ length: n }, (_, i) => ({ id: String(from + i) }));
		hero()
			.get('/v1/messages')
			.query({ page_index: 0, page_size: 100 })
			.reply(200, { data: page(0, 100), count: 130 });
		hero()
			.get('/v1/messages')
			.query({ page_index: 1, page_size: 100 })
			.reply(200, { data: page(100, 30), count: 130 });
		const { json } = await runNode({ parameters: message('getAll', { returnAll: true }) });
		expect(json).toHaveLength(130);
		expect(json[129]).toEqual({ id: '129' });
	});

	it('gets the status of a message by its ID', async () => {
		hero().get('/v1/messages/m-77/status').reply(200, { status: 'delivered' });
		const { json } = await runNode({ parameters: message('getStatus', { messageId: ' m-77 ' }) });
		expect(json).toEqual([{ status: 'delivered' }]);
	});

	it('rejects an empty message ID before sending anything', async () => {
		await expect(
			runNode({ parameters: message('getStatus', { messageId: '  ' }) }),
		).rejects.toThrow('Message ID is empty (item 0)');
	});
});

describe('message → Create Batch', () => {
	const base = message('createBatch', {
		batchName: 'Flu clinic',
		channel: 'SMS',
		content: 'Book your flu jab',
		recipientsFrom: 'list',
	});

	it('sends name, channel, content and the recipients with clean NHS numbers and dates', async () => {
		hero()
			.post('/v1/batch_message', {
				name: 'Flu clinic',
				channel: 'SMS',
				content: 'Book your flu jab',
				recipients: [
					{ nhs_number: '9990000018', dob: '1992-01-31' },
					{ nhs_number: '9995554445', dob: '1970-05-04' },
				],
			})
			.reply(200, { id: '55', name: 'Flu clinic', status: 'CREATED', channel: 'SMS' });
		const { json } = await runNode({
			parameters: {
				...base,
				recipients: {
					recipient: [
						{ nhsNumber: '999 000 0018', dateOfBirth: '31/01/1992' },
						{ nhsNumber: '999-555-4445', dateOfBirth: '1970-05-04' },
					],
				},
			},
		});
		expect(json).toEqual([{ id: '55', name: 'Flu clinic', status: 'CREATED', channel: 'SMS' }]);
	});

	it('sends the subject for email, and requires it', async () => {
		hero()
			.post('/v1/batch_message', {
				name: 'Results',
				channel: 'EMAIL',
				subject: 'Your results',
				content: 'Please call us',
				recipients: [{ nhs_number: '9990000018', dob: '1992-01-31' }],
			})
			.reply(200, { id: '56' });
		const parameters = {
			...base,
			batchName: 'Results',
			channel: 'EMAIL',
			content: 'Please call us',
			recipients: { recipient: [{ nhsNumber: '9990000018', dateOfBirth: '1992-01-31' }] },
		};
		const { json } = await runNode({ parameters: { ...parameters, subject: ' Your results ' } });
		expect(json).toEqual([{ id: '56' }]);
		await expect(runNode({ parameters: { ...parameters, subject: '={{ "" }}' } })).rejects.toThrow(
			'Subject is empty (item 0)',
		);
	});

	it('takes recipients from JSON, given as text or as an array', async () => {
		const recipients = [{ nhs_number: '9990000018', dob: '1992-01-31' }];
		hero()
			.post(
				'/v1/batch_message',
				(body) => body.channel === 'NHS_APP' && body.recipients.length === 1,
			)
			.times(2)
			.reply(200, { id: '57' });
		for (const recipientsJson of [JSON.stringify(recipients), recipients]) {
			const { json } = await runNode({
				parameters: { ...base, channel: 'NHS_APP', recipientsFrom: 'json', recipientsJson },
			});
			expect(json).toEqual([{ id: '57' }]);
		}
	});

	it.each([
		[
			'a bad NHS number, naming the recipient',
			{ recipients: { recipient: [{ nhsNumber: '999 000 0019', dateOfBirth: '1992-01-31' }] } },
			'Recipient 1 NHS Number *** *** 0019 is not a valid NHS number (item 0)',
		],
		[
			'a bad date of birth',
			{
				recipients: {
					recipient: [
						{ nhsNumber: '9990000018', dateOfBirth: '1992-01-31' },
						{ nhsNumber: '9995554445', dateOfBirth: '31/02/1970' },
					],
				},
			},
			'Recipient 2 Date of Birth **/**/**70 is not a real date (item 0)',
		],
		[
			'the same patient twice',
			{
				recipients: {
					recipient: [
						{ nhsNumber: '9990000018', dateOfBirth: '1992-01-31' },
						{ nhsNumber: '999 000 0018', dateOfBirth: '1992-01-31' },
					],
				},
			},
			'Recipient 2 repeats the NHS number of recipient 1 (item 0)',
		],
		['no recipients', { recipients: {} }, 'Recipients is empty (item 0)'],
		[
			'JSON that does not parse',
			{ recipientsFrom: 'json', recipientsJson: '[{"nhs_number": ' },
			'Recipients (JSON) is not valid JSON (item 0)',
		],
		[
			'JSON that is not an array',
			{ recipientsFrom: 'json', recipientsJson: { nhs_number: '9990000018' } },
			'Recipients (JSON) is not an array (item 0)',
		],
		[
			'a JSON recipient without a date of birth',
			{ recipientsFrom: 'json', recipientsJson: [{ nhs_number: '9990000018' }] },
			'Recipient 1 Date of Birth is empty (item 0)',
		],
		['an empty batch name', { batchName: ' ', recipients: {} }, 'Batch Name is empty (item 0)'],
	])('rejects %s before sending anything', async (_case, parameters, error) => {
		await expect(runNode({ parameters: { ...base, ...parameters } })).rejects.toThrow(error);
	});
});

describe('message → batch operations', () => {
	it('gets a batch by ID', async () => {
		hero().get('/v1/batch_message/55').reply(200, { id: '55', status: 'PENDING' });
		const { json } = await runNode({
			parameters: message('getBatch', { batchId: locator('55', 'list') }),
		});
		expect(json).toEqual([{ id: '55', status: 'PENDING' }]);
	});

	it('sends a batch with PATCH and no body, and says so when Hero answers nothing', async () => {
		hero().patch('/v1/batch_message/55/send').reply(200);
		const { json, requests } = await runNode({
			parameters: message('sendBatch', { batchId: locator('55') }),
		});
		expect(json).toEqual([{ id: '55', success: true }]);
		expect(requests[0].body).toBeUndefined();
	});

	it('passes on Hero’s answer to Send Batch when there is one', async () => {
		hero().patch('/v1/batch_message/55/send').reply(200, { id: '55', status: 'SENDING' });
		const { json } = await runNode({
			parameters: message('sendBatch', { batchId: locator('55') }),
		});
		expect(json).toEqual([{ id: '55', status: 'SENDING' }]);
	});

	it('lists batches with the status filter', async () => {
		hero()
			.get('/v1/batch_message')
			.query({ status: 'QUEUED', page_index: 0, page_size: 10 })
			.reply(200, { data: [{ id: '1' }, { id: '2' }], count: 2 });
		const { json } = await runNode({
			parameters: message('getAllBatches', {
				returnAll: false,
				limit: 10,
				filters: { status: 'QUEUED' },
			}),
		});
		expect(json).toEqual([{ id: '1' }, { id: '2' }]);
	});

	it('lists the recipients of a batch, filtered by status', async () => {
		hero()
			.get('/v1/batch_message/55/recipients')
			.query({ status: 'ERROR', page_index: 0, page_size: 2 })
			.reply(200, { data: [{ nhs_number: '9990000018' }, { nhs_number: '9995554445' }] });
		const { json } = await runNode({
			parameters: message('getBatchRecipients', {
				batchId: locator('55'),
				returnAll: false,
				limit: 2,
				filters: { status: 'ERROR' },
			}),
		});
		expect(json).toEqual([{ nhs_number: '9990000018' }, { nhs_number: '9995554445' }]);
	});

	it('lists the messages of a batch, with a trimmed status filter', async () => {
		hero()
			.get('/v1/batch_message/55/messages')
			.query({ status: 'delivered', page_index: 0, page_size: 100 })
			.reply(200, { data: [{ id: 'm1' }], count: 1 });
		const { json } = await runNode({
			parameters: message('getBatchMessages', {
				batchId: locator('55'),
				returnAll: true,
				filters: { status: ' delivered ' },
			}),
		});
		expect(json).toEqual([{ id: 'm1' }]);
	});

	it('runs once per input item, each item with its own batch', async () => {
		hero().get('/v1/batch_message/1').reply(200, { id: '1' });
		hero().get('/v1/batch_message/2').reply(200, { id: '2' });
		const { output } = await runNode({
			items: itemsOf({ batch: '1' }, { batch: '2' }),
			parameters: message('getBatch', { batchId: locator('={{ $json.batch }}') }),
		});
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ id: '1' }, { item: 0 }],
			[{ id: '2' }, { item: 1 }],
		]);
	});

	it('rejects an empty batch before sending anything', async () => {
		await expect(
			runNode({ parameters: message('getBatch', { batchId: locator('={{ "" }}') }) }),
		).rejects.toThrow('Batch Message is empty (item 0)');
	});
});

describe('message → templates and automated messages', () => {
	it('lists templates (one request, no paging) with the follow-up filter, cut to the limit', async () => {
		hero()
			.get('/v1/templates')
			.query({ has_follow_up: 'false' })
			.reply(200, { data: [{ id: 't1' }, { id: 't2' }, { id: 't3' }], count: 3 });
		const { json } = await runNode({
			parameters: message('getTemplates', {
				returnAll: false,
				limit: 2,
				filters: { hasFollowUp: false },
			}),
		});
		expect(json).toEqual([{ id: 't1' }, { id: 't2' }]);
	});

	it('lists templates without a filter when none is set', async () => {
		hero()
			.get('/v1/templates')
			.query((query) => Object.keys(query).length === 0)
			.reply(200, { data: [{ id: 't1' }], count: 1 });
		const { json } = await runNode({
			parameters: message('getTemplates', { returnAll: true, filters: {} }),
		});
		expect(json).toEqual([{ id: 't1' }]);
	});

	it('lists automated messages sorted with orderBy (camelCase) and order_descending', async () => {
		hero()
			.get('/v2/automated_messages')
			.query({ orderBy: 'created_at', order_descending: 'true', page_index: 0, page_size: 5 })
			.reply(200, { data: [{ id: 'a1' }], count: 1 });
		const { json } = await runNode({
			parameters: message('getAutomatedMessages', {
				returnAll: false,
				limit: 5,
				options: { orderBy: ' created_at ', orderDescending: true },
			}),
		});
		expect(json).toEqual([{ id: 'a1' }]);
	});

	it('gets an automated message by ID', async () => {
		hero().get('/v2/automated_messages/a1').reply(200, { id: 'a1', name: 'Reminder' });
		const { json } = await runNode({
			parameters: message('getAutomatedMessage', { automatedMessageId: locator('a1') }),
		});
		expect(json).toEqual([{ id: 'a1', name: 'Reminder' }]);
	});
});
