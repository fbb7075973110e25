// @ts-check
// `npm run docs:images`: the README's pictures, taken in a real n8n + sandbox (the stack of
// `npm start` and the e2e tests) by the browser code of `npm run test:ui`. Writes docs/images/*.png.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './n8n-runtime.mjs';
import { importExamples, startStack } from '../test/e2e/harness.mjs';
import {
	addHeroHealthAction,
	createCredentialInForm,
	executeOpenNode,
	executeWorkflowInEditor,
	openBrowser,
	openNode,
	openWorkflow,
	pickFromList,
	saveCredential,
	signIn,
	closeNode,
} from '../test/ui/browser.mjs';

const OUT = join(REPO_ROOT, 'docs', 'images');
/** PNGs above this are worth cropping harder: the README loads them all. */
const MAX_BYTES = 150 * 1024;

const stack = await startStack();
// Small pictures: a compact window, one device pixel per CSS pixel.
const browser = await openBrowser({ width: 1200, height: 720 });
const { page } = browser;
let failed = false;
try {
	mkdirSync(OUT, { recursive: true });
	/** @param {string} name @param {import('playwright-core').Locator | null} [element] */
	const shoot = async (name, element = null) => {
		const file = join(OUT, `${name}.png`);
		// Let the panel finish drawing (fonts, lazy icons) before the picture.
		await page.evaluate(() => document.fonts.ready);
		if (element) await element.screenshot({ path: file, animations: 'disabled' });
		else await page.screenshot({ path: file, animations: 'disabled' });
		const size = statSync(file).size;
		console.log(`${file}: ${Math.round(size / 1024)} KB`);
		if (size > MAX_BYTES) console.warn(`  larger than ${MAX_BYTES / 1024} KB: crop it further`);
	};

	await signIn(page, stack.n8n.url);

	const dialog = await createCredentialInForm(page, stack.n8n.url, {
		apiKey: stack.sandbox.apiKey,
		practiceGroupId: stack.sandbox.practiceGroupId,
		baseUrl: stack.sandbox.url,
	});
	const verdict = await saveCredential(page);
	if (!verdict.ok) throw new Error(`credential test failed: ${verdict.text}`);
	await shoot('credential', page.locator('.el-dialog').filter({ has: dialog }));

	await addHeroHealthAction(page, stack.n8n.url, 'Send a message');
	await pickFromList(page, 'patientId', 'Olivia Bennett', 'Bennett');
	await page
		.getByTestId('ndv')
		.getByTestId('parameter-input-messageText')
		.locator('textarea')
		.fill('Dear Olivia, your annual review is due. Book at https://example.com/book');
	await executeOpenNode(page);
	await shoot('message-send');

	const [recall] = await importExamples(stack, ['recall-campaign.json']);
	await openWorkflow(page, stack.n8n.url, recall);
	await executeWorkflowInEditor(page, 'Write Results Sheet');
	await page.getByTestId('zoom-to-fit').click();
	await shoot('recall-canvas', page.getByTestId('canvas-wrapper'));
	const sheet = await openNode(page, 'Sort by Row');
	await shoot('recall-results', sheet.getByTestId('output-panel'));
	await closeNode(page);

	const [confirmed] = await importExamples(stack, ['appointment-confirmed-message.json']);
	await openWorkflow(page, stack.n8n.url, confirmed);
	await openNode(page, 'Appointment Confirmed');
	await shoot('trigger');
} catch (error) {
	failed = true;
	console.error(error);
} finally {
	await browser.close();
	await stack.stop();
}
process.exit(failed ? 1 : 0);
