// @ts-check
// Writes examples/data/recall-sample.csv and .xlsx, the input of the recall campaign example, from
// one list. The good rows are patients the sandbox seeds (sandbox/seed.mjs); the others are the
// mistakes real recall lists contain. `node scripts/make-recall-sample.mjs`
//
// The .xlsx is written by hand (a zip of five XML parts, stored uncompressed, every cell text) so
// that no spreadsheet library is needed and NHS numbers and dates stay exactly as typed.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'data');

export const HEADER = ['nhs_number', 'date_of_birth', 'first_name', 'last_name'];

/** Each row and what the recall campaign should report for it (spreadsheet row = index + 2). */
export const ROWS = [
	{ row: ['9990001006', '14/03/1985', 'Olivia', 'Bennett'], expect: 'sent' },
	{ row: ['999 000 1073', '02/11/1972', 'James', 'Carter'], expect: 'sent' },
	{ row: ['9990001146', '1998-07-21', 'Amira', 'Hussain'], expect: 'sent' },
	{ row: ['9990002401', '06/06/1987', 'Samuel', 'Baker'], expect: 'patient must verify' },
	{ row: ['9990001287', '09/05/1991', 'Priya', 'Sharma'], expect: 'invalid NHS number' },
	{ row: ['9990003009', '01/01/1970', 'Jane', 'Doe'], expect: 'not found' },
	{ row: ['999000', '30/01/1946', 'George', 'Whitfield'], expect: 'invalid NHS number' },
	{ row: ['9990001634', '31/02/1988', 'Daniel', 'Evans'], expect: 'error' },
	{ row: ['9990002541', '09/09/1999', 'Isla', 'Robinson'], expect: 'sent' },
	{ row: ['9990002339', '14/02/1932', 'Margaret', 'Lewis'], expect: 'error' },
];

/** @param {string} value */
function csvCell(value) {
	return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** @param {string} text */
function xml(text) {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** @param {string[][]} rows */
function sheetXml(rows) {
	const cells = rows
		.map((cells, r) => {
			const row = cells
				.map((value, c) => {
					const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
					return `<c r="${ref}" t="inlineStr"><is><t>${xml(value)}</t></is></c>`;
				})
				.join('');
			return `<row r="${r + 1}">${row}</row>`;
		})
		.join('');
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${cells}</sheetData></worksheet>`;
}

/** A zip archive with the files stored as they are. @param {Array<[string, string]>} files */
function zip(files) {
	/** @type {Buffer[]} */
	const parts = [];
	/** @type {Buffer[]} */
	const central = [];
	let offset = 0;
	for (const [name, text] of files) {
		const data = Buffer.from(text, 'utf8');
		const fileName = Buffer.from(name, 'utf8');
		const crc = crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4); // version needed
		local.writeUInt16LE(0x0800, 6); // UTF-8 names
		local.writeUInt16LE(0, 8); // stored
		local.writeUInt16LE(0, 10); // time
		local.writeUInt16LE(0x21, 12); // date: 1980-01-01
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(fileName.length, 26);
		local.writeUInt16LE(0, 28);
		const header = Buffer.alloc(46);
		header.writeUInt32LE(0x02014b50, 0);
		header.writeUInt16LE(20, 4);
		header.writeUInt16LE(20, 6);
		header.writeUInt16LE(0x0800, 8);
		header.writeUInt16LE(0, 10);
		header.writeUInt16LE(0, 12);
		header.writeUInt16LE(0x21, 14);
		header.writeUInt32LE(crc, 16);
		header.writeUInt32LE(data.length, 20);
		header.writeUInt32LE(data.length, 24);
		header.writeUInt16LE(fileName.length, 28);
		header.writeUInt32LE(offset, 42);
		parts.push(local, fileName, data);
		central.push(header, fileName);
		offset += local.length + fileName.length + data.length;
	}
	const centralSize = central.reduce((sum, part) => sum + part.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(files.length, 8);
	end.writeUInt16LE(files.length, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...parts, ...central, end]);
}

/** @param {string[][]} rows */
export function xlsx(rows) {
	const main = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
	return zip([
		[
			'[Content_Types].xml',
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
		],
		[
			'_rels/.rels',
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${main}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		],
		[
			'xl/workbook.xml',
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${main}"><sheets><sheet name="Recall" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		],
		[
			'xl/_rels/workbook.xml.rels',
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${main}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		],
		['xl/worksheets/sheet1.xml', sheetXml(rows)],
	]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const rows = [HEADER, ...ROWS.map((entry) => entry.row)];
	writeFileSync(
		join(DATA, 'recall-sample.csv'),
		rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n',
	);
	writeFileSync(join(DATA, 'recall-sample.xlsx'), xlsx(rows));
	console.log(`wrote ${ROWS.length} rows to ${DATA}/recall-sample.csv and .xlsx`);
}
