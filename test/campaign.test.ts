import type { INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { locator } from './helpers/constants';
import { itemsOf, runNode } from './helpers/run';
import { control, credentials, sandbox } from './helpers/sandbox';

/**
 * Campaign-scale behaviour against the local Hero sandbox (the one jest's globalSetup starts, see
 * test/contract.test.ts): a 1,000-row campaign under faults, dropped connections and 429 bursts
 * loses nothing and sends nothing twice; a spreadsheet of malformed rows fails row by row with
 * clear reasons and sends nothing for a bad row; no API key or signing key shows up anywhere.
 */

interface SandboxMessage {
	id: string;
	patient_id: string;
	content: string;
	recipient_contact_detail: string | null;
}

async function messagesInSandbox(): Promise<SandboxMessage[]> {
	return ((await control.state()).messages ?? []) as SandboxMessage[];
}

/** Seeded patients that have a mobile number (1019 has none; 1020 must verify identity). */
const PATIENTS = Array.from({ length: 18 }, (_, i) => String(1001 + i));

const SEND = 'POST /v1/messages/send';
const PDS = 'POST /v1/patients/register_pds';

/** Everything the runs below produced, checked for secrets at the end. */
const produced: unknown[] = [];
/** Signing keys handed to the sandbox during the runs. */
const signingKeys: string[] = [];

/**
 * Every string reachable from a value, own non-enumerable properties included (an Error's
 * message, stack, description, cause, context...), without looping on cycles.
 */
function allStrings(value: unknown, seen = new Set<unknown>(), out: string[] = []): string[] {
	if (typeof value === 'string') {
		out.push(value);
		return out;
	}
	if (value === null || typeof value !== 'object' || seen.has(value)) return out;
	seen.add(value);
	for (const key of Object.getOwnPropertyNames(value)) {
		out.push(key);
		let child: unknown;
		try {
			child = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		allStrings(child, seen, out);
	}
	return out;
}

function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = item.pairedItem as IPairedItemData | undefined;
	return paired?.item;
}

beforeEach(async () => {
	await control.reset();
});

describe('campaign: 1,000 messages under faults, dropped connections and 429 bursts', () => {
	it('sends every row exactly once or reports it failed with its reason; output keeps input order', async () => {
		const rows = 1000;
		const runId = Math.random().toString(36).slice(2, 8);
		const text = (row: number) => `Campaign ${runId} row ${row}`;
		const rowOf = new Map(Array.from({ length: rows }, (_, row) => [text(row), row]));
		await control.config({
			faultRate: 0.1,
			dropRate: 0.02,
			// A little latency, so that ten requests are really in flight when the limit bites.
			latencyMs: 5,
			// Well under what the node reaches on n8n's engine even on a loaded machine (about 45 requests
			// a second measured here with the machine's two cores shared), so that 429s surely come.
			rateLimitPerSecond: 40,
			retryAfterSeconds: 1,
			seed: 7,
		});

		const items = Array.from({ length: rows }, (_, row) => ({
			row,
			patientId: PATIENTS[row % PATIENTS.length],
			text: text(row),
		}));
		const { output } = await runNode({
			parameters: {
				resource: 'message',
				operation: 'send',
				patientId: locator('={{ $json.patientId }}'),
				messageType: 'sms',
				messageText: '={{ $json.text }}',
				additionalFields: {},
				// These tests count the sends; reading the SMS credits first is tested in campaignOptions.test.ts.
				campaignOptions: { checkSmsCredits: false },
				// One retry only, so that some rows run out of retries and must be reported failed.
				requestOptions: { concurrency: 10, maxRetries: 1 },
			},
			items: itemsOf(...items),
			credentials: credentials(),
			continueOnFail: true,
		});
		produced.push(output);

		// One output item per row, in input order, paired to its row.
		expect(output).toHaveLength(rows);
		expect(output.map(pairedIndex)).toEqual(items.map((item) => item.row));

		const counters = await control.counters();
		const route = counters.requests[SEND];
		const stored = new Map<number, SandboxMessage[]>();
		for (const message of await messagesInSandbox()) {
			const row = rowOf.get(message.content);
			if (row === undefined) continue;
			stored.set(row, [...(stored.get(row) ?? []), message]);
		}

		let sent = 0;
		let mayHaveBeenProcessed = 0;
		let notProcessed = 0;
		output.forEach((item, row) => {
			const copies = stored.get(row) ?? [];
			expect(copies.length).toBeLessThanOrEqual(1);
			if (item.json.error === undefined) {
				// Sent: exactly one message in Hero, the one this output item names.
				sent++;
				expect(copies).toHaveLength(1);
				expect(item.json).toMatchObject({ message_id: copies[0].id, content: text(row) });
				expect(copies[0].patient_id).toBe(items[row].patientId);
			} else {
				// Failed: a reason, and Hero has the message only if the request may have reached it.
				expect(item.error).toBeDefined();
				expect(String(item.json.error)).toMatch(/\S/);
				// n8n keeps the node's error on the item; its JSON is only { error: message }.
				const failure = item.error as { description?: string; httpCode?: string } | undefined;
				if (/may have processed it/.test(String(failure?.description))) {
					mayHaveBeenProcessed++;
					expect(String(item.json.error)).toMatch(
						/Could not reach Hero for POST \/v1\/messages\/send/,
					);
				} else {
					notProcessed++;
					expect(['429', '503']).toContain(String(failure?.httpCode));
					expect(copies).toHaveLength(0);
				}
			}
		});

		expect(sent + mayHaveBeenProcessed + notProcessed).toBe(rows);
		// Each of the three disturbances happened, and the last kind of failure too.
		expect(counters.faults).toBeGreaterThan(50);
		expect(counters.dropped).toBeGreaterThan(0);
		expect(counters.rateLimited).toBeGreaterThan(0);
		expect(notProcessed).toBeGreaterThan(0);
		// Every dropped connection is one row reported "may have been processed", never resent: Hero
		// got exactly one request for it, and the message it stored is its only copy.
		expect(mayHaveBeenProcessed).toBe(counters.dropped);
		expect(route.dropped).toBe(counters.dropped);
		expect(counters.messagesSent.total).toBe(sent + mayHaveBeenProcessed);
		expect(route.answered['200']).toBe(sent);
		// Every request Hero received is accounted for: answered 200, refused before processing
		// (429 / 503, which are the only ones retried), or dropped after processing.
		expect(route.received).toBe(sent + counters.rateLimited + counters.faults + counters.dropped);
		expect(counters.maxInFlight).toBeLessThanOrEqual(10);
		expect(counters.maxInFlight).toBeGreaterThan(1);
		expect(counters.validationFailures).toBe(0);
	}, 60_000);
});

describe('campaign: a spreadsheet with malformed rows', () => {
	const TEN_KB = 'x'.repeat(10 * 1024);
	// The longest SMS the node sends (918 characters, see MESSAGE_MAX_LENGTH), and one far longer.
	const LONG_TEXT =
		`Your review is due. ${'Please book online or call the surgery. '.repeat(260)}`.slice(0, 918);
	// 10,419 characters: no trailing space, as the node trims a message and counts what it sends.
	const TOO_LONG_TEXT =
		`Your review is due. ${'Please book online or call the surgery. '.repeat(260)}`.trimEnd();

	interface Row {
		nhs: string;
		dob: string;
		mobile: string;
		text: string;
		/**
		 * Good rows: the patient they find. Bad rows: where they fail (checked before any request,
		 * answered by Hero, or at the send step) and the reason.
		 */
		expect: { patient: string } | { fails: 'lookupLocal' | 'lookupHero' | 'send'; reason: RegExp };
	}

	const failsAt = (row: Row) => ('fails' in row.expect ? row.expect.fails : undefined);
	const reasonOf = (row: Row) => ('reason' in row.expect ? row.expect.reason : /^$/);

	const rows: Row[] = [
		// Good rows: dates in three formats (ISO, DD/MM/YYYY, DD-MM-YYYY) and a date-time, emoji,
		// SQL, HTML and 918 characters of text, spaces in the NHS number, an empty mobile (the record's).
		{
			nhs: '9990001006',
			dob: '1985-03-14',
			mobile: '07700 900101',
			text: 'Hi Olivia 👋 your flu jab is due 💉',
			expect: { patient: '1001' },
		},
		{
			nhs: '9990001073',
			dob: '02/11/1972',
			mobile: '+44 7700 900102',
			text: "Robert'); DROP TABLE patients;-- please call us",
			expect: { patient: '1002' },
		},
		{
			nhs: '9990001146',
			dob: '21-07-1998',
			mobile: '447700900103',
			text: '<script>alert(1)</script><b>Bring</b> your <i>inhaler</i> & repeat slip',
			expect: { patient: '1003' },
		},
		{
			nhs: '9990001286',
			dob: '1991-05-09T00:00:00.000Z',
			mobile: '(07700) 900-104',
			text: LONG_TEXT,
			expect: { patient: '1005' },
		},
		{
			nhs: '999 000 1359',
			dob: '17.09.1963',
			mobile: '',
			text: 'Your results are in',
			expect: { patient: '1006' },
		},
		// Bad NHS numbers
		{
			nhs: '9990001007',
			dob: '1985-03-14',
			mobile: '07700900105',
			text: 'x',
			expect: {
				fails: 'lookupLocal',
				reason: /^NHS Number \*\*\* \*\*\* 1007 is not a valid NHS number \(item 5\)$/,
			},
		},
		{
			nhs: '99900010',
			dob: '1985-03-14',
			mobile: '07700900106',
			text: 'x',
			expect: {
				fails: 'lookupLocal',
				reason: /^NHS Number \*{6}10 is not 10 digits \(item 6\)$/,
			},
		},
		{
			nhs: "9990001006' OR '1'='1",
			dob: '1985-03-14',
			mobile: '07700900107',
			text: 'x',
			expect: { fails: 'lookupLocal', reason: /^NHS Number .* is not 10 digits \(item 7\)$/ },
		},
		{
			nhs: '',
			dob: '1985-03-14',
			mobile: '07700900108',
			text: 'x',
			expect: { fails: 'lookupLocal', reason: /^NHS Number is empty \(item 8\)$/ },
		},
		{
			nhs: TEN_KB,
			dob: '1985-03-14',
			mobile: '07700900109',
			text: 'x',
			expect: {
				fails: 'lookupLocal',
				reason: /^NHS Number \.\.\.\*{33}x{4} is not 10 digits \(item 9\)$/,
			},
		},
		{
			nhs: '😀😀😀😀😀',
			dob: '1985-03-14',
			mobile: '07700900110',
			text: 'x',
			expect: {
				fails: 'lookupLocal',
				reason: /^NHS Number \*{5} is not 10 digits \(item 10\)$/,
			},
		},
		// Bad dates of birth (with a valid NHS number)
		{
			nhs: '9990001847',
			dob: '31/02/2010',
			mobile: '07700900111',
			text: 'x',
			expect: {
				fails: 'lookupLocal',
				reason: /^Date of Birth \*\*\/\*\*\/\*\*10 is not a real date \(item 11\)$/,
			},
		},
		{
			nhs: '9990001847',
			dob: '01/13/2010',
			mobile: '07700900112',
			text: 'x',
			expect: {
				fails: 'lookupLocal',
				reason: /^Date of Birth \*\*\/\*\*\/\*\*10 is not a real date \(item 12\)$/,
			},
		},
		{
			nhs: '9990001847',
			dob: 'September 1st 2010',
			mobile: '07700900113',
			text: 'x',
			expect: {
				fails: 'lookupLocal',
				reason: /^Date of Birth \*{9} \*{3} \*\*10 is not a date \(item 13\)$/,
			},
		},
		{
			nhs: '9990001847',
			dob: '',
			mobile: '07700900114',
			text: 'x',
			expect: { fails: 'lookupLocal', reason: /^Date of Birth is empty \(item 14\)$/ },
		},
		{
			nhs: '9990001847',
			dob: '<img src=x onerror=alert(1)>',
			mobile: '07700900115',
			text: 'x',
			expect: {
				fails: 'lookupLocal',
				reason: /^Date of Birth \*{4} \*{5} \*{13}\(1\)> is not a date \(item 15\)$/,
			},
		},
		{
			nhs: '9990001847',
			dob: '01/09/2999',
			mobile: '07700900116',
			text: 'x',
			expect: {
				fails: 'lookupLocal',
				reason: /^Date of Birth \*\*\/\*\*\/\*\*99 is in the future \(item 16\)$/,
			},
		},
		// Well formed, but PDS does not know the person: Hero answers 404 for that row alone.
		{
			nhs: '9990002681',
			dob: '1990-01-01',
			mobile: '07700900117',
			text: 'x',
			expect: {
				fails: 'lookupHero',
				reason: /^Hero found nothing at POST \/v1\/patients\/register_pds \(404\)/,
			},
		},
		// Found on PDS, but the message cannot go: bad mobile numbers, no text.
		{
			nhs: '9990001421',
			dob: '2001-02-28',
			mobile: '0113 496 0000',
			text: 'Hello',
			expect: {
				fails: 'send',
				reason: /^Recipient \*{4} \*{3} 0000 is not a UK mobile number \(item \d+\)$/,
			},
		},
		{
			nhs: '9990001499',
			dob: '1979-12-05',
			mobile: '+1 202 555 0143',
			text: 'Hello',
			expect: {
				fails: 'send',
				reason: /^Recipient \+\* \*{3} \*{3} 0143 is not a UK mobile number \(item \d+\)$/,
			},
		},
		{
			nhs: '9990001561',
			dob: '1955-06-11',
			mobile: '<b>07700900123</b>',
			text: 'Hello',
			expect: {
				fails: 'send',
				reason: /^Recipient \*{13}3<\/b> is not a UK mobile number \(item \d+\)$/,
			},
		},
		{
			nhs: '9990001634',
			dob: '1988-08-24',
			mobile: TEN_KB,
			text: 'Hello',
			expect: {
				fails: 'send',
				reason: /^Recipient \.\.\.\*{33}x{4} is not a UK mobile number \(item \d+\)$/,
			},
		},
		{
			nhs: '9990001707',
			dob: '1994-10-03',
			mobile: '07700900124',
			text: '',
			expect: { fails: 'send', reason: /^Message is empty \(item \d+\)$/ },
		},
		{
			nhs: '9990001774',
			dob: '1938-04-19',
			mobile: '07700900125',
			text: ' \n\t ',
			expect: { fails: 'send', reason: /^Message is empty \(item \d+\)$/ },
		},
		{
			nhs: '9990002053',
			dob: '1969-11-27',
			mobile: '07700900126',
			text: TOO_LONG_TEXT,
			expect: {
				fails: 'send',
				reason: /^Message has 10419 characters; SMS allows at most 918 \(item \d+\)$/,
			},
		},
	];

	it('fails each bad row alone with a clear reason, sends nothing for it, and sends every good row', async () => {
		// Step 1: trace every row on PDS.
		const lookup = await runNode({
			parameters: {
				resource: 'patient',
				operation: 'pdsLookup',
				lookupBy: 'nhsNumber',
				nhsNumber: '={{ $json.nhs }}',
				dateOfBirth: '={{ $json.dob }}',
				options: {},
				requestOptions: { concurrency: 5 },
			},
			items: itemsOf(...rows.map((row, index) => ({ index, ...row, expect: undefined }))),
			credentials: credentials(),
			continueOnFail: true,
		});
		produced.push(lookup.output);
		expect(lookup.output.map(pairedIndex)).toEqual(rows.map((_, index) => index));

		const afterLookup = await control.counters();
		// Only the rows that pass the local checks reached Hero: one lookup each.
		expect(afterLookup.requests[PDS].received).toBe(
			rows.filter((row) => failsAt(row) !== 'lookupLocal').length,
		);

		const found: Array<{ row: number; patientId: string }> = [];
		rows.forEach((row, index) => {
			const item = lookup.output[index];
			const fails = failsAt(row);
			if (fails === 'lookupLocal' || fails === 'lookupHero') {
				expect(item.error).toBeDefined();
				expect(item.json.patient_id).toBeUndefined();
				expect(String(item.json.error)).toMatch(reasonOf(row));
				expect(String(item.json.error).length).toBeLessThan(200);
				if (fails === 'lookupHero') {
					expect((item.error as { httpCode?: string } | undefined)?.httpCode).toBe('404');
				}
			} else {
				expect(item.json).toMatchObject({ outcome: 'found' });
				found.push({ row: index, patientId: String(item.json.patient_id) });
			}
		});
		expect(found.map((entry) => entry.patientId).slice(0, 5)).toEqual([
			'1001',
			'1002',
			'1003',
			'1005',
			'1006',
		]);

		// Step 2: message the rows PDS found (as n8n's error output or a filter would route them).
		const send = await runNode({
			parameters: {
				resource: 'message',
				operation: 'send',
				patientId: locator('={{ $json.patientId }}'),
				messageType: 'sms',
				messageText: '={{ $json.text }}',
				// An empty Recipient is left out, as if the field were not added.
				additionalFields: { recipientContactDetail: "={{ $json.mobile ?? '' }}" },
				requestOptions: { concurrency: 5 },
			},
			items: itemsOf(
				...found.map((entry) => ({
					row: entry.row,
					patientId: entry.patientId,
					text: rows[entry.row].text,
					mobile: rows[entry.row].mobile,
				})),
			),
			credentials: credentials(),
			continueOnFail: true,
		});
		produced.push(send.output);
		expect(send.output.map(pairedIndex)).toEqual(found.map((_, index) => index));

		const counters = await control.counters();
		const stored = await messagesInSandbox();
		const good = found.filter((entry) => 'patient' in rows[entry.row].expect);
		// Bad rows at this step never reached Hero: only the good rows' sends arrived.
		expect(counters.requests[SEND].received).toBe(good.length);
		expect(counters.messagesSent.total).toBe(good.length);
		found.forEach((entry, index) => {
			const row = rows[entry.row];
			const item = send.output[index];
			if ('patient' in row.expect) {
				expect(counters.messagesSent.byPatient[entry.patientId]).toBe(1);
				const message = stored.find((m) => m.patient_id === entry.patientId);
				// The text reaches Hero unchanged (emoji, SQL, HTML, 918 characters), the mobile normalised.
				expect(message?.content).toBe(row.text.trim());
				expect(item.json).toMatchObject({ message_id: message?.id });
				if (row.mobile) {
					expect(message?.recipient_contact_detail).toMatch(/^\+4477009001\d\d$/);
				} else {
					// An empty cell: Hero uses the mobile on the patient's record.
					expect(message?.recipient_contact_detail).toBe('07700900006');
				}
			} else {
				expect(counters.messagesSent.byPatient[entry.patientId]).toBeUndefined();
				expect(String(item.json.error)).toMatch(reasonOf(row));
				expect(String(item.json.error)).toContain(`(item ${index})`);
				// Short enough to read: a 10 kB cell is not echoed back.
				expect(String(item.json.error).length).toBeLessThan(200);
			}
		});
		expect(counters.validationFailures).toBe(0);
	}, 30_000);
});

describe('campaign: secrets', () => {
	it('shows no API key and no signing key in any output, error or sandbox record', async () => {
		// A webhook with a signing key, registered through the node: the key lives in the sandbox.
		const signingKey = ['whsec', 'campaign', Math.random().toString(36).slice(2, 12)].join('-');
		signingKeys.push(signingKey);
		const webhook = await runNode({
			parameters: {
				resource: 'webhook',
				operation: 'create',
				url: 'http://127.0.0.1:9/hooks/hero',
				eventType: 'appointment.confirmed',
				additionalFields: { signingKey },
			},
			credentials: credentials(),
		});
		produced.push(webhook.output);
		// Read back, and a small campaign with faults, drops and local failures beside it.
		const listed = await runNode({
			parameters: { resource: 'webhook', operation: 'getAll', returnAll: true, filters: {} },
			credentials: credentials(),
		});
		produced.push(listed.output);
		await control.config({ faultRate: 0.2, dropRate: 0.1, seed: 3 });
		const campaign = await runNode({
			parameters: {
				resource: 'message',
				operation: 'send',
				patientId: locator("={{ $json.i % 7 === 0 ? 'not-an-id' : $json.patientId }}"),
				messageType: 'sms',
				messageText: '=Secrets check {{ $json.i }}',
				additionalFields: {},
				// These tests count the sends; reading the SMS credits first is tested in campaignOptions.test.ts.
				campaignOptions: { checkSmsCredits: false },
				requestOptions: { concurrency: 10, maxRetries: 0 },
			},
			items: itemsOf(
				...Array.from({ length: 50 }, (_, i) => ({ i, patientId: PATIENTS[i % PATIENTS.length] })),
			),
			credentials: credentials(),
			continueOnFail: true,
		});
		produced.push(campaign.output);
		// A wrong API key: Hero answers 401 for every row.
		const wrongKey = ['wrong', 'api', 'key', Math.random().toString(36).slice(2, 10)].join('-');
		const refused = await runNode({
			parameters: {
				resource: 'message',
				operation: 'send',
				patientId: locator('1001'),
				messageType: 'sms',
				messageText: 'Hello',
				additionalFields: {},
				// These tests count the sends; reading the SMS credits first is tested in campaignOptions.test.ts.
				campaignOptions: { checkSmsCredits: false },
			},
			items: itemsOf({ a: 1 }, { a: 2 }),
			credentials: credentials(wrongKey),
			continueOnFail: true,
		});
		produced.push(refused.output);
		expect(
			refused.output.map((item) => (item.error as { httpCode?: string } | undefined)?.httpCode),
		).toEqual(['401', '401']);
		// Without Continue On Fail the error is thrown: it must be clean too.
		const thrown = await runNode({
			parameters: {
				resource: 'message',
				operation: 'send',
				patientId: locator('1001'),
				messageType: 'sms',
				messageText: 'Hello',
				additionalFields: {},
				// These tests count the sends; reading the SMS credits first is tested in campaignOptions.test.ts.
				campaignOptions: { checkSmsCredits: false },
			},
			credentials: credentials(wrongKey),
		}).catch((error: unknown) => error);
		expect(thrown).toBeInstanceOf(Error);
		produced.push(thrown);

		const errorItems = [...campaign.output, ...refused.output].filter((item) => item.error);
		expect(errorItems.length).toBeGreaterThan(2);
		const sandboxRecords = [
			await control.state(),
			await control.counters(),
			await control.deliveries(),
		];
		const secrets = [sandbox.apiKey ?? '', wrongKey, ...signingKeys].filter(Boolean);
		expect(secrets.length).toBeGreaterThanOrEqual(3);
		// The sandbox keeps the signing key (so this check can find a leak), but not the API keys.
		expect(JSON.stringify(sandboxRecords[0])).toContain(signingKey);
		const texts = allStrings(produced);
		expect(texts.length).toBeGreaterThan(1000);
		for (const secret of secrets) {
			const leaks = texts.filter((text) => text.includes(secret));
			// Named by its first characters only, and a few leaks shown, cut short.
			expect({
				secret: secret.slice(0, 5),
				leaks: leaks.length,
				first: leaks.slice(0, 3).map((text) => text.slice(0, 120)),
			}).toEqual({ secret: secret.slice(0, 5), leaks: 0, first: [] });
		}
		for (const secret of [sandbox.apiKey ?? '', wrongKey]) {
			expect(JSON.stringify(sandboxRecords)).not.toContain(secret);
		}
	}, 30_000);
});
