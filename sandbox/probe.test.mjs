// @ts-check
// `npm run probe` (scripts/probe.mjs) against the sandbox: what it reports, that it changes nothing
// (the sandbox's counters and state), and that the API key appears in no output. Reads the built
// node, as the probe does: run `npm run build` first (CI does).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { loadEndpoints } from './endpoints.mjs';
import { startSandbox } from './server.mjs';
import { probeHero } from '../scripts/probe.mjs';

const PROBE = fileURLToPath(new URL('../scripts/probe.mjs', import.meta.url));
const SECRET = 'hero-probe-secret-4711';

/** @type {Awaited<ReturnType<typeof startSandbox>>} */
let sandbox;
before(async () => {
	sandbox = await startSandbox({ apiKey: SECRET });
});
after(async () => {
	await sandbox.stop();
});
beforeEach(() => {
	sandbox.reset();
});

/** @param {{ allowRefusedWrites?: boolean }} [options] */
const probe = (options = {}) =>
	probeHero({
		baseUrl: sandbox.url,
		apiKey: SECRET,
		practiceGroupId: sandbox.practiceGroupId,
		delayMs: 0,
		...options,
	});

/** @param {Awaited<ReturnType<typeof probe>>} results @param {string} endpoint */
const resultOf = (results, endpoint) => {
	const result = results.find((item) => item.endpoint === endpoint);
	assert.ok(result, endpoint);
	return result;
};

/** Endpoints whose method or path is a guess (not only their body). */
async function guessedRoutes() {
	return new Set(
		(await loadEndpoints())
			.filter((endpoint) => endpoint.guessedRoute)
			.map((endpoint) => `${endpoint.method} ${endpoint.path}`),
	);
}

/** The sandbox's state as plain data, to compare before and after. */
const snapshot = () => structuredClone(sandbox.state);

/** @param {string[]} args @param {Record<string, string>} [env] */
function runCli(args, env = {}) {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [PROBE, ...args], {
			env: { ...process.env, HERO_API_KEY: '', ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('exit', (code) =>
			resolve(
				/** @type {{ code: number, stdout: string, stderr: string }} */ ({ code, stdout, stderr }),
			),
		);
	});
}

describe('probe', () => {
	it('reports every route once, guessed ones first, and sends only GETs', async () => {
		const before = snapshot();
		const results = await probe();
		const endpoints = await loadEndpoints();
		const routes = new Set(endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`));
		assert.deepEqual(new Set(results.map((result) => result.endpoint)), routes);
		assert.equal(results.length, routes.size);
		const firstDocumented = results.findIndex((result) => !result.inferred);
		assert.ok(results.slice(firstDocumented).every((result) => !result.inferred));

		const counters = sandbox.counters();
		const methods = Object.keys(counters.requests).map((label) => label.split(' ')[0]);
		assert.deepEqual([...new Set(methods)], ['GET']);
		assert.deepEqual(counters.effects, {});
		assert.equal(counters.messagesSent.total, 0);
		assert.deepEqual(snapshot(), before);
		// A token is never asked for.
		assert.equal(counters.requests['GET /v1/partners/heidi/token'], undefined);

		assert.equal(resultOf(results, 'GET /v1/subscribers').status, 'confirmed');
		assert.equal(resultOf(results, 'GET /v1/me').status, 'confirmed');
		const write = resultOf(results, 'PATCH /v1/appointments/{id}/book');
		assert.deepEqual([write.status, write.sent], ['unknown', null]);
		assert.match(write.note, /--allow-refused-writes/);
		// A read of a record that does not exist confirms the route when Hero names the record.
		const patient = resultOf(results, 'GET /v1/patients/{id}');
		assert.deepEqual([patient.status, patient.httpStatus], ['confirmed', 404]);
		assert.equal(patient.sent, 'GET /v1/patients/0');
		assert.equal(
			resultOf(results, 'GET /v1/subscriptions').sent,
			'GET /v1/subscriptions?page_index=0&page_size=1',
		);
	});

	for (const status of [404, 405]) {
		it(`with guessed routes answering ${status}, reports exactly those as ${status === 404 ? 'not found' : 'method not allowed'}`, async () => {
			sandbox.setConfig({ inferredRouteStatus: status });
			const results = await probe({ allowRefusedWrites: true });
			const guessed = await guessedRoutes();
			const expected = status === 404 ? 'not found' : 'method not allowed';
			for (const result of results) {
				if (result.sent === null) continue;
				assert.equal(
					result.status === expected,
					guessed.has(result.endpoint),
					`${result.endpoint}: ${result.status} (${result.note})`,
				);
			}
			assert.equal(resultOf(results, 'GET /v1/subscribers').status, expected);
			assert.equal(resultOf(results, 'PATCH /v1/appointments/{id}/book').status, expected);
			// Guessed in its body only: Hero has the route.
			assert.equal(resultOf(results, 'POST /v1/invoicing/invoices').status, 'confirmed');
		});
	}

	it('with --allow-refused-writes, sends only writes Hero must refuse: nothing changes', async () => {
		const before = snapshot();
		const results = await probe({ allowRefusedWrites: true });
		const counters = sandbox.counters();
		assert.deepEqual(counters.effects, {});
		assert.equal(counters.messagesSent.total, 0);
		assert.deepEqual(snapshot(), before);
		// Every write sent was refused (400 or a missing record), never accepted.
		const writes = results.filter((result) => result.method !== 'GET' && result.sent !== null);
		assert.ok(writes.length > 10);
		for (const write of writes) {
			assert.ok(
				[400, 404].includes(Number(write.httpStatus)),
				`${write.endpoint}: ${write.httpStatus}`,
			);
			assert.match(String(write.sent), /(\/0(\/|$| )|\{\}$)/);
		}
		assert.equal(resultOf(results, 'PATCH /v1/appointments/{id}/book').status, 'confirmed');
		assert.equal(resultOf(results, 'POST /v1/admins/signature').status, 'confirmed');
		// A collection write whose reference names no required field is not sent.
		const bookingLink = resultOf(results, 'POST /v1/booking_links');
		assert.equal(bookingLink.sent, null);
		assert.equal(counters.requests['POST /v1/booking_links'], undefined);
		assert.equal(counters.requests['POST /v1/access_token'], undefined);
	});

	it('stops after the first request when Hero refuses the key', async () => {
		const results = await probeHero({
			baseUrl: sandbox.url,
			apiKey: 'wrong-key',
			practiceGroupId: sandbox.practiceGroupId,
			delayMs: 0,
		});
		assert.equal(sandbox.counters().received, 1);
		assert.match(resultOf(results, 'GET /v1/me').note, /refused the API key/);
		assert.ok(results.every((result) => result.status === 'unknown'));
	});

	it('the command prints the table and writes the JSON file, never the key', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'hero-probe-'));
		const out = join(dir, 'probe.json');
		const run = await runCli(
			[
				'--base-url',
				sandbox.url,
				'--practice-group-id',
				sandbox.practiceGroupId,
				'--delay-ms',
				'0',
				'--out',
				out,
			],
			{ HERO_API_KEY: SECRET },
		);
		assert.equal(run.code, 0, run.stderr);
		const file = readFileSync(out, 'utf8');
		for (const text of [run.stdout, run.stderr, file]) assert.ok(!text.includes(SECRET));
		assert.match(run.stdout, /^status +endpoint +guessed +HTTP +operations +note$/m);
		assert.match(
			run.stdout,
			/^confirmed +GET \/v1\/subscribers +method +200 +subscription\.getAllSubscribers/m,
		);
		assert.match(
			run.stdout,
			/Guessed endpoints: \d+ confirmed, 0 not found, 0 method not allowed, \d+ unknown\./,
		);
		assert.match(run.stdout, /Attach it to an issue/);
		const report = JSON.parse(file);
		assert.equal(report.host, new URL(sandbox.url).host);
		assert.equal(report.results.length, (await probe()).length);
		assert.ok(report.results.every((/** @type {any} */ result) => !('body' in result)));
	});

	it('--sandbox --sandbox-inferred-status 404 probes its own sandbox with wrong guesses', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'hero-probe-'));
		const out = join(dir, 'probe.json');
		const run = await runCli(['--sandbox', '--sandbox-inferred-status', '404', '--out', out]);
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stdout, /^not found +GET \/v1\/subscribers +method +404 /m);
		assert.match(run.stdout, /Sandbox: \d+ requests, effects: \{\}, messages sent: 0/);
		assert.ok(!run.stdout.includes('sandbox-api-key'));
		const report = JSON.parse(readFileSync(out, 'utf8'));
		// Without --allow-refused-writes, the guessed reads are what it sends.
		const guessedReads = [...(await guessedRoutes())].filter((route) => route.startsWith('GET '));
		assert.equal(report.summary.inferred['not found'], guessedReads.length);
	});

	it('refuses to send the key over plain http to another machine', async () => {
		const run = await runCli(['--base-url', 'http://example.com', '--practice-group-id', '731'], {
			HERO_API_KEY: SECRET,
		});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /must be https:\/\//);
		assert.ok(!`${run.stdout}${run.stderr}`.includes(SECRET));
	});
});
