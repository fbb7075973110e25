// @ts-check
// End-to-end: re-running the recall campaign example (examples/recall-campaign.json) in a real
// n8n 2.41.1 is safe. A first run with failures injected (Hero refuses one patient's send, and
// answers 500 to one PDS lookup), then a second run over the same spreadsheet, then a third: the
// sandbox's counters prove every patient due a message got exactly one, and the last run sent
// nothing. The record of who was messaged is kept by the Hero Health node itself (Send → Campaign
// Options → Once per Campaign, in n8n's database), keyed by campaign + NHS number. A send that may
// have reached Hero is reported "check in Hero" and not sent until Settings releases it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';

import { publicApi, readExample } from '../../scripts/n8n-runtime.mjs';
import { ROWS } from '../../scripts/make-recall-sample.mjs';
import {
	control,
	importForServer,
	nodeItems,
	runInServer,
	useStack,
	webhookIs,
} from './harness.mjs';

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
		released: nodeItems(run, 'Send Again Next Run'),
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
				assert.equal(now.detail, 'Messaged in an earlier run of this campaign');
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

/**
 * Changes the example's Settings in n8n (same workflow, so the node's campaign record stays) and
 * publishes the change, as a user editing Settings and saving would.
 * @param {{ id: string, path: string }} workflow @param {Record<string, unknown>} values
 */
async function changeSettings(workflow, values) {
	const api = (/** @type {string} */ verb, /** @type {string} */ to, /** @type {unknown} */ body) =>
		publicApi(stack.n8n.url, stack.apiKey, verb, to, body);
	const stored = (await api('GET', `/workflows/${workflow.id}`)).body;
	const settings = stored.nodes.find((/** @type {any} */ node) => node.name === 'Settings');
	for (const field of settings.parameters.assignments.assignments)
		if (field.name in values) field.value = values[field.name];
	const { name, nodes, connections } = stored;
	const put = await api('PUT', `/workflows/${workflow.id}`, {
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	});
	assert.equal(put.status, 200, JSON.stringify(put.body));
	// n8n runs the published version: publish the edit (deactivate, then activate). Both go through
	// n8n's outbox, so wait for each: a run while the old registration is still there runs the old
	// version.
	await api('POST', `/workflows/${workflow.id}/deactivate`);
	assert.ok(await webhookIs(stack, workflow.path, false), 'the old version is unpublished');
	const published = await api('POST', `/workflows/${workflow.id}/activate`);
	assert.equal(published.status, 200, JSON.stringify(published.body));
	assert.ok(await webhookIs(stack, workflow.path, true), 'the webhook is registered again');
}

test(
	'a send with no answer is reported "check in Hero" and not sent again; released in Settings, the next run sends it',
	{ timeout: 4 * 60_000 },
	async () => {
		stack.sandbox.reset();
		const id = await importForServer(stack, recallWorkflow(`e2e recall unknown ${Date.now()}`));
		// Hero gets the first send but n8n never learns whether it went: a 500 before Hero stored
		// anything (as a proxy would answer), so the patient has no message, and no one knows.
		await control(stack, 'POST', '/config', {
			faultNext: 1,
			faultStatus: 500,
			nextOnRoute: SEND,
		});
		const run = await runRecall(id);
		await control(stack, 'POST', '/config', { faultStatus: 503, nextOnRoute: '' });
		const unknown = [...run.report.values()].filter((row) => row.outcome === 'check in Hero');
		assert.equal(unknown.length, 1, 'one send without an answer');
		const [row] = unknown;
		assert.match(row.detail, /check in Hero/);
		assert.equal(run.sends, DUE.length - 1);
		assert.equal(run.counters.messagesSent.byPatient[row.patient_id], undefined);
		assert.equal(run.lines, ROWS.length);

		// The next run does not send it: the node cannot know whether it went.
		const next = await runRecall(id);
		assert.equal(next.report.get(String(row.row)).outcome, 'check in Hero');
		assert.equal(next.sends, run.sends, 'nothing sent');
		for (const due of DUE.filter((due) => due !== String(row.row)))
			assert.equal(next.report.get(due).outcome, 'already sent', `row ${due}`);

		// The practice checks Hero (no message there) and releases the patient in Settings.
		await changeSettings(id, { releaseAfterChecking: `=${JSON.stringify([row.nhs_number])}` });
		const released = await runRecall(id);
		assert.deepEqual(
			released.released.map((item) => item.released),
			[true],
			'the run released the patient first',
		);
		assert.equal(released.report.get(String(row.row)).outcome, 'sent');
		assert.equal(released.sends, run.sends + 1);
		assert.equal(released.counters.messagesSent.byPatient[row.patient_id], 1);
		assert.equal(released.counters.messagesSent.total, DUE.length);
		for (const due of DUE.filter((due) => due !== String(row.row)))
			assert.equal(released.report.get(due).outcome, 'already sent', `row ${due}`);
	},
);
