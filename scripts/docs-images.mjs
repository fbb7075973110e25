// @ts-check
// `npm run docs:images`: the README's pictures, taken in a real n8n + sandbox (the stack of
// `npm start` and the e2e tests) by the browser code of `npm run test:ui`. Writes docs/images/*.png.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './n8n-runtime.mjs';
import { importExamples, parseCsv, startStack } from '../test/e2e/harness.mjs';
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
} from '../test/ui/browser.mjs';

const OUT = join(REPO_ROOT, 'docs', 'images');
/** PNGs above this are worth cropping harder: the README loads them all. */
const MAX_BYTES = 150 * 1024;

const stack = await startStack();
/** @type {Awaited<ReturnType<typeof openBrowser>> | undefined} */
let browser;
let failed = false;
/** Stops what this script started: the browser, n8n and the sandbox. */
const stopAll = async () => {
	await browser?.close();
	await stack.stop();
};
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.once(signal, () => void stopAll().then(() => process.exit(130)));
}

/**
 * The box around every element of a locator, with a margin, for a cropped page screenshot.
 * @param {import('playwright-core').Locator} locator
 */
async function around(locator) {
	const boxes = (
		await Promise.all((await locator.all()).map((element) => element.boundingBox()))
	).filter((box) => box !== null);
	if (!boxes.length) throw new Error('nothing to frame');
	const margin = 24;
	const x = Math.max(0, Math.min(...boxes.map((box) => box.x)) - margin);
	const y = Math.max(0, Math.min(...boxes.map((box) => box.y)) - margin);
	const right = Math.max(...boxes.map((box) => box.x + box.width)) + margin * 2; // the end handle
	const bottom = Math.max(...boxes.map((box) => box.y + box.height)) + margin + 36; // node names below the boxes
	return { x, y, width: right - x, height: bottom - y };
}
try {
	// Small pictures: a compact window, one device pixel per CSS pixel.
	browser = await openBrowser({ width: 1200, height: 720 });
	const { page } = browser;
	mkdirSync(OUT, { recursive: true });
	/**
	 * @param {string} name
	 * @param {{ element?: import('playwright-core').Locator, clip?: { x: number, y: number, width: number, height: number } }} [what]
	 */
	const shoot = async (name, { element, clip } = {}) => {
		const file = join(OUT, `${name}.png`);
		// No toasts ("Node executed successfully") over the picture.
		await page.addStyleTag({ content: '.el-notification { display: none !important; }' });
		// Let the panel finish drawing (fonts, lazy icons) before the picture.
		await page.evaluate(() => document.fonts.ready);
		if (element) await element.screenshot({ path: file, animations: 'disabled' });
		else await page.screenshot({ path: file, clip, animations: 'disabled' });
		const size = statSync(file).size;
		console.log(`${file}: ${Math.round(size / 1024)} KB`);
		if (size > MAX_BYTES) console.warn(`  larger than ${MAX_BYTES / 1024} KB: crop it further`);
	};

	await signIn(page, stack.n8n.url);

	// Tall enough for the whole credential dialog.
	await page.setViewportSize({ width: 1200, height: 860 });
	const dialog = await createCredentialInForm(page, stack.n8n.url, {
		apiKey: stack.sandbox.apiKey,
		practiceGroupId: stack.sandbox.practiceGroupId,
		baseUrl: stack.sandbox.url,
	});
	const verdict = await saveCredential(page);
	if (!verdict.ok) throw new Error(`credential test failed: ${verdict.text}`);
	await shoot('credential', { element: page.locator('.el-dialog').filter({ has: dialog }) });
	await page.setViewportSize({ width: 1200, height: 720 });

	await addHeroHealthAction(page, stack.n8n.url, 'Send a patient a message now');
	await pickFromList(page, 'patientId', 'Olivia Bennett', 'Bennett');
	await page
		.getByTestId('ndv')
		.getByTestId('parameter-input-messageText')
		.locator('textarea')
		.fill('Dear Olivia, your annual review is due. Book at https://example.com/book');
	await executeOpenNode(page);
	await shoot('message-send');

	const [recall] = await importExamples(stack, ['recall-campaign.json']);
	// Wide and low, like the workflow: zoom to fit then makes its nodes readable.
	await page.setViewportSize({ width: 1400, height: 640 });
	await openWorkflow(page, stack.n8n.url, recall);
	await executeWorkflowInEditor(page, 'Write Results Sheet');
	await page.getByTestId('zoom-to-fit').click();
	await page.waitForTimeout(800); // the zoom animates
	await shoot('recall-canvas', {
		clip: await around(page.locator('[data-test-id="canvas-node"], [data-test-id="sticky"]')),
	});

	// The results sheet the run wrote (recall-results.csv), as a spreadsheet shows it.
	const sheet = parseCsv(readFileSync(join(stack.filesDir, 'recall-results.csv'), 'utf8'));
	const columns = ['row', 'nhs_number', 'first_name', 'outcome', 'detail', 'message_id'].filter(
		(column) => sheet.some((row) => column in row),
	);
	/** @param {string} text */
	const cell = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
	await page.setContent(`<!doctype html><style>
		body { font: 13px system-ui, sans-serif; margin: 12px; color: #222; }
		caption { text-align: left; font-weight: 600; padding: 0 0 8px; }
		table { border-collapse: collapse; } th { background: #f1f3f4; text-align: left; }
		th, td { border: 1px solid #d0d4d8; padding: 4px 8px; max-width: 420px; }
	</style><table><caption>recall-results.csv</caption>
	<tr>${columns.map((column) => `<th>${column}</th>`).join('')}</tr>
	${sheet.map((row) => `<tr>${columns.map((column) => `<td>${cell(row[column] ?? '')}</td>`).join('')}</tr>`).join('\n')}
	</table>`);
	await shoot('recall-results', { element: page.locator('table') });
	await page.setViewportSize({ width: 1200, height: 720 });

	const [confirmed] = await importExamples(stack, ['appointment-confirmed-message.json']);
	await openWorkflow(page, stack.n8n.url, confirmed);
	await openNode(page, 'Appointment Confirmed');
	await shoot('trigger');
} catch (error) {
	failed = true;
	console.error(error);
} finally {
	await stopAll();
}
process.exit(failed ? 1 : 0);
