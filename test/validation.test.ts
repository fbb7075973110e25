import type { INode } from 'n8n-workflow';

import {
	normaliseDate,
	normaliseDateTime,
	normaliseNhsNumber,
	normaliseUkMobile,
	requireId,
	requireText,
} from '../nodes/HeroHealth/helpers/validation';
import { isNhsNumber } from '../nodes/HeroHealth/helpers/checkDigits';
import { NODE } from './helpers/constants';

const node = NODE as INode;

describe('NHS numbers', () => {
	it.each(['9990000018', '999 000 0018', '999-000-0018', ' 9995554445 '])('accepts %p', (value) => {
		expect(normaliseNhsNumber(node, 0, value)).toMatch(/^\d{10}$/);
	});

	it('checks the Modulus 11 check digit', () => {
		expect(isNhsNumber('9990000018')).toBe(true);
		expect(isNhsNumber('9990000019')).toBe(false);
		// A remainder giving check digit 10 is never valid.
		expect(isNhsNumber('1000000010')).toBe(false);
	});

	it.each([
		['', 'NHS Number is empty (item 2)'],
		['94347659', 'NHS Number ******59 is not 10 digits (item 2)'],
		['943476591X', 'NHS Number ******591X is not 10 digits (item 2)'],
		['9990000019', 'NHS Number *** *** 0019 is not a valid NHS number (item 2)'],
		["1'; DROP TABLE patients;--", 'is not 10 digits (item 2)'],
	])('rejects %p', (value, message) => {
		expect(() => normaliseNhsNumber(node, 2, value)).toThrow(message);
	});

	it('does not echo a 10 kB cell back in full', () => {
		const huge = '9'.repeat(10_000);
		expect(() => normaliseNhsNumber(node, 0, huge)).toThrow(/NHS Number \.\.\.\*{33}9999 is/);
	});
});

describe('dates of birth', () => {
	it.each([
		['1992-01-31', '1992-01-31'],
		['31/01/1992', '1992-01-31'],
		['1/2/1992', '1992-02-01'],
		['31-01-1992', '1992-01-31'],
		['31.01.1992', '1992-01-31'],
		['1992-01-31T00:00:00.000Z', '1992-01-31'],
	])('reads %p as %p', (value, expected) => {
		expect(normaliseDate(node, 0, value)).toBe(expected);
	});

	it.each([
		['31/02/1992', 'is not a real date'],
		['1992/01/31', 'is not a date'],
		['January 1992', 'is not a date'],
		['2999-01-01', 'is in the future'],
		['', 'is empty'],
	])('rejects %p', (value, message) => {
		expect(() => normaliseDate(node, 4, value, 'Date of Birth', { notInFuture: true })).toThrow(
			new RegExp(`^Date of Birth.*${message} \\(item 4\\)$`),
		);
	});
});

describe('UK mobile numbers', () => {
	it.each(['07700 900123', '+447700900123', '447700900123', '00447700900123', '(07700) 900-123'])(
		'normalises %p to E.164',
		(value) => {
			expect(normaliseUkMobile(node, 0, value)).toBe('+447700900123');
		},
	);

	it.each(['01632 960001', '0770090012', '+12025550123', 'call me', '📱07700900123'])(
		'rejects %p',
		(value) => {
			expect(() => normaliseUkMobile(node, 1, value)).toThrow(
				/is not a UK mobile number \(item 1\)$/,
			);
		},
	);
});

describe('date-times', () => {
	it('keeps a zone, and reads a value without one in the zone given (the workflow’s)', () => {
		expect(normaliseDateTime(node, 0, '2026-03-15T14:00:00+01:00', 'Start Time', 'UTC')).toBe(
			'2026-03-15T13:00:00.000Z',
		);
		expect(normaliseDateTime(node, 0, '2026-03-15 14:00', 'Start Time', 'UTC')).toBe(
			'2026-03-15T14:00:00.000Z',
		);
		expect(normaliseDateTime(node, 0, '2026-07-15 14:00', 'Start Time', 'Europe/London')).toBe(
			'2026-07-15T13:00:00.000Z',
		);
	});

	it('rejects what is not ISO 8601', () => {
		expect(() => normaliseDateTime(node, 3, '15/03/2026 2pm', 'Start Time', 'UTC')).toThrow(
			'Start Time "15/03/2026 2pm" is not an ISO 8601 date-time (item 3)',
		);
	});
});

describe('text and IDs', () => {
	it('trims text and rejects blank', () => {
		expect(requireText(node, 0, '  hi <b>there</b> 👋 ', 'Message')).toBe('hi <b>there</b> 👋');
		expect(() => requireText(node, 5, ' \n ', 'Message')).toThrow('Message is empty (item 5)');
	});

	it('accepts numeric Hero IDs only', () => {
		expect(requireId(node, 0, ' 98765 ', 'Patient')).toBe('98765');
		expect(() => requireId(node, 0, 'abc', 'Patient')).toThrow(
			'Patient "abc" is not a Hero ID (item 0)',
		);
	});
});
