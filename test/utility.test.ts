import { itemsOf, runNode } from './helpers/run';
import { hero, useHeroMocks } from './helpers/hero';

useHeroMocks();

const address = (line: string) => ({ line_1: line, town: 'Leeds', postcode: 'LS1 4AP' });

describe('Utility → Look Up Address', () => {
	const base = { resource: 'utility', operation: 'lookupAddress', returnAll: true };

	it.each([
		['ls14ap', 'LS1 4AP'],
		[' sw1a  1aa ', 'SW1A 1AA'],
		['EC1A1BB', 'EC1A 1BB'],
		['w1a 0ax', 'W1A 0AX'],
		['DN55 1PT', 'DN55 1PT'],
		['gir 0aa', 'GIR 0AA'],
	])('sends %j as postcode=%s', async (typed, sent) => {
		hero()
			.get('/v1/utilities/address_lookup')
			.query({ postcode: sent })
			.reply(200, { data: [address('1 Park Row')], count: 1 });
		const { json } = await runNode({ parameters: { ...base, postcode: typed } });
		expect(json).toEqual([address('1 Park Row')]);
	});

	it('outputs one item per address, up to the limit', async () => {
		hero()
			.get('/v1/utilities/address_lookup')
			.query({ postcode: 'LS1 4AP' })
			.reply(200, [address('1 Park Row'), address('2 Park Row'), address('3 Park Row')]);
		const { json } = await runNode({
			parameters: { ...base, returnAll: false, limit: 2, postcode: 'LS1 4AP' },
		});
		expect(json).toEqual([address('1 Park Row'), address('2 Park Row')]);
	});

	it('rejects what is not a UK postcode before sending anything', async () => {
		const postcodes = ['LS1', '12345', 'QS1 4AP', 'LS1 4CP', ''];
		const { output, requests } = await runNode({
			items: itemsOf(...postcodes.map((postcode) => ({ postcode }))),
			continueOnFail: true,
			parameters: { ...base, postcode: '={{ $json.postcode }}' },
		});
		expect(requests).toEqual([]);
		// A postcode narrows a patient down: the error hides it whole (issue 22).
		expect(output.map((item) => item.json.error)).toEqual([
			'Postcode "***" is not a UK postcode (item 0)',
			'Postcode "*****" is not a UK postcode (item 1)',
			'Postcode "*** ***" is not a UK postcode (item 2)',
			'Postcode "*** ***" is not a UK postcode (item 3)',
			'Postcode is empty (item 4)',
		]);
	});
});

describe('Utility → Validate SNOMED Code', () => {
	const base = { resource: 'utility', operation: 'validateSnomedCode' };

	it.each(['279991000000102', '401271004', '184147002', '1068881000000101', '3457005'])(
		'sends the valid code %s in the path and outputs Hero’s answer',
		async (code) => {
			hero()
				.get(`/v1/utilities/snomed_codes/${code}`)
				.reply(200, { code, valid: true, term: 'Some term' });
			const { json } = await runNode({ parameters: { ...base, snomedCode: ` ${code} ` } });
			expect(json).toEqual([{ code, valid: true, term: 'Some term' }]);
		},
	);

	it('rejects codes with letters, wrong length, a leading zero or a wrong check digit', async () => {
		const codes = [
			'27999100000010X',
			'12345',
			'1234567890123456789',
			'0401271004',
			'279991000000103',
		];
		const { output, requests } = await runNode({
			items: itemsOf(...codes.map((code) => ({ code }))),
			continueOnFail: true,
			parameters: { ...base, snomedCode: '={{ $json.code }}' },
		});
		expect(requests).toEqual([]);
		expect(output.map((item) => item.json.error)).toEqual([
			'SNOMED Code "27999100000010X" is not a SNOMED CT code (item 0)',
			'SNOMED Code "12345" is not a SNOMED CT code (item 1)',
			'SNOMED Code "1234567890123456789" is not a SNOMED CT code (item 2)',
			// Ten digits may be an NHS number in the wrong column: input errors mask them (issue 22).
			'SNOMED Code "*** *** 1004" is not a SNOMED CT code (item 3)',
			'SNOMED Code "279991000000103" is not a valid SNOMED CT code (item 4)',
		]);
	});
});
