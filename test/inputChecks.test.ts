import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';
import ts from 'typescript';

import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { checkPath } from '../nodes/HeroHealth/actions/customApiCall/request.operation';
import { isNhsNumber } from '../nodes/HeroHealth/helpers/checkDigits';
import {
	normaliseDate,
	normaliseDateTime,
	normaliseEmail,
	normaliseGmcNumber,
	normaliseNhsNumber,
	normaliseSnomedCode,
	normaliseUkMobile,
	normaliseUkPostcode,
	requireId,
	requireIdList,
	requireMessageText,
	requireNumber,
	requireText,
} from '../nodes/HeroHealth/helpers/validation';
import { locator, NODE } from './helpers/constants';
import { hero, smsCredits, useHeroMocks } from './helpers/hero';
import { itemsOf, runNode } from './helpers/run';

/** Issue 22: local time, strict types, numbers, masking, made-up sample values. */

useHeroMocks();

const ROOT = (expect.getState().testPath ?? '').replace(/[\\/]test[\\/][^\\/]+$/, '');

function errorOf(run: () => unknown): Error & IDataObject {
	try {
		run();
	} catch (error) {
		return error as Error & IDataObject;
	}
	throw new Error('expected an error');
}

describe('date-times without a zone are in the given zone, on both sides of the clock changes', () => {
	const zones = [
		'Europe/London',
		'America/New_York',
		'Australia/Sydney',
		'Australia/Lord_Howe',
		'Asia/Kolkata',
		'Pacific/Chatham',
		'UTC',
	];

	it('gives the instant luxon (n8n’s date library) gives, every 7 hours and 13 minutes through 2026', () => {
		for (const zone of zones) {
			for (let time = Date.UTC(2026, 0, 1); time < Date.UTC(2027, 0, 1); time += 26_000_000) {
				// A wall-clock time that exists once in the zone (luxon's choice on a change night
				// depends on today's date, so those nights are checked below instead).
				const local = DateTime.fromMillis(time, { zone });
				const wallClock = local.toFormat("yyyy-MM-dd'T'HH:mm:ss");
				const back = DateTime.fromISO(wallClock, { zone });
				const hourBefore = DateTime.fromMillis(time - 3_600_000, { zone });
				const hourAfter = DateTime.fromMillis(time + 3_600_000, { zone });
				if (hourBefore.offset !== hourAfter.offset) continue;
				expect(normaliseDateTime(NODE, 0, wallClock, 'Start Time', zone)).toBe(
					back.toUTC().toISO(),
				);
			}
		}
	});

	it.each([
		// Clocks go forward at 01:00 UTC on 29 March 2026: 01:30 does not exist and moves on an hour.
		['2026-03-29T00:30:00', 'Europe/London', '2026-03-29T00:30:00.000Z'],
		['2026-03-29T01:30:00', 'Europe/London', '2026-03-29T01:30:00.000Z'],
		['2026-03-29T02:30:00', 'Europe/London', '2026-03-29T01:30:00.000Z'],
		// Clocks go back at 01:00 UTC on 25 October 2026: 01:30 happens twice, the first is taken.
		['2026-10-25T00:30:00', 'Europe/London', '2026-10-24T23:30:00.000Z'],
		['2026-10-25T01:30:00', 'Europe/London', '2026-10-25T00:30:00.000Z'],
		['2026-10-25T02:30:00', 'Europe/London', '2026-10-25T02:30:00.000Z'],
		['2026-03-08T02:30:00', 'America/New_York', '2026-03-08T07:30:00.000Z'],
		['2026-11-01T01:30:00', 'America/New_York', '2026-11-01T05:30:00.000Z'],
		// With a zone, the zone is kept whatever the workflow's.
		['2026-07-01T10:00:00Z', 'America/New_York', '2026-07-01T10:00:00.000Z'],
		['2026-07-01T10:00:00+0530', 'Europe/London', '2026-07-01T04:30:00.000Z'],
		['2026-07-01 10:00', 'Europe/London', '2026-07-01T09:00:00.000Z'],
	])('%s in %s is %s', (typed, zone, instant) => {
		expect(normaliseDateTime(NODE, 0, typed, 'Start Time', zone)).toBe(instant);
	});

	it('takes a JavaScript date and a luxon DateTime as the instants they are', () => {
		expect(
			normaliseDateTime(NODE, 0, new Date('2026-07-01T09:00:00Z'), 'Send At', 'Europe/London'),
		).toBe('2026-07-01T09:00:00.000Z');
		const local = DateTime.fromISO('2026-07-01T10:00:00', { zone: 'Europe/London' });
		expect(normaliseDateTime(NODE, 0, local, 'Send At', 'UTC')).toBe('2026-07-01T09:00:00.000Z');
	});

	it.each(['2026-07-01T99:99', '2026-07-01T24:00:00', '2026-02-30T10:00:00', '2026-07-01T10:60'])(
		'refuses %s, naming field and item',
		(typed) => {
			expect(() => normaliseDateTime(NODE, 4, typed, 'Send At', 'Europe/London')).toThrow(
				/^Send At ".+" is not a real (date|time) \(item 4\)$/,
			);
		},
	);

	it('refuses a number (milliseconds or seconds cannot be told apart) and an unknown zone', () => {
		expect(() => normaliseDateTime(NODE, 0, 1782896400000, 'Send At', 'UTC')).toThrow(
			'Send At "1782896400000" is a number, not a date (item 0)',
		);
		expect(() =>
			normaliseDateTime(NODE, 0, '2026-07-01T10:00', 'Send At', 'Europe/Lundon'),
		).toThrow('The workflow\'s time zone "Europe/Lundon" is not a known time zone (item 0)');
	});
});

describe('dates are converted, never cut', () => {
	const dob = (value: unknown, timeZone?: string) =>
		normaliseDate(NODE, 0, value, 'Date of Birth', { notInFuture: true, timeZone });

	it('reads a JavaScript date of midnight in the UK as that day, not the day before', () => {
		expect(dob('1992-06-30T23:00:00.000Z', 'Europe/London')).toBe('1992-07-01');
		expect(dob(new Date('1992-06-30T23:00:00.000Z'), 'Europe/London')).toBe('1992-07-01');
		expect(dob('1992-01-14T00:00:00.000Z', 'Europe/London')).toBe('1992-01-14');
		expect(dob('1992-06-30T23:00:00.000Z', 'America/New_York')).toBe('1992-06-30');
		expect(dob('1992-06-30T23:00:00.000Z', 'UTC')).toBe('1992-06-30');
	});

	it('reads midnight UTC (a date cell exported as a date-time) as that date in every zone', () => {
		for (const zone of ['Europe/London', 'America/New_York', 'Australia/Sydney', 'UTC']) {
			expect(dob('1991-05-09T00:00:00.000Z', zone)).toBe('1991-05-09');
			expect(dob('1961-05-09T00:00:00Z', zone)).toBe('1961-05-09');
		}
	});

	it('keeps the date written with a zone other than UTC, and without one', () => {
		expect(dob('1992-07-01T00:00:00+01:00', 'America/New_York')).toBe('1992-07-01');
		expect(dob('1992-07-01T00:00:00', 'America/New_York')).toBe('1992-07-01');
		expect(dob('1992-07-01', 'Europe/London')).toBe('1992-07-01');
		expect(dob('01/07/1992', 'Europe/London')).toBe('1992-07-01');
		expect(dob('1/7/1992')).toBe('1992-07-01');
	});

	it.each(['1992-07-01T99:99', '1992-07-01T25:00:00Z', '31/02/1992', '1992-02-30'])(
		'refuses %s, masked as a date of birth',
		(typed) => {
			const error = errorOf(() => dob(typed, 'Europe/London'));
			expect(error.message).toMatch(/^Date of Birth .+ is not a real date \(item 0\)$/);
			expect(error.message).not.toContain('1992');
		},
	);
});

describe('one value per field, and text that shows something', () => {
	it.each([
		[{ text: 'Hi' }, 'is an object, not text'],
		[['Hi', 'there'], 'is a list (2 values), not one value'],
		['\u200b\u200b\u200b', 'has only invisible characters (such as zero-width spaces)'],
		['\u00ad \ufeff\u2060', 'has only invisible characters (such as zero-width spaces)'],
	])('refuses %p as message text', (value, problem) => {
		expect(() => requireText(NODE, 2, value, 'Message')).toThrow(`Message ${problem} (item 2)`);
	});

	it('refuses a list or an object as an ID, also inside an ID list', () => {
		expect(() => requireId(NODE, 1, ['102'], 'Patient')).toThrow(
			'Patient is a list (1 value), not one value (item 1)',
		);
		expect(() => requireId(NODE, 1, { id: 102 }, 'Patient')).toThrow(
			'Patient is an object, not text (item 1)',
		);
		expect(requireId(NODE, 1, 102, 'Patient')).toBe('102');
		expect(requireIdList(NODE, 1, ['12', 15], 'Assignee IDs')).toEqual(['12', '15']);
		expect(() => requireIdList(NODE, 1, [['12']], 'Assignee IDs')).toThrow(
			'Assignee IDs is a list (1 value), not one value (item 1)',
		);
		expect(() => normaliseNhsNumber(NODE, 1, ['9990000018'])).toThrow(
			'NHS Number is a list (1 value), not one value (item 1)',
		);
	});

	it('limits a message by channel: 918 characters by SMS, 1,000 by NHS App', () => {
		const sms = 'a'.repeat(918);
		expect(requireMessageText(NODE, 0, sms, 'Message', 'sms')).toBe(sms);
		expect(() => requireMessageText(NODE, 0, `${sms}b`, 'Message', 'sms')).toThrow(
			'Message has 919 characters; SMS allows at most 918 (item 0)',
		);
		expect(() => requireMessageText(NODE, 0, 'a'.repeat(1001), 'Message', 'NHS_APP')).toThrow(
			'Message has 1001 characters; NHS_APP allows at most 1000 (item 0)',
		);
		expect(requireMessageText(NODE, 0, '👋'.repeat(918), 'Message', 'sms')).toHaveLength(1836);
	});

	it('reads numbers from expressions only when they are finite and in range', () => {
		expect(requireNumber(NODE, 0, '50', 'Limit', { integer: true, min: 1 })).toBe(50);
		for (const value of ['fifty', '', NaN, Infinity, '1e400', 0, 2.5, [5], { n: 5 }]) {
			expect(() => requireNumber(NODE, 3, value, 'Limit', { integer: true, min: 1 })).toThrow(
				/^Limit .*(is not a whole number of 1 or more|is a list|is an object|is Infinity|is NaN).* \(item 3\)$/,
			);
		}
	});
});

describe('in a workflow: each bad value fails its own item, naming item and field, and nothing is sent for it', () => {
	it('Message → Send refuses an object, a list, invisible text, an over-long SMS and a Patient ID list', async () => {
		smsCredits();
		hero()
			.post('/v1/messages/send', {
				patient_id: '102',
				message_type: 'sms',
				message_string: 'Your results are ready',
			})
			.reply(200, { message_id: 'm1' });
		const { output, requests } = await runNode({
			continueOnFail: true,
			items: itemsOf(
				{ patient: '102', text: { greeting: 'Hi' } },
				{ patient: '102', text: ['Hi', 'there'] },
				{ patient: '102', text: '\u200b\u200b' },
				{ patient: '102', text: 'x'.repeat(100_000) },
				{ patient: ['102'], text: 'Hello' },
				{ patient: '102', text: 'Your results are ready' },
			),
			parameters: {
				resource: 'message',
				operation: 'send',
				patientId: { __rl: true, mode: 'id', value: '={{ $json.patient }}' },
				messageType: 'sms',
				messageText: '={{ $json.text }}',
				simple: false,
				additionalFields: {},
			},
		});
		// The SMS-credit read before the first SMS, and the good row's send only.
		expect(requests.map(({ method, url }) => `${method} ${new URL(url).pathname}`)).toEqual([
			'GET /v1/me/sms-credits',
			'POST /v1/messages/send',
		]);
		expect(output.map((item) => item.json.error)).toEqual([
			'Message is an object, not text (item 0)',
			'Message is a list (2 values), not one value (item 1)',
			'Message has only invisible characters (such as zero-width spaces) (item 2)',
			'Message has 100000 characters; SMS allows at most 918 (item 3)',
			'Patient is a list (1 value), not one value (item 4)',
			undefined,
		]);
	});

	it('a Limit of "fifty" and a Duration of "ten" fail before any request', async () => {
		const list = await runNode({
			continueOnFail: true,
			items: itemsOf({ limit: 'fifty' }),
			parameters: {
				resource: 'message',
				operation: 'getAll',
				returnAll: false,
				limit: '={{ $json.limit }}',
			},
		});
		expect(list.requests).toHaveLength(0);
		expect(list.output[0].json.error).toBe(
			'Limit "fifty" is not a whole number of 1 or more (item 0)',
		);
		await expect(
			runNode({
				items: itemsOf({ minutes: 'ten' }),
				parameters: {
					resource: 'booking',
					operation: 'reserve',
					appointmentTypeId: locator('31'),
					locationId: locator('11'),
					practitionerId: locator('21'),
					startTime: '2027-07-15T10:00:00',
					duration: '={{ $json.minutes }}',
					additionalFields: {},
				},
			}),
		).rejects.toThrow(
			'Duration (Minutes) "ten" is not a whole number of minutes, 1 or more (item 0)',
		);
	});

	it('an NHS number given as a Patient ID is masked in the error', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			items: itemsOf({ patient: '999 000 0018' }),
			parameters: {
				resource: 'patient',
				operation: 'get',
				patientId: { __rl: true, mode: 'id', value: '={{ $json.patient }}' },
				options: {},
			},
		});
		expect(requests).toHaveLength(0);
		expect(output[0].json.error).toBe('Patient "*** *** 0018" is not a Hero ID (item 0)');
	});
});

describe('every input check masks NHS numbers, phone numbers, e-mail addresses and postcodes', () => {
	// Not the made-up examples the hints give (07700 900123, LS1 4AP), which errors may show.
	const BAD_VALUES: Array<[kind: string, value: string, hidden: string[]]> = [
		['valid NHS number', '999 000 0018', ['999 000', '9990000', '999000']],
		['NHS number with a wrong check digit', '9990000019', ['999000001']],
		['mobile number', '07700 900456', ['900456', '7700900456']],
		['mobile number +44', '+44 7700 900789', ['900789', '7700900789']],
		['landline', '0113 496 0000', ['0113', '01134']],
		['e-mail address', 'jane.smith@example.com', ['jane', 'smith']],
		['postcode', 'B33 8TH', ['B33', '8TH']],
		['postcode in lower case', 'cr2 6xh', ['cr2', '6xh']],
	];
	const CHECKS: Array<[name: string, check: (value: string) => unknown]> = [
		['requireId', (value) => requireId(NODE, 0, value, 'Patient')],
		['requireIdList', (value) => requireIdList(NODE, 0, `12, ${value}`, 'Assignee IDs')],
		['normaliseNhsNumber', (value) => normaliseNhsNumber(NODE, 0, `${value}x`)],
		['normaliseUkMobile', (value) => normaliseUkMobile(NODE, 0, `${value}9`)],
		['normaliseDate', (value) => normaliseDate(NODE, 0, value, 'From Date')],
		['normaliseDate (birth)', (value) => normaliseDate(NODE, 0, value, 'Date of Birth')],
		['normaliseDateTime', (value) => normaliseDateTime(NODE, 0, value, 'Send At', 'UTC')],
		['normaliseUkPostcode', (value) => normaliseUkPostcode(NODE, 0, `${value}Q`)],
		['normaliseGmcNumber', (value) => normaliseGmcNumber(NODE, 0, value)],
		['normaliseSnomedCode', (value) => normaliseSnomedCode(NODE, 0, `${value}`)],
		['normaliseEmail', (value) => normaliseEmail(NODE, 0, `${value}@`)],
		['requireNumber', (value) => requireNumber(NODE, 0, value, 'Limit', { min: 1 })],
		[
			'Custom API Call path',
			(value) => checkPath(NODE, 0, `v1/patients?q=${value}`, 'https://api.example.com'),
		],
	];

	it.each(CHECKS)('%s', (_name, check) => {
		for (const [kind, value, hidden] of BAD_VALUES) {
			let error: (Error & IDataObject) | undefined;
			try {
				check(value);
			} catch (thrown) {
				error = thrown as Error & IDataObject;
			}
			if (!error) continue;
			const shown = [
				error.message,
				String(error.description ?? ''),
				JSON.stringify(error.context ?? {}),
			].join('\n');
			for (const raw of [value, value.replace(/\s/g, ''), ...hidden]) {
				if (shown.toLowerCase().includes(raw.toLowerCase())) {
					throw new Error(`${kind} ${JSON.stringify(raw)} shown by ${_name}: ${shown}`);
				}
			}
		}
	});

	it('each check does refuse the bad values (the test above is not empty)', () => {
		let refused = 0;
		for (const [, check] of CHECKS) {
			for (const [, value] of BAD_VALUES) {
				try {
					check(value);
				} catch {
					refused++;
				}
			}
		}
		expect(refused).toBeGreaterThanOrEqual(CHECKS.length * BAD_VALUES.length - 12);
	});
});

describe('made-up sample values only', () => {
	/** Ten digits that pass the NHS check digit, standing alone, outside the 999 test range. */
	function realLookingNhsNumbers(text: string): string[] {
		const found: string[] = [];
		for (const match of text.matchAll(/(?<![\w*])\d{3}[ -]?\d{3}[ -]?\d{4}(?!\w)/g)) {
			const digits = match[0].replace(/\D/g, '');
			if (isNhsNumber(digits) && !digits.startsWith('999')) found.push(match[0]);
		}
		return found;
	}

	it('finds a valid NHS number outside the test range, and leaves the 999 range alone', () => {
		const real = ['943', '476', '5919'].join(' ');
		expect(realLookingNhsNumbers(`placeholder: 'e.g. ${real}'`)).toEqual([real]);
		expect(realLookingNhsNumbers(`{"nhs_number": "${real.replace(/ /g, '')}"}`)).toHaveLength(1);
		expect(realLookingNhsNumbers('e.g. 999 000 0018, id wf0123456789abcd')).toEqual([]);
	});

	it('the node’s description, hints and placeholders have none', () => {
		expect(realLookingNhsNumbers(JSON.stringify(new HeroHealth().description))).toEqual([]);
	});

	it('no file of the repository (code, tests, docs, examples, sandbox) has one', () => {
		const files = ts.sys.readDirectory(
			ROOT,
			['.ts', '.mjs', '.cjs', '.js', '.json', '.md', '.yaml', '.yml', '.csv', '.txt', '.html'],
			['node_modules', 'dist', '.git'],
		);
		expect(files.length).toBeGreaterThan(100);
		const offending = files
			.filter((file) => !/[\\/](node_modules|dist|\.git)[\\/]/.test(file))
			.flatMap((file) =>
				realLookingNhsNumbers(ts.sys.readFile(file) ?? '').map(
					(number) => `${file.slice(ROOT.length + 1)}: ${number}`,
				),
			);
		expect(offending).toEqual([]);
	});
});
