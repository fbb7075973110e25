// @ts-check
// Jest setup (after the test framework): n8n's expression engine for the tests that run the node on
// n8n-core (test/helpers/n8n.ts). n8n 2.41 runs `vm` (isolated-vm) by default, so the tests do too;
// isolated-vm 7 ships binaries for Node 24 only, and `npm test` runs jest on Node 24
// (scripts/test.mjs). Under an older Node (e.g. `npx jest` on the system Node 20) the tests fall back
// to n8n's `legacy` engine and say so once. N8N_EXPRESSION_ENGINE chooses explicitly.
const { Expression } = require('n8n-workflow');

function chooseEngine() {
	const chosen = process.env.N8N_EXPRESSION_ENGINE;
	if (chosen) return chosen;
	try {
		require('isolated-vm');
		return 'vm';
	} catch (error) {
		if (!(/** @type {any} */ (globalThis).__N8N_ENGINE_WARNED__)) {
			/** @type {any} */ (globalThis).__N8N_ENGINE_WARNED__ = true;
			console.warn(
				`isolated-vm does not load on Node ${process.version} (${/** @type {Error} */ (error).message.split('\n')[0]}): ` +
					"expressions run on n8n's legacy engine here; `npm test` runs them on n8n's default vm engine (Node 24).",
			);
		}
		return 'legacy';
	}
}

const engine = chooseEngine();
process.env.HERO_TEST_EXPRESSION_ENGINE = engine;
beforeAll(async () => {
	if (engine === 'legacy') Expression.setExpressionEngine('legacy');
	else
		await Expression.initExpressionEngine({
			engine,
			poolSize: 1,
			maxCodeCacheSize: 1024,
			bridgeTimeout: 5000,
			bridgeMemoryLimit: 128,
		});
});
afterAll(async () => {
	await Expression.disposeExpressionEngine();
});
