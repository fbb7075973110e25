// @ts-check
// The browser side of `npm run test:ui` and `npm run docs:images`: Debian's Chromium driven by
// playwright-core (no browser download: the npm registry and Debian's packages are all this
// project may reach), and the few steps through n8n's editor both scripts share.
// Selectors are n8n's own `data-test-id`s (the ones n8n's Playwright suite uses).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, selectors } from 'playwright-core';

import { DEMO_OWNER } from '../../scripts/n8n-runtime.mjs';

export const CHROMIUM = '/usr/bin/chromium';

/** Installs Debian's Chromium with apt-get when it is missing (CI machines start without it). */
export function ensureChromium() {
	if (existsSync(CHROMIUM)) return;
	console.log(`# ${CHROMIUM} missing: apt-get install -y chromium (about a minute)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// Another apt-get on the machine holds dpkg's lock for a while: wait for it rather than fail.
	const wait = ['-o', 'DPkg::Lock::Timeout=300'];
	for (const args of [
		[...wait, 'update'],
		[...wait, 'install', '-y', 'chromium'],
	]) {
		const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
		if (result.status !== 0)
			throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status})`);
	}
	if (!existsSync(CHROMIUM))
		throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
}

/**
 * Starts a headless Chromium with a fresh profile. Without the background-networking flags
 * Chromium keeps dialling Google, and this closed network refuses those connections.
 * @param {{ width?: number, height?: number }} [viewport]
 */
export async function openBrowser({ width = 1440, height = 900 } = {}) {
	ensureChromium();
	selectors.setTestIdAttribute('data-test-id');
	const profile = mkdtempSync(join(tmpdir(), 'hero-ui-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width, height },
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	// A loaded 2-core machine: wait for elements generously rather than for fixed times.
	context.setDefaultTimeout(60_000);
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		close: async () => {
			await context.close().catch(() => undefined);
			rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** @typedef {import('playwright-core').Page} Page */

/**
 * Signs in through n8n's sign-in form.
 * @param {Page} page @param {string} url @param {{ email: string, password: string }} [owner]
 */
export async function signIn(page, url, owner = DEMO_OWNER) {
	await page.goto(`${url}/signin`);
	const form = page.getByTestId('auth-form');
	await form.getByTestId('emailOrLdapLoginId').locator('input').fill(owner.email);
	await form.getByTestId('password').locator('input').fill(owner.password);
	await form.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((target) => !target.pathname.startsWith('/signin'));
}

/** A node on the canvas, by name. @param {Page} page @param {string} name */
export function canvasNode(page, name) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
}

/** Opens a saved workflow in the editor and waits for its nodes. @param {Page} page @param {string} url @param {string} id */
export async function openWorkflow(page, url, id) {
	await page.goto(`${url}/workflow/${id}`);
	await page.getByTestId('canvas-node').first().waitFor();
}

/** Opens a node's panel (NDV). @param {Page} page @param {string} name */
export async function openNode(page, name) {
	await canvasNode(page, name).dblclick();
	await page.getByTestId('ndv').waitFor();
	return page.getByTestId('ndv');
}

/** Closes the open node panel. @param {Page} page */
export async function closeNode(page) {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('ndv').waitFor({ state: 'hidden' });
}

/**
 * Creates a Hero Health API credential through n8n's form and saves it, which runs its Test.
 * Leaves the dialog open; answers the dialog and whether the test passed.
 * @param {Page} page @param {string} url
 * @param {{ apiKey: string, practiceGroupId: string, baseUrl: string }} fields
 */
export async function createCredentialInForm(page, url, fields) {
	await page.goto(`${url}/home/credentials`);
	await page.getByRole('button', { name: 'Create credential' }).first().click();
	const typeSelect = page.getByTestId('new-credential-type-select');
	await typeSelect.click();
	await typeSelect.locator('input').fill('Hero Health');
	await page
		.getByTestId('new-credential-type-select-option')
		.filter({ hasText: 'Hero Health API' })
		.click();
	await page.getByTestId('new-credential-type-button').click();
	const dialog = page.getByTestId('credential-edit-dialog');
	await fillCredentialField(page, 'apiKey', fields.apiKey);
	await fillCredentialField(page, 'practiceGroupId', fields.practiceGroupId);
	await dialog.getByTestId('parameter-input-environment').click();
	await page.getByRole('option', { name: 'Custom' }).click();
	await fillCredentialField(page, 'baseUrl', fields.baseUrl);
	return dialog;
}

/** @param {Page} page @param {string} name @param {string} value */
export async function fillCredentialField(page, name, value) {
	await page
		.getByTestId('credential-edit-dialog')
		.getByTestId(`parameter-input-${name}`)
		.locator('input')
		.fill(value);
}

/**
 * Saves the open credential, which makes n8n run its Test; waits for the verdict.
 * @param {Page} page @returns {Promise<{ ok: boolean, text: string }>}
 */
export async function saveCredential(page) {
	const container = page.getByTestId('node-credentials-config-container');
	const response = page.waitForResponse(
		(answer) =>
			answer.url().includes('/rest/credentials/test') && answer.request().method() === 'POST',
	);
	await page.getByTestId('credential-save-button').click();
	await response;
	const success = container.getByTestId('credentials-config-container-test-success');
	const failure = container.getByText('Couldn’t connect with these settings');
	await success.or(failure).first().waitFor();
	if (await success.isVisible()) return { ok: true, text: await success.innerText() };
	const details = container.getByText('More details');
	if (await details.isVisible()) await details.click();
	return { ok: false, text: await container.innerText() };
}

/**
 * In an empty new workflow: node creator, search "Hero", Hero Health, then the action named
 * `action` (e.g. "Send a patient a message now", the operation's action text). n8n adds a manual trigger before it and opens the node's panel.
 * @param {Page} page @param {string} url @param {string} action
 */
export async function addHeroHealthAction(page, url, action) {
	await page.goto(`${url}/workflow/new`);
	await page.getByTestId('canvas-plus-button').click();
	const creator = page.getByTestId('node-creator');
	await page.getByTestId('node-creator-search-bar').fill('Hero');
	const items = creator.getByTestId('item-iterator-item');
	await items.filter({ hasText: 'Hero Health' }).first().click();
	await creator.getByText(/^Actions \(\d+\)$/).waitFor();
	const actionsCount = await creator.getByText(/^Actions \(\d+\)$/).innerText();
	await page.getByTestId('node-creator-search-bar').fill(action);
	await items.filter({ hasText: action }).first().click();
	const ndv = page.getByTestId('ndv');
	await ndv.waitFor();
	return { ndv, actionsCount };
}

/**
 * Opens a resource locator's list and picks the entry whose name contains `name`, typing
 * `search` first when given (lists that search the server need a term).
 * @param {Page} page @param {string} parameter @param {string} name @param {string} [search]
 */
export async function pickFromList(page, parameter, name, search) {
	const locator = page.getByTestId('ndv').getByTestId(`resource-locator-${parameter}`);
	await locator.getByTestId('rlc-input').click();
	if (search) await page.getByTestId('rlc-search').fill(search);
	const item = page.getByTestId('rlc-item').filter({ hasText: name }).first();
	await item.click();
	await locator
		.getByTestId('rlc-input')
		.and(page.locator(`[value*="${name}"]`))
		.waitFor();
}

/** Runs the open node from its panel and answers its output panel. @param {Page} page */
export async function executeOpenNode(page) {
	const ndv = page.getByTestId('ndv');
	await ndv.getByTestId('node-execute-button').click();
	const output = ndv.getByTestId('output-panel');
	await output
		.getByTestId('ndv-items-count')
		.or(output.getByTestId('node-run-status-success'))
		.first()
		.waitFor();
	return output;
}

/**
 * Runs the open workflow from the editor's button and waits until `lastNode` shows success.
 * @param {Page} page @param {string} lastNode
 */
export async function executeWorkflowInEditor(page, lastNode) {
	await page.getByTestId('execute-workflow-button').click();
	await canvasNode(page, lastNode)
		.getByTestId('canvas-node-status-success')
		.waitFor({ timeout: 180_000 });
}
