// @ts-check
// End-to-end: n8n's own AI Agent uses the Hero Health tool. A real n8n 2.41.1 runs a workflow with
// the AI Agent, the OpenAI Chat Model (its credential's Base URL points at a scripted
// chat-completions endpoint, sandbox/scripted-model.mjs) and two Hero Health tools whose fields the
// model fills with $fromAI. The script does what a model would: trace the patient on PDS, send them
// a message with the patient ID the trace returned, then answer. The sandbox proves both Hero calls;
// the model's log shows what the agent was told and what it got back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { importCredential, SANDBOX_CREDENTIAL } from '../../scripts/n8n-runtime.mjs';
import { startScriptedModel } from '../../sandbox/scripted-model.mjs';
import { control, importExamples, nodeItems, runWorkflow, startStack } from './harness.mjs';

// A person on the sandbox's NHS Spine who is not yet a patient of the practice.
const PERSON = { nhs_number: '9990002541', dob: '1999-09-09', mobile: '07700900022' };
const TEXT = 'Hello Isla, your flu vaccination is due. Book at https://example.com/flu';
const MODEL_CREDENTIAL = { id: 'ScriptedModel001', name: 'Scripted model (local)' };

/** @type {import('./harness.mjs').Stack} */
let stack;
/** @type {Awaited<ReturnType<typeof startScriptedModel>>} */
let model;

before(
	async () => {
		model = await startScriptedModel({
			steps: [
				{
					tool: /PDS/,
					args: () => ({ nhs_number: PERSON.nhs_number, date_of_birth: PERSON.dob }),
				},
				{
					tool: /^Send a patient a message/,
					args: ([trace]) => ({ patient_id: patientIdIn(trace), message: TEXT }),
				},
			],
			finalAnswer: ([, sent]) => `Done: message ${JSON.stringify(sent)}`,
		});
		stack = await startStack();
		await importCredential(stack.runtime, stack.env, {
			...MODEL_CREDENTIAL,
			type: 'openAiApi',
			data: { apiKey: 'scripted-model-key', url: model.url },
		});
	},
	{ timeout: 15 * 60_000 },
);

after(async () => {
	await stack?.stop();
	await model?.stop();
});

/** The patient_id in a tool result, whatever n8n wrapped it in. @param {unknown} result */
function patientIdIn(result) {
	const match = JSON.stringify(result).match(/"patient_id":"?(\d+)/);
	if (!match) throw new Error(`no patient_id in the trace result: ${JSON.stringify(result)}`);
	return match[1];
}

/** The first object with `key` anywhere in a tool result. @param {unknown} value @param {string} key @returns {any} */
function findWith(value, key) {
	if (typeof value === 'string') {
		try {
			return findWith(JSON.parse(value), key);
		} catch {
			return undefined;
		}
	}
	if (Array.isArray(value)) {
		for (const entry of value) {
			const found = findWith(entry, key);
			if (found) return found;
		}
		return undefined;
	}
	if (value && typeof value === 'object') {
		if (key in value) return value;
		for (const entry of Object.values(value)) {
			const found = findWith(entry, key);
			if (found) return found;
		}
	}
	return undefined;
}

function agentWorkflow() {
	const heroTool = (
		/** @type {string} */ name,
		/** @type {number} */ y,
		/** @type {Record<string, unknown>} */ parameters,
	) => ({
		id: `tool-${y}`,
		name,
		type: 'n8n-nodes-herohealth.heroHealthTool',
		typeVersion: 1,
		position: [560, y],
		parameters,
		credentials: { heroHealthApi: { ...SANDBOX_CREDENTIAL } },
	});
	const toAgent = (/** @type {string} */ type) => ({
		[type]: [[{ node: 'AI Agent', type, index: 0 }]],
	});
	return {
		id: 'HeroAgentE2e0001',
		name: 'Hero Health: agent traces and messages a patient',
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [240, 0],
				parameters: {
					promptType: 'define',
					text: `Trace the patient with NHS number ${PERSON.nhs_number}, born ${PERSON.dob}, and text them: ${TEXT}`,
					options: { enableStreaming: false },
				},
			},
			{
				id: 'model',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [160, 240],
				parameters: { model: { __rl: true, mode: 'id', value: 'scripted-model' }, options: {} },
				credentials: { openAiApi: { ...MODEL_CREDENTIAL } },
			},
			heroTool('Trace patient', 240, {
				resource: 'patient',
				operation: 'pdsLookup',
				lookupBy: 'nhsNumber',
				nhsNumber: "={{ $fromAI('nhs_number', 'The patient’s 10-digit NHS number', 'string') }}",
				dateOfBirth: "={{ $fromAI('date_of_birth', 'Date of birth as YYYY-MM-DD', 'string') }}",
				options: {},
			}),
			// Simplify (`simple`) is not set: the tool's default (on) applies.
			heroTool('Send message', 400, {
				resource: 'message',
				operation: 'send',
				patientId: {
					__rl: true,
					mode: 'id',
					value: "={{ $fromAI('patient_id', 'The Hero patient ID from the PDS trace', 'string') }}",
				},
				messageType: 'sms',
				messageText: "={{ $fromAI('message', 'The text to send the patient', 'string') }}",
				additionalFields: {},
			}),
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': toAgent('ai_languageModel'),
			'Trace patient': toAgent('ai_tool'),
			'Send message': toAgent('ai_tool'),
		},
		settings: { executionOrder: 'v1' },
	};
}

test(
	'the AI Agent traces a patient on PDS, then messages them, and gets Simplify’s output back',
	{ timeout: 240_000 },
	async () => {
		stack.sandbox.reset();
		const [id] = await importExamples(stack, [agentWorkflow()]);
		const run = await runWorkflow(stack, id);
		assert.deepEqual(model.problems(), []);

		// The model was asked three times: to start, after the trace, after the send.
		const requests = model.requests();
		assert.equal(requests.length, 3, JSON.stringify(requests.map((r) => r.messages.length)));
		const tools = requests[0].tools ?? [];
		assert.deepEqual(tools.map((tool) => tool.function.name).sort(), [
			'Send_message',
			'Trace_patient',
		]);
		const described = Object.fromEntries(
			tools.map((tool) => [tool.function.name, tool.function.description]),
		);
		assert.match(described.Trace_patient, /PDS.*register them if new in Hero Health$/);
		assert.match(described.Send_message, /cannot be unsent and uses SMS credits.* in Hero Health$/);
		assert.deepEqual(
			Object.keys(
				tools.find((t) => t.function.name === 'Send_message')?.function.parameters.properties ?? {},
			).sort(),
			['message', 'patient_id'],
		);

		// The sandbox: one PDS trace that registered the person, one SMS to them with the text.
		const counters = stack.sandbox.counters();
		assert.equal(counters.requests['POST /v1/patients/register_pds']?.answered['200'], 1);
		assert.equal(counters.requests['POST /v1/messages/send']?.answered['200'], 1);
		const created = Object.keys(counters.effects.patientsCreated?.byPatient ?? {});
		assert.equal(created.length, 1, JSON.stringify(counters.effects));
		const [patientId] = created;
		assert.deepEqual(counters.messagesSent, { total: 1, byPatient: { [patientId]: 1 } });
		const state = await control(stack, 'GET', '/state');
		const patient = state.patients.find((/** @type {any} */ entry) => entry.id === patientId);
		assert.equal(patient.nhs_number, PERSON.nhs_number);
		assert.equal(state.messages.length, 1);
		assert.deepEqual(
			{
				patient_id: state.messages[0].patient_id,
				message_type: state.messages[0].message_type,
				content: state.messages[0].content,
				recipient: state.messages[0].recipient_contact_detail,
			},
			{ patient_id: patientId, message_type: 'sms', content: TEXT, recipient: PERSON.mobile },
		);
		assert.equal(counters.validationFailures, 0);

		// What the agent got back from the send, and handed the model: Simplify's fields only.
		const toolResults = requests[2].messages.filter((message) => message.role === 'tool');
		assert.equal(toolResults.length, 2);
		const sent = findWith(toolResults[1].content, 'message_id');
		assert.ok(sent, `message_id in ${JSON.stringify(toolResults[1].content)}`);
		assert.deepEqual(Object.keys(sent).sort(), [
			'content',
			'created_at',
			'message_id',
			'sms_encoding',
			'sms_parts',
			'write_to_record',
		]);
		assert.equal(sent.message_id, state.messages[0].id);
		assert.equal(sent.content, TEXT);
		assert.equal(patientIdIn(JSON.parse(String(toolResults[0].content))), patientId);

		// The agent's answer is the script's final answer, built from that result.
		const [answer] = nodeItems(run, 'AI Agent');
		assert.match(answer.output, new RegExp(`^Done: message .*${state.messages[0].id}`));
	},
);
