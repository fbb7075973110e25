// @ts-check
// End-to-end: the package in a real n8n 2.41.1 (on Node 24) against the local Hero sandbox.
// One n8n server for the whole file; workflows run through the CLI (import + execute) or, for the
// trigger, through activation and real signed webhook deliveries.
// `npm run test:e2e` (installs Node 24 and n8n into ~/.cache/herohealth the first time: ~6 min).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
	NODE_TYPES,
	SANDBOX_CREDENTIAL,
	activate,
	deactivate,
	readExample,
} from '../../scripts/n8n-runtime.mjs';
import { ROWS } from '../../scripts/make-recall-sample.mjs';
import {
	control,
	deliver,
	deliveriesTo,
	executions,
	forgedDeliveries,
	importExamples,
	importForServer,
	importTrigger,
	nodeItems,
	parseCsv,
	reserveAndConfirm,
	runInServer,
	runWorkflow,
	settleWebhooks,
	sleep,
	useStack,
	triggerNode,
	triggerUrl,
	waitForRuns,
	webhookIds,
	webhooksAt,
} from './harness.mjs';

/** @type {import('./harness.mjs').Stack} */
let stack;
useStack((ready) => (stack = ready));

/** A route's counter in the sandbox (requests received, answers by status). @param {any} counters @param {string} route */
function route(counters, route) {
	return counters.requests[route] ?? { received: 0, answered: {} };
}

test('n8n loads the package under the names the examples are imported with', async () => {
	const types = await stack.rest.call('GET', '/types/nodes.json');
	const names = new Set(
		(Array.isArray(types) ? types : []).map((/** @type {any} */ type) => type.name),
	);
	assert.ok(names.has(NODE_TYPES.action), `${NODE_TYPES.action} is loaded`);
	assert.ok(names.has(NODE_TYPES.trigger), `${NODE_TYPES.trigger} is loaded`);
	const credentials = await stack.rest.call('GET', '/types/credentials.json');
	assert.ok(credentials.some((/** @type {any} */ type) => type.name === 'heroHealthApi'));
});

describe('credential test (n8n REST: POST /rest/credentials/test)', () => {
	/** @param {Record<string, string>} change */
	async function testCredential(change) {
		const data = {
			apiKey: stack.sandbox.apiKey,
			practiceGroupId: stack.sandbox.practiceGroupId,
			environment: 'custom',
			baseUrl: stack.sandbox.url,
			...change,
		};
		return await stack.rest.call('POST', '/rest/credentials/test', {
			credentials: {
				id: SANDBOX_CREDENTIAL.id,
				name: SANDBOX_CREDENTIAL.name,
				type: 'heroHealthApi',
				data,
			},
		});
	}

	test('succeeds with the right key and calls GET /v1/me once', async () => {
		stack.sandbox.reset();
		const result = await testCredential({});
		assert.equal(result.status, 'OK', JSON.stringify(result));
		assert.equal(route(stack.sandbox.counters(), 'GET /v1/me').answered['200'], 1);
	});

	test('fails with a wrong key', async () => {
		stack.sandbox.reset();
		const result = await testCredential({ apiKey: 'not-the-sandbox-key' });
		assert.equal(result.status, 'Error', JSON.stringify(result));
		const me = route(stack.sandbox.counters(), 'GET /v1/me');
		assert.ok(me.answered['401'] >= 1, JSON.stringify(me));
		assert.equal(me.answered['200'], undefined);
	});

	test('fails with a practice group the key is not for', async () => {
		stack.sandbox.reset();
		const result = await testCredential({ practiceGroupId: '999' });
		assert.equal(result.status, 'Error', JSON.stringify(result));
		const me = route(stack.sandbox.counters(), 'GET /v1/me');
		assert.ok(me.answered['403'] >= 1, JSON.stringify(me));
		assert.equal(me.answered['200'], undefined);
	});
});

describe('example: recall campaign from a spreadsheet', () => {
	const expected = ROWS.map((entry, index) => ({
		row: String(index + 2),
		nhs_number: entry.row[0],
		outcome: entry.expect,
	}));

	/** @param {string} inputFile @param {string} resultsFile */
	async function runRecall(inputFile, resultsFile) {
		stack.sandbox.reset();
		const workflow = readExample('recall-campaign.json');
		workflow.id = `HeroRecall${inputFile.endsWith('xlsx') ? 'Xlsx' : 'Csv'}`.padEnd(16, '0');
		const settings = workflow.nodes.find((/** @type {any} */ node) => node.name === 'Settings');
		for (const field of settings.parameters.assignments.assignments) {
			if (field.name === 'inputFile')
				field.value = field.value.replace('recall-sample.csv', inputFile);
			if (field.name === 'resultsFile')
				field.value = field.value.replace('recall-results.csv', resultsFile);
			// A campaign of its own: n8n's data table remembers who each campaign messaged.
			if (field.name === 'campaign') field.value = `${field.value} (${inputFile})`;
		}
		// In the server: the CLI's `n8n execute` has no Data tables, which the example keeps its log in.
		const run = await runInServer(stack, await importForServer(stack, workflow));
		const report = nodeItems(run, 'Sort by Row');
		const sheet = parseCsv(readFileSync(join(stack.filesDir, resultsFile), 'utf8'));
		return {
			report,
			sheet,
			counters: stack.sandbox.counters(),
			state: await control(stack, 'GET', '/state'),
		};
	}

	/** @param {Awaited<ReturnType<typeof runRecall>>} result */
	function checkAgainstSandbox({ report, sheet, counters, state }) {
		// The results sheet on disk says what the workflow reported, row by row.
		assert.deepEqual(
			sheet.map((row) => [row.row, row.outcome, row.message_id]),
			report.map((row) => [String(row.row), row.outcome, String(row.message_id ?? '')]),
		);
		// Every row has the outcome its data calls for.
		assert.deepEqual(
			report.map((row) => ({
				row: String(row.row),
				nhs_number: row.nhs_number,
				outcome: row.outcome,
			})),
			expected,
		);
		// The sandbox saw exactly what the report says happened.
		const reachedPds = report.filter(
			(row) =>
				['sent', 'patient must verify', 'not found'].includes(row.outcome) ||
				(row.outcome === 'error' && row.patient_id),
		);
		const sent = report.filter((row) => row.outcome === 'sent');
		const sendFailed = report.filter((row) => row.outcome === 'error' && row.patient_id);
		const pds = route(counters, 'POST /v1/patients/register_pds');
		assert.equal(
			pds.received,
			reachedPds.length,
			'one PDS lookup per row that passed the local checks',
		);
		assert.equal(
			pds.answered['404'] ?? 0,
			report.filter((row) => row.outcome === 'not found').length,
		);
		const send = route(counters, 'POST /v1/messages/send');
		assert.equal(send.received, sent.length + sendFailed.length, 'one send per patient found');
		assert.equal(send.answered['400'] ?? 0, sendFailed.length);
		assert.equal(counters.messagesSent.total, sent.length);
		/** @type {Record<string, number>} */
		const byPatient = {};
		for (const row of sent) byPatient[row.patient_id] = (byPatient[row.patient_id] ?? 0) + 1;
		assert.deepEqual(counters.messagesSent.byPatient, byPatient);
		for (const row of sent) {
			const message = state.messages.find((/** @type {any} */ item) => item.id === row.message_id);
			assert.ok(message, `message ${row.message_id} exists in the sandbox`);
			assert.equal(message.patient_id, row.patient_id);
			assert.equal(message.message_type, 'sms');
			assert.match(
				message.content,
				new RegExp(`^Dear ${row.first_name},.*https://example\\.com/book-your-review$`),
			);
		}
		assert.equal(counters.validationFailures, 0, 'every request the node sent matched the spec');
		assert.equal(counters.faults + counters.rateLimited + counters.dropped, 0);
	}

	test(
		'CSV: every row gets its outcome and the sandbox counters match the report',
		{ timeout: 120_000 },
		async () => {
			const result = await runRecall('recall-sample.csv', 'recall-results-csv.csv');
			checkAgainstSandbox(result);
			assert.equal(result.report.filter((row) => row.outcome === 'sent').length, 4);
		},
	);

	test(
		'XLSX: the same sheet as an Excel file gives the same outcomes',
		{ timeout: 120_000 },
		async () => {
			const result = await runRecall('recall-sample.xlsx', 'recall-results-xlsx.csv');
			checkAgainstSandbox(result);
		},
	);
});

describe('example: book the first free appointment', () => {
	test(
		'finds a slot, reserves it for the patient and confirms it',
		{ timeout: 120_000 },
		async () => {
			stack.sandbox.reset();
			const [id] = await importExamples(stack, ['book-appointment.json']);
			const run = await runWorkflow(stack, id);
			const [slot] = nodeItems(run, 'Find First Free Slot');
			const [reserved] = nodeItems(run, 'Reserve Slot');
			const [confirmed] = nodeItems(run, 'Confirm Booking');
			assert.equal(slot.appointment_type_id, '32');
			assert.ok(reserved.id && reserved.reserved_until, JSON.stringify(reserved));
			assert.equal(confirmed.id, reserved.id);
			assert.equal(confirmed.status, 'confirmed');

			const counters = stack.sandbox.counters();
			assert.equal(route(counters, 'POST /v1/patients/register_pds').received, 1);
			assert.equal(route(counters, 'GET /v1/slots').received, 1);
			assert.equal(route(counters, 'POST /v1/appointments').received, 1);
			assert.equal(route(counters, 'PATCH /v1/appointments/{id}/book').received, 1);
			assert.deepEqual(counters.effects.appointmentsConfirmed?.byPatient, { 1005: 1 });
			assert.equal(counters.validationFailures, 0);

			const state = await control(stack, 'GET', '/state');
			const appointment = state.appointments.find(
				(/** @type {any} */ item) => item.id === confirmed.id,
			);
			assert.equal(appointment.status, 'confirmed');
			assert.equal(appointment.patient_id, '1005');
			assert.equal(appointment.start_time, slot.start_time);
			assert.equal(appointment.practitioner_id, slot.practitioner_id);
		},
	);
});

describe('example: text the patient when an appointment is confirmed (Hero Health Trigger)', () => {
	const example = readExample('appointment-confirmed-message.json');
	const productionUrl = () => triggerUrl(stack.n8n.url, triggerNode(example).webhookId);
	/** @type {string} */
	let workflowId;
	/** @type {string} */
	let foreignWebhookId;

	/** Waits until our webhooks (those pointing at this n8n) number `count`. @param {number} count */
	const settleAt = (count) => settleWebhooks(stack, `${stack.n8n.url}/`, count);

	/** Webhooks created and deleted at Hero since `before` (the sandbox's counters). @param {any} before */
	function webhookCalls(before) {
		const counters = stack.sandbox.counters();
		const since = (/** @type {string} */ name) =>
			route(counters, name).received - route(before, name).received;
		return { created: since('POST /v1/webhooks'), deleted: since('DELETE /v1/webhooks/{id}') };
	}

	before(async () => {
		({ workflowId, foreignId: foreignWebhookId } = await importTrigger(stack, example));
	});

	after(async () => {
		await deactivate(stack.n8n.url, stack.apiKey, workflowId).catch(() => undefined);
	});

	test('activating through n8n registers one signed webhook for the event, at the production URL', async () => {
		await activate(stack.n8n.url, stack.apiKey, workflowId);
		const hooks = await settleAt(1);
		assert.equal(hooks[0].event_type, 'appointment.confirmed');
		assert.equal(hooks[0].url, productionUrl());
		assert.ok(hooks[0].signing_key && hooks[0].signing_key.length >= 32, 'a signing key was set');
	});

	test(
		'confirming an appointment starts exactly one run, which texts the patient',
		{ timeout: 60_000 },
		async () => {
			const before = (await executions(stack, workflowId)).length;
			const sentBefore = stack.sandbox.counters().messagesSent.total;
			// A reservation made by someone else, then confirmed at the practice: Hero sends the event.
			const reserved = await reserveAndConfirm(stack, '1008');
			await stack.sandbox.settled();
			const deliveries = await deliveriesTo(stack, productionUrl());
			assert.equal(deliveries.length, 1);
			assert.equal(deliveries[0].status, 200);

			assert.ok(await waitForRuns(stack, workflowId, before + 1), 'the delivery started a run');
			await sleep(1500); // nothing else may follow
			const all = await executions(stack, workflowId, true);
			assert.equal(all.length, before + 1, 'exactly one run');
			const run = all[0];
			assert.equal(run.status, 'success', JSON.stringify(run.data?.resultData?.error ?? {}));
			const [event] = nodeItems(run, 'Appointment Confirmed');
			assert.equal(event.event, 'appointment.confirmed');
			assert.equal(String(event.id), String(reserved.id));
			const [appointment] = nodeItems(run, 'Get Appointment');
			assert.equal(appointment.patient_id, '1008');
			const [message] = nodeItems(run, 'Text the Patient');

			const counters = stack.sandbox.counters();
			assert.equal(counters.messagesSent.total, sentBefore + 1);
			assert.equal(counters.messagesSent.byPatient['1008'], 1);
			const after = await control(stack, 'GET', '/state');
			const sent = after.messages.find((/** @type {any} */ item) => item.id === message.message_id);
			assert.equal(sent.patient_id, '1008');
			assert.match(sent.content, /^Your appointment on \w+day \d+ \w+ at \d\d:\d\d is confirmed\./);
		},
	);

	test(
		'a forged or unsigned delivery gets 401 and starts nothing',
		{ timeout: 30_000 },
		async () => {
			const before = (await executions(stack, workflowId)).length;
			const sentBefore = stack.sandbox.counters().messagesSent.total;
			const [hook] = await webhooksAt(stack, productionUrl());
			for (const forged of forgedDeliveries(hook.signing_key)) {
				assert.equal(await deliver(productionUrl(), forged), 401, forged.label);
			}
			await sleep(1500);
			assert.equal((await executions(stack, workflowId)).length, before, 'no run started');
			assert.equal(stack.sandbox.counters().messagesSent.total, sentBefore);
		},
	);

	test('deactivating removes exactly our webhooks', async () => {
		await deactivate(stack.n8n.url, stack.apiKey, workflowId);
		await settleAt(0);
		assert.deepEqual(
			await webhookIds(stack),
			[foreignWebhookId],
			'the other integration’s webhook is still there',
		);
	});

	test(
		'activating and deactivating 10 times leaves no webhook behind',
		{ timeout: 120_000 },
		async () => {
			const before = stack.sandbox.counters();
			for (let i = 0; i < 10; i++) {
				await activate(stack.n8n.url, stack.apiKey, workflowId);
				await settleAt(1);
				await deactivate(stack.n8n.url, stack.apiKey, workflowId);
				await settleAt(0);
			}
			const { created, deleted } = webhookCalls(before);
			assert.equal(created, 10);
			assert.equal(deleted, 10);
			assert.deepEqual(await webhookIds(stack), [foreignWebhookId]);
		},
	);

	test(
		'activating and deactivating 10 times in quick succession also leaves none behind',
		{ timeout: 120_000 },
		async () => {
			const before = stack.sandbox.counters();
			for (let i = 0; i < 10; i++) {
				await activate(stack.n8n.url, stack.apiKey, workflowId);
				await deactivate(stack.n8n.url, stack.apiKey, workflowId);
			}
			await sleep(3000);
			await settleAt(0);
			const { created, deleted } = webhookCalls(before);
			assert.equal(created, deleted, 'every webhook made was deleted again');
			assert.deepEqual(await webhookIds(stack), [foreignWebhookId]);
		},
	);

	test('a trigger with several events registers one webhook per event and removes them all', async () => {
		const multi = structuredClone(example);
		multi.id = 'HeroTriggerMulti';
		multi.name = 'Hero Health: several events';
		const node = triggerNode(multi);
		node.webhookId = '6c1f0a52-7d0e-4a8e-9a51-3f2b9d2c4e11';
		node.parameters.events = [
			'appointment.cancelled',
			'appointment.confirmed',
			'prescription.issued',
		];
		const [id] = await importExamples(stack, [multi]);
		await activate(stack.n8n.url, stack.apiKey, id);
		try {
			const hooks = await settleAt(3);
			assert.deepEqual(hooks.map((/** @type {any} */ hook) => hook.event_type).sort(), [
				'appointment.cancelled',
				'appointment.confirmed',
				'prescription.issued',
			]);
			assert.ok(
				hooks.every(
					(/** @type {any} */ hook) => hook.url === triggerUrl(stack.n8n.url, node.webhookId),
				),
			);
		} finally {
			await deactivate(stack.n8n.url, stack.apiKey, id);
		}
		await settleAt(0);
	});
});
