// @ts-check
// End-to-end: re-running the recall campaign example (examples/recall-campaign.json) in a real
// n8n 2.41.1 is safe. A first run with failures injected (Hero refuses one patient's send, and
// answers 500 to one PDS lookup), then a second run over the same spreadsheet, then a third: the
// sandbox's counters prove every patient due a message got exactly one, and the last run sent
// nothing. The record of who was messaged is n8n's own Data table, keyed by campaign + NHS number.
// A row a killed run left "sending" in that table is reported "check in Hero" and not sent.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';

import { publicApi, readExample } from '../../scripts/n8n-runtime.mjs';
import { ROWS } from '../../scripts/make-recall-sample.mjs';
import { control, importForServer, nodeItems, runInServer, useStack } from './harness.mjs';

/** @type {import('./harness.mjs').Stack} */
let stack;
useStack((ready) => (stack = ready));

const SEND = 'POST /v1/messages/send';
/** Spreadsheet rows (numbers as the report gives them) due a message: the sample's "sent" rows. */
const DUE = ROWS.flatMap((entry, index) => (entry.expect === 'sent' ? [String(index + 2)] : []));

/** The example as shipped, with its own campaign name and results file. @param {string} campaign */
function recallWorkflow(campaign) {
	const workflow = readExample('recall-campaign.json');
	workflow.id = `HeroRerun${randomBytes(4).toString('hex')}`.slice(0, 16);
	const settings = workflow.nodes.find((/** @type {any} */ node) => node.name === 'Settings');
	for (const field of settings.parameters.assignments.assignments) {
		if (field.name === 'campaign') field.value = campaign;
		if (field.name === 'resultsFile')
			field.value = field.value.replace('recall-results.csv', 'recall-rerun-results.csv');
	}
	return workflow;
}

/**
 * One run, in the n8n server (the CLI's `n8n execute` has no Data tables): the report by
 * spreadsheet row, and the sandbox's counters after it (they add up over the runs): sends Hero
 * accepted, and sends it refused (the sample's patient without a mobile number is refused in every
 * run, and never messaged).
 * @param {{ id: string, path: string }} workflow
 */
async function runRecall(workflow) {
	const run = await runInServer(stack, workflow);
	/** @type {any[]} */
	const lines = nodeItems(run, 'Sort by Row');
	const report = new Map(lines.map((row) => [String(row.row), row]));
	const counters = stack.sandbox.counters();
	const send = counters.requests[SEND] ?? { answered: {} };
	return {
		lines: lines.length,
		report,
		counters,
		sends: send.answered['200'] ?? 0,
		refused: send.answered['400'] ?? 0,
	};
}

test(
	'a failed run, then re-runs over the same sheet: nobody messaged twice, nobody forgotten',
	{ timeout: 5 * 60_000 },
	async () => {
		stack.sandbox.reset();
		const id = await importForServer(stack, recallWorkflow(`e2e recall ${Date.now()}`));

		// Run 1, with two failures: patient 1002 has no mobile number on Hero (its send is refused
		// with 400), and the first API request (a PDS lookup) gets a 500.
		const patient = stack.sandbox.state.patients.get('1002');
		const mobile = patient.mobile;
		patient.mobile = null;
		await control(stack, 'POST', '/config', { faultNext: 1, faultStatus: 500 });
		const first = await runRecall(id);
		patient.mobile = mobile;
		await control(stack, 'POST', '/config', { faultStatus: 503 });

		assert.equal(first.report.size, ROWS.length, 'every row is in the report');
		assert.equal(first.counters.faults, 1);
		assert.equal(first.report.get('3').outcome, 'error', 'the refused send is reported');
		assert.equal(
			first.refused,
			[...first.report.values()].filter((row) => row.outcome === 'error' && row.patient_id).length,
		);
		const sentFirst = [...first.report.values()].filter((row) => row.outcome === 'sent');
		assert.ok(sentFirst.length >= 2 && sentFirst.length <= 3, `sent ${sentFirst.length}`);
		assert.equal(first.counters.messagesSent.total, sentFirst.length);

		// Run 2: the same sheet. The rows sent in run 1 are skipped, the others go now.
		const second = await runRecall(id);
		/** @type {Record<string, number>} */
		const expected = {};
		for (const row of DUE) {
			const before = first.report.get(row);
			const now = second.report.get(row);
			if (before.outcome === 'sent') {
				assert.equal(now.outcome, 'already sent', `row ${row}`);
				assert.equal(String(now.message_id), String(before.message_id), `row ${row}`);
				expected[before.patient_id] = 1;
			} else {
				assert.equal(now.outcome, 'sent', `row ${row} (${before.outcome} in run 1) goes now`);
				expected[now.patient_id] = 1;
			}
		}
		assert.equal(Object.keys(expected).length, DUE.length);
		assert.equal(second.sends - first.sends, DUE.length - sentFirst.length);
		// Every patient due a message has exactly one, across both runs, and nobody else has one.
		assert.deepEqual(second.counters.messagesSent.byPatient, expected);

		// Run 3: nothing new is sent.
		const third = await runRecall(id);
		assert.equal(third.sends, second.sends, 'no message sent in the third run');
		assert.equal(third.refused, second.refused + 1, 'only the patient without a mobile was tried');
		assert.equal(
			third.counters.requests[SEND].received,
			second.counters.requests[SEND].received + 1,
		);
		assert.equal(third.counters.messagesSent.total, DUE.length);
		for (const row of DUE) assert.equal(third.report.get(row).outcome, 'already sent');
		assert.equal(third.counters.validationFailures, 0);
	},
);

test(
	'a new campaign name starts again: everyone due is messaged once more',
	{ timeout: 3 * 60_000 },
	async () => {
		stack.sandbox.reset();
		const id = await importForServer(stack, recallWorkflow(`e2e recall new ${Date.now()}`));
		const run = await runRecall(id);
		assert.equal(run.sends, DUE.length);
		assert.equal(run.refused, 1, 'the patient without a mobile number');
		assert.equal(run.counters.messagesSent.total, DUE.length);
		for (const row of DUE) assert.equal(run.report.get(row).outcome, 'sent');
	},
);

const LOG_TABLE = 'hero_recall_log';

/**
 * n8n's public API for the recall log (the Data table the example keeps), created with the
 * example's own columns if no run has created it yet.
 * @param {string} method @param {string} path under /data-tables/<id> @param {unknown} [body]
 */
async function recallLog(method, path, body) {
	const api = (
		/** @type {string} */ verb,
		/** @type {string} */ to,
		/** @type {unknown} */ data = undefined,
	) => publicApi(stack.n8n.url, stack.apiKey, verb, to, data);
	const filter = encodeURIComponent(JSON.stringify({ name: LOG_TABLE }));
	let [table] = (await api('GET', `/data-tables?filter=${filter}`)).body.data;
	if (!table) {
		const create = readExample('recall-campaign.json').nodes.find(
			(/** @type {any} */ node) => node.name === 'Recall Log',
		);
		table = (
			await api('POST', '/data-tables', {
				name: LOG_TABLE,
				columns: create.parameters.columns.column,
			})
		).body;
	}
	const answer = await api(method, `/data-tables/${table.id}${path}`, body);
	assert.ok(answer.status < 300, `${method} ${path} → ${answer.status}`);
	return answer.body;
}

/** The log rows of one campaign. @param {string} campaign @returns {Promise<any[]>} */
async function logRows(campaign) {
	const filter = {
		type: 'and',
		filters: [{ columnName: 'campaign', condition: 'eq', value: campaign }],
	};
	return (
		await recallLog('GET', `/rows?limit=250&filter=${encodeURIComponent(JSON.stringify(filter))}`)
	).data;
}

test(
	'a row a killed run left "sending" is not sent again but reported "check in Hero"; deleting it lets the next run send it',
	{ timeout: 3 * 60_000 },
	async () => {
		stack.sandbox.reset();
		const campaign = `e2e recall killed ${Date.now()}`;
		const id = await importForServer(stack, recallWorkflow(campaign));
		// What a run killed mid-batch leaves: row 2 (patient 1001) logged "sending"; row 4 (patient
		// 1003) logged "sending" and then "sent" (killed before the mark was cleared); and a send Hero
		// refused (row 3), logged "not sent", which is tried again.
		const [killed, refused, answered] = [0, 1, 2].map((index) =>
			ROWS[index].row[0].replace(/\s/g, ''),
		);
		const mark = { campaign, status: 'sending (batch 2)', message_id: '', run_id: 'killed' };
		await recallLog('POST', '/rows', {
			data: [
				{ ...mark, nhs_number: killed },
				{ ...mark, nhs_number: answered },
				{ ...mark, nhs_number: answered, status: 'sent', message_id: 'killed-1' },
				{ ...mark, nhs_number: refused, status: 'not sent' },
			],
		});

		const run = await runRecall(id);
		const row2 = run.report.get('2');
		assert.equal(row2.outcome, 'check in Hero');
		assert.match(row2.detail, /stopped while sending/);
		assert.equal(run.counters.messagesSent.byPatient['1001'], undefined, 'row 2 not sent');
		assert.equal(run.report.get('3').outcome, 'sent', 'the refused send is tried again');
		assert.equal(run.report.get('4').outcome, 'already sent', "the last row logged is the row's");
		assert.equal(run.report.get('4').message_id, 'killed-1');
		assert.equal(run.counters.messagesSent.byPatient['1003'], undefined, 'row 4 not sent');
		for (const row of DUE.filter((row) => !['2', '4'].includes(row)))
			assert.equal(run.report.get(row).outcome, 'sent', `row ${row}`);
		assert.equal(run.sends, DUE.length - 2);
		assert.equal(run.lines, ROWS.length, 'one line per row');
		assert.equal(run.report.size, ROWS.length, 'every row is in the report');
		const log = await logRows(campaign);
		assert.deepEqual(
			log.filter((row) => row.nhs_number === killed).map((row) => row.status),
			['sending (batch 2)'],
			'the "sending" row is left for the user to check',
		);
		assert.equal(
			log.filter((row) => row.status === 'not sent' && row.run_id === 'killed').length,
			0,
		);
		// The run's own rows: its marks cleared, each send logged with its outcome.
		const own = log.filter((row) => row.run_id !== 'killed');
		assert.deepEqual(
			own.map((row) => [row.nhs_number, row.status, row.message_id]).sort(),
			[...run.report.values()]
				.filter((row) => row.patient_id)
				.map((row) => [
					row.nhs_number.replace(/\s/g, ''),
					row.outcome === 'sent' ? 'sent' : 'not sent',
					row.message_id,
				])
				.sort(),
		);

		// After checking Hero, the user deletes the row: the next run sends row 2, and only row 2.
		const filter = {
			type: 'and',
			filters: [
				{ columnName: 'campaign', condition: 'eq', value: campaign },
				{ columnName: 'nhs_number', condition: 'eq', value: killed },
			],
		};
		await recallLog('DELETE', `/rows/delete?filter=${encodeURIComponent(JSON.stringify(filter))}`);
		const next = await runRecall(id);
		assert.equal(next.report.get('2').outcome, 'sent');
		assert.equal(next.sends, run.sends + 1);
		assert.equal(next.counters.messagesSent.byPatient['1001'], 1);
		assert.equal(next.lines, ROWS.length);
		for (const row of DUE.filter((row) => row !== '2'))
			assert.equal(next.report.get(row).outcome, 'already sent', `row ${row}`);
	},
);
