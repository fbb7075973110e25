// @ts-check
// The campaign workflow the bench runs and the targets it compares (our node, HTTP Request, NoOp).
import { randomBytes } from 'node:crypto';
import { newId, NODE_TYPES } from '../n8n-runtime.mjs';

import { PATIENTS } from './common.mjs';

// ------------------------------------------------------------------------------------------------
// Workflows

/** @param {string} name @param {Record<string, unknown>} target */
export function campaignWorkflow(name, target) {
	const path = `bench-${name}-${randomBytes(3).toString('hex')}`;
	return {
		id: newId(),
		name: `bench ${name}`,
		path,
		nodes: [
			{
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'noData',
					options: {},
				},
				id: randomBytes(8).toString('hex'),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomBytes(16).toString('hex'),
			},
			{
				parameters: {
					jsCode: [
						"const { rows = 10, runId = 'x' } = $('Webhook').first().json.body;",
						`const patients = ${JSON.stringify(PATIENTS)};`,
						'const out = [];',
						'for (let i = 0; i < rows; i++) {',
						'  out.push({ json: { row: i, patientId: patients[i % patients.length], text: `Bench ${runId} row ${i}` } });',
						'}',
						'return out;',
					].join('\n'),
				},
				id: randomBytes(8).toString('hex'),
				name: 'Rows',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
			},
			{ id: randomBytes(8).toString('hex'), name: 'Target', position: [400, 0], ...target },
		],
		connections: {
			Webhook: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Target', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export const HERO_CREDENTIAL = { id: 'BenchHeroCred001', name: 'Hero sandbox (bench)' };
export const HEADER_CREDENTIAL = { id: 'BenchHeaderCred1', name: 'Hero API key header (bench)' };

/** @param {number} concurrency */
export function heroTarget(concurrency) {
	return {
		type: NODE_TYPES.action,
		typeVersion: 1,
		parameters: {
			resource: 'message',
			operation: 'send',
			patientId: { __rl: true, mode: 'id', value: '={{ $json.patientId }}' },
			messageType: 'sms',
			messageText: '={{ $json.text }}',
			additionalFields: {},
			// The bench measures sending, like the HTTP Request variants, which read no credits (and
			// the sandbox has 1,000, fewer than a 2,000-row run needs).
			campaignOptions: { checkSmsCredits: false },
			requestOptions: { concurrency },
		},
		credentials: { heroHealthApi: HERO_CREDENTIAL },
	};
}

/** @param {string} sandboxUrl @param {string} practiceGroupId @param {number} [batchSize] */
export function httpTarget(sandboxUrl, practiceGroupId, batchSize) {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${sandboxUrl}/v1/messages/send`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'x-practice-group-id', value: practiceGroupId }] },
			sendBody: true,
			bodyParameters: {
				parameters: [
					{ name: 'patient_id', value: '={{ $json.patientId }}' },
					{ name: 'message_type', value: 'sms' },
					{ name: 'message_string', value: '={{ $json.text }}' },
				],
			},
			options: batchSize ? { batching: { batch: { batchSize, batchInterval: 1 } } } : {},
		},
		credentials: { httpHeaderAuth: HEADER_CREDENTIAL },
	};
}

export const NOOP_TARGET = { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
