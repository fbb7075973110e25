// @ts-check
// End-to-end: re-running the recall campaign example (examples/recall-campaign.json) in a real
// n8n 2.41.1 is safe. A first run with failures injected (Hero refuses one patient's send, and
// answers 500 to one PDS lookup), then a second run over the same spreadsheet, then a third: the
// sandbox's counters prove every patient due a message got exactly one, and the last run sent
// nothing. The record of who was messaged is n8n's own Data table, keyed by campaign + NHS number.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';

import { readExample } from '../../scripts/n8n-runtime.mjs';
import { ROWS } from '../../scripts/make-recall-sample.mjs';
import { control, importForServer, nodeItems, runInServer, startStack } from './harness.mjs';

/** @type {import('./harness.mjs').Stack} */
let stack;

before(
	async () => {
		stack = await startStack();
	},
	{ timeout: 15 * 60_000 },
);

after(async () => {
	await stack?.stop();
});

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
	/** @type {Map<string, any>} */
	const report = new Map(nodeItems(run, 'Sort by Row').map((row) => [String(row.row), row]));
	const counters = stack.sandbox.counters();
	const send = counters.requests[SEND] ?? { answered: {} };
	return {
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
