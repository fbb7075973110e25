// @ts-check
// Message → Send's Campaign Options in a real n8n 2.41.1 (SQLite): the once-per-campaign record is
// n8n's own (its processed_data table), so a second run of the workflow, a new process, sends
// nobody twice; Preview calls nothing that changes Hero.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { control, importForServer, nodeItems, runInServer, useStack } from './harness.mjs';

/** @type {import('./harness.mjs').Stack} */
let stack;
useStack((ready) => {
	stack = ready;
});

const ROWS = 12;

/** @param {Record<string, unknown>} campaignOptions @param {Record<string, unknown>} [hero] */
function workflow(campaignOptions, hero = {}) {
	return {
		name: `Campaign options ${Math.random().toString(36).slice(2, 8)}`,
		settings: { executionOrder: 'v1', timezone: 'Europe/London' },
		nodes: [
			{
				id: 'trigger',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'rows',
				name: 'Rows',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					jsCode: `return Array.from({ length: ${ROWS} }, (_, row) => ({ json: { row, patient_id: String(1001 + row) } }));`,
				},
			},
			{
				id: 'hero',
				name: 'Hero Health',
				type: 'n8n-nodes-herohealth.heroHealth',
				typeVersion: 1,
				position: [400, 0],
				credentials: { heroHealthApi: { id: 'x', name: 'x' } },
				parameters: {
					resource: 'message',
					operation: 'send',
					patientId: { __rl: true, mode: 'id', value: '={{ $json.patient_id }}' },
					messageType: 'sms',
					messageText: 'Your flu jab is due: book at the surgery.',
					additionalFields: {},
					campaignOptions,
					...hero,
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Hero Health', type: 'main', index: 0 }]] },
		},
	};
}

/** Requests by route the sandbox received. */
async function received() {
	const counters = await control(stack, 'GET', '/counters');
	return Object.fromEntries(
		Object.entries(counters.requests)
			.filter(([, route]) => /** @type {any} */ (route).received > 0)
			.map(([name, route]) => [name, /** @type {any} */ (route).received]),
	);
}

describe('Campaign Options in a real n8n', () => {
	it('once per campaign: the second run, a new execution, sends nobody twice', async () => {
		await control(stack, 'POST', '/reset');
		const send = await importForServer(stack, workflow({ campaignName: 'Flu e2e' }));
		const first = nodeItems(await runInServer(stack, send), 'Hero Health');
		assert.equal(first.length, ROWS);
		assert.ok(first.every((item) => item.campaign_outcome === 'sent'));
		const second = nodeItems(await runInServer(stack, send), 'Hero Health');
		assert.deepEqual(
			second.map((item) => item.campaign_outcome),
			Array(ROWS).fill('already sent'),
		);
		const counters = await control(stack, 'GET', '/counters');
		assert.equal(counters.messagesSent.total, ROWS);
	});

	it('preview calls nothing that changes Hero', async () => {
		await control(stack, 'POST', '/reset');
		const preview = await importForServer(
			stack,
			workflow({ preview: true, campaignName: 'Preview e2e' }),
		);
		const items = nodeItems(await runInServer(stack, preview), 'Hero Health');
		assert.equal(items.length, ROWS + 1);
		const { campaign_note: note, ...summary } = items[ROWS];
		assert.deepEqual(summary, {
			summary: true,
			preview: true,
			messages: ROWS,
			by_channel: { sms: ROWS },
			sms_parts: ROWS,
			sms_credits: 1000,
			enough_sms_credits: true,
		});
		// A campaign's preview says it did not read the campaign record (reading it writes to it).
		assert.match(String(note), /^Preview does not read the campaign record/);
		assert.deepEqual(await received(), { 'GET /v1/me/sms-credits': 1 });
	});
});
