// @ts-check
// The package in n8n's editor, in a real browser: Debian's Chromium driven by playwright-core,
// against the same local n8n 2.41.1 + Hero sandbox as `npm start` (test/e2e/harness.mjs starts
// them). `npm run test:ui`. A failing step leaves a screenshot (and n8n's log) in test-results/ui/.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { REPO_ROOT, deactivate, importWorkflows, readExample } from '../../scripts/n8n-runtime.mjs';
import {
	control,
	importExamples,
	parseCsv,
	reserveAndConfirm,
	startStack,
	waitFor,
	webhooksAt,
} from '../e2e/harness.mjs';
import {
	addHeroHealthAction,
	canvasNode,
	closeNode,
	createCredentialInForm,
	executeOpenNode,
	executeWorkflowInEditor,
	fillCredentialField,
	openBrowser,
	openNode,
	openWorkflow,
	pickFromList,
	saveCredential,
	signIn,
} from './browser.mjs';
import { actionDescription, operationWorkflows } from './operations.mjs';

/**
 * The operations the built node offers (every Operation option of every resource): what n8n's node
 * creator counts as its actions.
 * @param {{ properties: Array<{ name: string, options?: unknown[] }> }} description
 */
const operationCount = (description) =>
	description.properties
		.filter((property) => property.name === 'operation')
		.reduce((count, property) => count + (property.options?.length ?? 0), 0);

const ARTIFACTS = join(REPO_ROOT, 'test-results', 'ui');

/** @type {import('../e2e/harness.mjs').Stack} */
let stack;
/** @type {Awaited<ReturnType<typeof openBrowser>>} */
let browser;
/** @type {import('playwright-core').Page} */
let page;
let failures = 0;

before(
	async () => {
		stack = await startStack();
		browser = await openBrowser();
		page = browser.page;
	},
	{ timeout: 15 * 60_000 },
);

after(async () => {
	await browser?.close();
	if (failures && stack) {
		mkdirSync(ARTIFACTS, { recursive: true });
		copyFileSync(stack.n8n.log, join(ARTIFACTS, 'n8n.log'));
	}
	await stack?.stop();
});

/**
 * A browser test: on failure, a screenshot named after the test goes to test-results/ui/.
 * @param {string} name @param {() => Promise<void>} fn @param {number} [timeout]
 */
function uiTest(name, fn, timeout = 5 * 60_000) {
	test(name, { timeout }, async () => {
		try {
			await fn();
		} catch (error) {
			failures++;
			mkdirSync(ARTIFACTS, { recursive: true });
			const file = join(ARTIFACTS, `${name.replace(/[^\w]+/g, '-').slice(0, 80)}.png`);
			await page?.screenshot({ path: file }).catch(() => undefined);
			console.log(`# screenshot: ${file}`);
			throw error;
		}
	});
}

/** How often the sandbox answered a route with a status. @param {string} route @param {number} status */
function answered(route, status) {
	return stack.sandbox.counters().requests[route]?.answered?.[String(status)] ?? 0;
}

uiTest('signs in to n8n through its sign-in page', async () => {
	await signIn(page, stack.n8n.url);
	assert.doesNotMatch(new URL(page.url()).pathname, /signin/);
});

uiTest('credential form: Test fails clearly with a wrong key, then succeeds', async () => {
	const refused = answered('GET /v1/me', 401);
	const accepted = answered('GET /v1/me', 200);
	await createCredentialInForm(page, stack.n8n.url, {
		apiKey: 'not-the-sandbox-key',
		practiceGroupId: stack.sandbox.practiceGroupId,
		baseUrl: stack.sandbox.url,
	});
	const wrong = await saveCredential(page);
	assert.equal(wrong.ok, false, wrong.text);
	assert.match(wrong.text, /Couldn’t connect with these settings/);
	assert.match(wrong.text, /API key|401|Unauthori[sz]ed/i, `the reason is shown: ${wrong.text}`);
	assert.doesNotMatch(wrong.text, /not-the-sandbox-key/, 'the key is not echoed');

	await fillCredentialField(page, 'apiKey', stack.sandbox.apiKey);
	const right = await saveCredential(page);
	assert.equal(right.ok, true, right.text);
	assert.match(right.text, /Connection tested successfully/);
	// Each verdict came from the sandbox (n8n may test a saved credential more than once).
	assert.ok(answered('GET /v1/me', 401) > refused, 'the wrong key reached the sandbox');
	assert.ok(answered('GET /v1/me', 200) > accepted, 'the right key reached the sandbox');
});

uiTest(
	'node creator: "Hero" finds Hero Health; Message → Send with a patient from the list runs from the editor',
	async () => {
		const { ndv, actionsCount } = await addHeroHealthAction(
			page,
			stack.n8n.url,
			'Send a patient a message now',
		);
		assert.equal(actionsCount, `Actions (${operationCount(actionDescription())})`);
		assert.equal(
			await ndv.getByTestId('parameter-input-resource').locator('input').inputValue(),
			'Message',
		);
		assert.equal(
			await ndv.getByTestId('parameter-input-operation').locator('input').inputValue(),
			'Send',
		);

		await pickFromList(page, 'patientId', 'Olivia Bennett', 'Bennett');
		await ndv
			.getByTestId('parameter-input-messageText')
			.locator('textarea')
			.fill('Hello from the UI test');
		const sentBefore = stack.sandbox.counters().messagesSent.total;
		const output = await executeOpenNode(page);
		await output.getByText('Hello from the UI test').first().waitFor();
		assert.match(await output.getByTestId('ndv-items-count').innerText(), /^1 item/);

		const counters = stack.sandbox.counters();
		assert.equal(counters.messagesSent.total, sentBefore + 1, 'exactly one message sent');
		const state = await control(stack, 'GET', '/state');
		const message = state.messages.at(-1);
		assert.equal(message.patient_id, '1001');
		assert.equal(message.content, 'Hello from the UI test');
		assert.match(
			await output.innerText(),
			new RegExp(String(message.id)),
			'its ID is in the output',
		);
	},
);

uiTest(
	'resource locators: a location and an appointment type picked from the sandbox’s lists',
	async () => {
		const description = actionDescription();
		const empty = { __rl: true, mode: 'list', value: '' };
		const [id] = await importWorkflows(stack.runtime, stack.env, [
			{
				name: 'UI check: lists',
				nodes: [
					{
						id: 'ui-reserve',
						name: 'Reserve',
						type: 'CUSTOM.heroHealth',
						typeVersion: description.version,
						position: [0, 0],
						parameters: {
							resource: 'booking',
							operation: 'reserve',
							locationId: empty,
							appointmentTypeId: empty,
							patientId: '1001',
							startTime: '2026-12-01T09:00:00',
						},
						credentials: {
							heroHealthApi: { id: 'HeroSandboxCred1', name: 'Hero Health (local sandbox)' },
						},
					},
				],
				connections: {},
			},
		]);
		await openWorkflow(page, stack.n8n.url, id);
		const ndv = await openNode(page, 'Reserve');
		await pickFromList(page, 'locationId', 'Riverside Surgery');
		await pickFromList(page, 'appointmentTypeId', 'GP Appointment');
		for (const parameter of ['locationId', 'appointmentTypeId']) {
			const field = ndv.getByTestId(`parameter-input-${parameter}`);
			assert.equal(await field.getByTestId('parameter-issues').count(), 0, `${parameter} is set`);
		}
		await closeNode(page);
	},
);

/**
 * Opens a workflow and then each node's panel; answers what n8n marks as wrong: an issue marker
 * on a node, a panel showing another operation, parameter issues in a panel.
 * @param {{ id: string, name: string, nodes: Array<{ name: string }> }} workflow
 */
async function problemsIn(workflow) {
	/** @type {string[]} */
	const problems = [];
	await openWorkflow(page, stack.n8n.url, workflow.id);
	await page
		.getByTestId('canvas-node')
		.nth(workflow.nodes.length - 1)
		.waitFor();
	for (const node of workflow.nodes) {
		if (await canvasNode(page, node.name).getByTestId('node-issues').count()) {
			problems.push(`${workflow.name} → ${node.name}: issue marker on the canvas`);
		}
		const ndv = await openNode(page, node.name);
		const operation = ndv.getByTestId('parameter-input-operation').locator('input');
		await operation.waitFor();
		if ((await operation.inputValue()) !== node.name) {
			problems.push(`${workflow.name} → ${node.name}: panel shows ${await operation.inputValue()}`);
		}
		const issues = ndv.getByTestId('parameter-issues');
		if (await issues.count()) {
			const fields = await ndv
				.locator('[data-test-id$="-parameter-input-issues-container"]')
				.filter({ has: issues })
				.evaluateAll((elements) =>
					elements.map((element) =>
						String(element.getAttribute('data-test-id')).replace(
							/-parameter-input-issues-container$/,
							'',
						),
					),
				);
			problems.push(
				`${workflow.name} → ${node.name}: parameter issues (${fields.join(', ') || 'see screenshot'})`,
			);
		}
		await closeNode(page);
	}
	return problems;
}

uiTest(
	'every resource and operation: a correctly filled node shows no parameter issue',
	async () => {
		const workflows = operationWorkflows(actionDescription());
		const operations = operationCount(actionDescription());
		assert.equal(
			workflows.reduce((count, workflow) => count + workflow.nodes.length, 0),
			operations,
			`${operations} operations`,
		);
		// A control node missing its message: the same checks, done the same way (no waiting for
		// markers), must see its issue, on the canvas and in the panel.
		const control = structuredClone(workflows.find((workflow) => workflow.resource === 'message'));
		assert.ok(control);
		control.id = 'UiCheckControl01';
		control.name = 'UI check: control';
		control.nodes = control.nodes.filter((/** @type {any} */ node) => node.name === 'Send');
		control.nodes[0].parameters.messageText = '';
		await importWorkflows(stack.runtime, stack.env, [control, ...workflows]);

		const controlProblems = await problemsIn(control);
		assert.equal(controlProblems.length, 2, controlProblems.join('\n'));
		assert.match(controlProblems[0], /control → Send: issue marker on the canvas/);
		assert.match(controlProblems[1], /control → Send: parameter issues/);

		/** @type {string[]} */
		const problems = [];
		for (const workflow of workflows) problems.push(...(await problemsIn(workflow)));
		assert.deepEqual(problems, []);
	},
	12 * 60_000,
);

uiTest('example: recall campaign runs from the editor and writes its results sheet', async () => {
	stack.sandbox.reset();
	const [id] = await importExamples(stack, ['recall-campaign.json']);
	await openWorkflow(page, stack.n8n.url, id);
	await executeWorkflowInEditor(page, 'Write Results Sheet');
	const ndv = await openNode(page, 'Sort by Row');
	const count = await ndv.getByTestId('output-panel').getByTestId('ndv-items-count').innerText();
	const sheet = parseCsv(readFileSync(join(stack.filesDir, 'recall-results.csv'), 'utf8'));
	assert.match(count, new RegExp(`^${sheet.length} items`));
	assert.ok(sheet.some((row) => row.outcome === 'sent'));
	await ndv.getByTestId('output-panel').getByText('sent').first().waitFor();
	await closeNode(page);
	assert.equal(
		stack.sandbox.counters().messagesSent.total,
		sheet.filter((row) => row.outcome === 'sent').length,
	);
});

uiTest('example: book the first free appointment runs from the editor', async () => {
	stack.sandbox.reset();
	const confirmedNow = async () =>
		(await control(stack, 'GET', '/state')).appointments.filter(
			(/** @type {any} */ item) => item.status === 'confirmed',
		);
	const before = (await confirmedNow()).length;
	const [id] = await importExamples(stack, ['book-appointment.json']);
	await openWorkflow(page, stack.n8n.url, id);
	await executeWorkflowInEditor(page, 'Confirm Booking');
	const ndv = await openNode(page, 'Confirm Booking');
	await ndv.getByTestId('output-panel').getByText('confirmed').first().waitFor();
	await closeNode(page);
	const after = await confirmedNow();
	assert.equal(after.length, before + 1, 'one appointment more is confirmed');
	assert.equal(after.at(-1).patient_id, '1005');
});

uiTest(
	'example: the confirmation workflow, published in the editor, runs after a sandbox confirmation',
	async () => {
		stack.sandbox.reset();
		const example = readExample('appointment-confirmed-message.json');
		const [id] = await importExamples(stack, [example]);
		try {
			await openWorkflow(page, stack.n8n.url, id);
			await page.getByTestId('workflow-open-publish-modal-button').click();
			await page.getByTestId('workflow-publish-button').click();
			const hooks = await waitFor(async () => {
				const ours = await webhooksAt(stack, `${stack.n8n.url}/`);
				return ours.length ? ours : undefined;
			}, 60_000);
			assert.ok(hooks, 'publishing registered the Hero webhook');

			await reserveAndConfirm(stack, '1008');
			await stack.sandbox.settled();

			await page.goto(`${stack.n8n.url}/workflow/${id}/executions`);
			const execution = page.locator('[data-test-id^="execution-details-"]').first();
			await execution.waitFor({ timeout: 120_000 });
			await execution.getByText(/Succe/).waitFor({ timeout: 120_000 });
			assert.equal(stack.sandbox.counters().messagesSent.byPatient['1008'], 1);
		} finally {
			await deactivate(stack.n8n.url, stack.apiKey, id).catch(() => undefined);
		}
	},
);
