// @ts-check
// End-to-end: the batch recall example (examples/recall-batch.json) in a real n8n 2.41.1 against
// the sandbox. Hero enriches the recipients and sends the batch itself; the workflow reports every
// spreadsheet row. Re-runs are safe by batch name: a batch already sent is never sent again, and a
// batch a stopped run created but did not send is sent, not created twice. The sandbox's counters
// prove what reached Hero.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';

import { readExample } from '../../scripts/n8n-runtime.mjs';
import { ROWS } from '../../scripts/make-recall-sample.mjs';
import { heroApi, importForServer, nodeItems, runInServer, useStack } from './harness.mjs';

/** @type {import('./harness.mjs').Stack} */
let stack;
useStack((ready) => (stack = ready));

const CREATE = 'POST /v1/batch_message';
const SEND = 'PATCH /v1/batch_message/{id}/send';

/**
 * What the batch road reports for each sample row (spreadsheet row = index + 2). It differs from
 * the per-patient road where Hero's batch works differently: Samuel Baker (who must verify his
 * identity before a PDS lookup answers) is enriched and sent to; Margaret Lewis has no mobile, so
 * Hero cannot enrich her for SMS ('error').
 * @type {Record<string, string>}
 */
const EXPECTED = Object.fromEntries(
	ROWS.map((entry, index) => [
		String(index + 2),
		entry.expect === 'patient must verify' ? 'sent' : entry.expect,
	]),
);
const DUE = Object.keys(EXPECTED).filter((row) => EXPECTED[row] === 'sent');

/** The example as shipped, with its own batch name and results file. @param {string} batchName */
function batchWorkflow(batchName) {
	const workflow = readExample('recall-batch.json');
	workflow.id = `HeroBatch${randomBytes(4).toString('hex')}`.slice(0, 16);
	const settings = workflow.nodes.find((/** @type {any} */ node) => node.name === 'Settings');
	for (const field of settings.parameters.assignments.assignments) {
		if (field.name === 'batchName') field.value = batchName;
	}
	return workflow;
}

/** One run: the report by spreadsheet row and the sandbox's counters after it. @param {{ id: string, path: string }} workflow */
async function runBatch(workflow) {
	const run = await runInServer(stack, workflow);
	/** @type {any[]} */
	const lines = nodeItems(run, 'Results by Row');
	const counters = stack.sandbox.counters();
	/** @param {string} key */
	const received = (key) => counters.requests[key]?.received ?? 0;
	return {
		lines,
		report: new Map(lines.map((line) => [String(line.row), line])),
		creates: received(CREATE),
		sends: received(SEND),
		sent: counters.effects.batchMessagesSent ?? { total: 0, byPatient: {} },
		counters,
	};
}

test(
	'the batch example reports every row, sends once, and a re-run sends nothing',
	{ timeout: 5 * 60_000 },
	async () => {
		stack.sandbox.reset();
		const name = `e2e batch ${Date.now()}`;
		const workflow = await importForServer(stack, batchWorkflow(name));

		const first = await runBatch(workflow);
		assert.equal(first.lines.length, ROWS.length, 'one line per row');
		for (const [row, outcome] of Object.entries(EXPECTED))
			assert.equal(
				first.report.get(row).outcome,
				outcome,
				`row ${row}: ${first.report.get(row).detail}`,
			);
		assert.match(first.report.get('7').detail, /could not enrich.*No patient found on PDS/);
		assert.match(first.report.get('11').detail, /No mobile number on PDS/);
		assert.equal(first.creates, 1);
		assert.equal(first.sends, 1);
		assert.equal(first.sent.total, DUE.length, 'Hero sent one message per due row');
		assert.ok(Object.values(first.sent.byPatient).every((count) => count === 1));
		const batches = stack.sandbox.state.batches;
		assert.equal(batches.size, 1);
		const [batch] = [...batches.values()];
		assert.equal(batch.name, name);
		// Only rows that passed the checks went to Hero: the two bad NHS numbers and the bad date did not.
		assert.equal(batch.recipients.length, ROWS.length - 3);
		assert.equal(first.counters.validationFailures, 0);

		const second = await runBatch(workflow);
		assert.equal(second.creates, 1, 'no second batch');
		assert.equal(second.sends, 1, 'the batch is not sent again');
		assert.equal(second.sent.total, DUE.length);
		for (const row of DUE)
			assert.equal(second.report.get(row).outcome, 'already sent', `row ${row}`);
		for (const row of Object.keys(EXPECTED).filter((row) => !DUE.includes(row)))
			assert.equal(second.report.get(row).outcome, EXPECTED[row], `row ${row}`);
		assert.equal(second.lines.length, ROWS.length);
	},
);

test(
	'a batch a stopped run created but did not send is sent by the re-run, not created again',
	{ timeout: 3 * 60_000 },
	async () => {
		stack.sandbox.reset();
		const name = `e2e batch stopped ${Date.now()}`;
		const workflow = await importForServer(stack, batchWorkflow(name));
		// What a run stopped between Create Batch and Send Batch leaves in Hero.
		const left = await heroApi(stack, 'POST', '/v1/batch_message', {
			name,
			channel: 'SMS',
			content: 'You are due your annual asthma review.',
			recipients: [
				{ nhs_number: '9990001006', dob: '1985-03-14' },
				{ nhs_number: '9990001073', dob: '1972-11-02' },
			],
		});
		// Someone else's batch, already sent, with another name: left alone.
		const other = await heroApi(stack, 'POST', '/v1/batch_message', {
			name: `${name} (other)`,
			channel: 'SMS',
			content: 'Other',
			recipients: [{ nhs_number: '9990001146', dob: '1998-07-21' }],
		});
		await heroApi(stack, 'PATCH', `/v1/batch_message/${other.id}/send`);

		const run = await runBatch(workflow);
		assert.equal(run.creates, 2, 'the workflow created no batch');
		assert.equal(run.sends, 2, 'it sent the batch it found');
		assert.equal(stack.sandbox.state.batches.get(left.id).status, 'COMPLETED');
		assert.equal(run.report.get('2').outcome, 'sent');
		assert.equal(run.report.get('3').outcome, 'sent');
		assert.match(run.report.get('2').detail, new RegExp(`\\(${left.id}\\)`));
		// Rows the stopped run's batch does not hold are reported, not sent.
		assert.equal(run.report.get('4').outcome, 'error');
		assert.match(run.report.get('4').detail, /Not in batch/);
		assert.equal(run.sent.byPatient['1003'], 1, 'only by the other batch');
		assert.equal(run.sent.total, 3);
	},
);
