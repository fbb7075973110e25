import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Checks of UK codes and contact details typed or mapped by users: run before anything is sent,
 * so a bad row fails alone with the field and the item named.
 */

function invalid(node: INode, itemIndex: number, field: string, problem: string, hint?: string) {
	return new NodeOperationError(node, `${field} ${problem} (item ${itemIndex})`, {
		itemIndex,
		description: hint,
	});
}

function quote(value: string): string {
	return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
}

function textOf(node: INode, itemIndex: number, value: unknown, field: string): string {
	const text = String(value ?? '').trim();
	if (!text) throw invalid(node, itemIndex, field, 'is empty');
	return text;
}

/** Royal Mail postcode shapes (outward code, then inward code `9AA`), and the special GIR 0AA. */
const UK_POSTCODE =
	/^(?:GIR0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y])\d[ABD-HJLNP-UW-Z]{2})$/;

/** Returns a UK postcode in capitals with one space before the inward code, e.g. `LS1 4AP`. */
export function normaliseUkPostcode(
	node: INode,
	itemIndex: number,
	value: unknown,
	field = 'Postcode',
): string {
	const text = textOf(node, itemIndex, value, field);
	const compact = text.replace(/\s+/g, '').toUpperCase();
	if (!UK_POSTCODE.test(compact)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${quote(text)} is not a UK postcode`,
			'Use a full postcode such as LS1 4AP or SW1A 1AA',
		);
	}
	return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** Returns a GMC reference number: 7 digits (spaces are removed). */
export function normaliseGmcNumber(
	node: INode,
	itemIndex: number,
	value: unknown,
	field = 'GMC Number',
): string {
	const text = textOf(node, itemIndex, value, field);
	const digits = text.replace(/\s+/g, '');
	if (!/^\d{7}$/.test(digits)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${quote(text)} is not a GMC number`,
			'GMC reference numbers are 7 digits, e.g. 1234567',
		);
	}
	return digits;
}

// Verhoeff check digit tables (dihedral group D5), as SNOMED CT identifiers use.
const VERHOEFF_D = [
	[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
	[1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
	[2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
	[3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
	[4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
	[5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
	[6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
	[7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
	[8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
	[9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
	[0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
	[1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
	[5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
	[8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
	[9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
	[4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
	[2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
	[7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** True when the last digit is the Verhoeff check digit of the others. */
export function hasVerhoeffCheckDigit(digits: string): boolean {
	let check = 0;
	for (let i = 0; i < digits.length; i++) {
		const digit = Number(digits[digits.length - 1 - i]);
		check = VERHOEFF_D[check][VERHOEFF_P[i % 8][digit]];
	}
	return check === 0;
}

/** Returns a SNOMED CT code: 6 to 18 digits, no leading zero, ending in its Verhoeff check digit. */
export function normaliseSnomedCode(
	node: INode,
	itemIndex: number,
	value: unknown,
	field = 'SNOMED Code',
): string {
	const text = textOf(node, itemIndex, value, field);
	if (!/^[1-9]\d{5,17}$/.test(text)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${quote(text)} is not a SNOMED CT code`,
			'SNOMED CT codes are 6 to 18 digits, not starting with 0, e.g. 279991000000102',
		);
	}
	if (!hasVerhoeffCheckDigit(text)) {
		throw invalid(
			node,
			itemIndex,
			field,
			`${quote(text)} is not a valid SNOMED CT code`,
			'Its last digit does not match the Verhoeff check digit: check it for a typing error',
		);
	}
	return text;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Returns an email address trimmed, or throws naming the field. */
export function normaliseEmail(node: INode, itemIndex: number, value: unknown, field = 'Email') {
	const text = textOf(node, itemIndex, value, field);
	if (!EMAIL.test(text))
		throw invalid(node, itemIndex, field, `${quote(text)} is not an email address`);
	return text;
}
