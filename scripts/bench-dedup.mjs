// @ts-check
// What Message → Send's Once per Campaign costs per item in a real n8n 2.41.1 with its SQLite
// database (the default) or PostgreSQL (DB=postgres, the database queue mode uses): n8n's
// deduplication store keeps one JSON list per workflow that every call reads and writes whole, so
// the cost grows with the keys already recorded. The record is filled with K keys (as K patients
// sent earlier leave them: one md5 hash each) straight into n8n's processed_data table, then the
// same N-item send runs with the option off and on; the difference over N is the cost per item.
// Prints one line per K.
//
//   node scripts/bench-dedup.mjs                  # N=1000, K = 0, 2000, 20000, sandbox latency 0
//   ITEMS=500 KEYS=0,2000,20000 LATENCY_MS=20 node scripts/bench-dedup.mjs
//   DB=postgres node scripts/bench-dedup.mjs      # the same against PostgreSQL
//
// DB=postgres: Debian's postgresql (installed with apt-get when missing, as test/queue does)
// runs from the run's throwaway folder on a free loopback port (the e2e harness's startStack with
// `postgres`), and one n8n in regular mode uses it (DB_TYPE=postgresdb); the record is filled with
// psql. Everything started is stopped by PID at the end, or on Ctrl-C / SIGTERM.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { control, importForServer, runInServer, startStack } from '../test/e2e/harness.mjs';

const ITEMS = Number(process.env.ITEMS ?? 1000);
const KEYS = (process.env.KEYS ?? '0,2000,20000').split(',').map(Number);
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 0);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 10);
const DB = (process.env.DB ?? 'sqlite').toLowerCase();
if (DB !== 'sqlite' && DB !== 'postgres') throw new Error(`DB=${DB}: sqlite or postgres`);

/** @param {string} campaign */
function workflow(campaign) {
	return {
		name: `Dedup bench ${campaign || 'off'} ${Math.random().toString(36).slice(2, 8)}`,
		settings: { executionOrder: 'v1' },
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
					jsCode: `return Array.from({ length: ${ITEMS} }, (_, row) => ({ json: { row, patient_id: String(1001 + (row % 18)) } }));`,
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
					campaignOptions: campaign
						? {
								campaignName: campaign,
								campaignKey: '={{ "row-" + $json.row }}',
								checkSmsCredits: false,
							}
						: { checkSmsCredits: false },
					requestOptions: { concurrency: CONCURRENCY },
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Hero Health', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * Puts K keys into the workflow's record, as n8n stores them ('entries' mode, md5/base64).
 * @param {any} stack @param {string} workflowId @param {number} keys
 */
function fillRecord(stack, workflowId, keys) {
	const hashes = Array.from({ length: keys }, (_, i) =>
		createHash('md5').update(`earlier-campaign\u001fpatient-${i}\u001fclaimed`).digest('base64'),
	);
	const value = JSON.stringify({ mode: 'entries', data: hashes });
	if (stack.postgres) return fillRecordPostgres(stack, workflowId, value);
	const file = join(stack.root, `fill-${workflowId}.json`);
	writeFileSync(file, value);
	const db = join(stack.userFolder, '.n8n', 'database.sqlite');
	const script = `
		const { DatabaseSync } = require('node:sqlite');
		const db = new DatabaseSync(${JSON.stringify(db)});
		const value = require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8');
		db.prepare("DELETE FROM processed_data WHERE workflowId = ? AND context = ''").run(${JSON.stringify(workflowId)});
		db.prepare("INSERT INTO processed_data (workflowId, context, value, createdAt, updatedAt) VALUES (?, '', ?, datetime('now'), datetime('now'))").run(${JSON.stringify(workflowId)}, value);
		db.close();`;
	const result = spawnSync(stack.runtime.nodeBin, ['-e', script], { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`filling the record failed: ${result.stderr}`);
}

/**
 * The same row in PostgreSQL, through psql as n8n's user: the SQL goes in a file (20,000 keys are
 * more than one command-line argument may hold); the camelCase columns need their quotes.
 * @param {any} stack @param {string} workflowId @param {string} value
 */
function fillRecordPostgres(stack, workflowId, value) {
	/** @param {string} text */
	const literal = (text) => `'${text.replaceAll("'", "''")}'`;
	const file = join(stack.root, `fill-${workflowId}.sql`);
	writeFileSync(
		file,
		`DELETE FROM processed_data WHERE "workflowId" = ${literal(workflowId)} AND context = '';\n` +
			`INSERT INTO processed_data ("workflowId", context, value, "createdAt", "updatedAt") ` +
			`VALUES (${literal(workflowId)}, '', ${literal(value)}, now(), now());\n`,
	);
	const result = psql(stack, ['-q', '-f', file]);
	if (result.status !== 0) throw new Error(`filling the record failed: ${result.stderr}`);
}

/**
 * How many keys the workflow's record holds in PostgreSQL: after a run, K + the patients sent,
 * when n8n read the row fillRecordPostgres wrote.
 * @param {any} stack @param {string} workflowId
 */
function recordedKeysPostgres(stack, workflowId) {
	const id = workflowId.replaceAll("'", "''");
	const sql = `SELECT json_array_length(value::json -> 'data') FROM processed_data WHERE "workflowId" = '${id}' AND context = ''`;
	const result = psql(stack, ['-tA', '-c', sql]);
	if (result.status !== 0) throw new Error(`reading the record failed: ${result.stderr}`);
	return Number(result.stdout.trim());
}

/**
 * psql on n8n's database as n8n's user.
 * @param {any} stack @param {string[]} args
 */
function psql(stack, args) {
	const { env } = stack.postgres;
	return spawnSync(
		'psql',
		[
			...['-h', env.DB_POSTGRESDB_HOST, '-p', env.DB_POSTGRESDB_PORT],
			...['-U', env.DB_POSTGRESDB_USER, '-d', env.DB_POSTGRESDB_DATABASE],
			...['-v', 'ON_ERROR_STOP=1', ...args],
		],
		{ encoding: 'utf8', env: { ...process.env, PGPASSWORD: env.DB_POSTGRESDB_PASSWORD } },
	);
}

/** @param {any} execution */
function heroSeconds(execution) {
	return execution.data.resultData.runData['Hero Health'][0].executionTime / 1000;
}

const stack = await startStack({ log: () => {}, postgres: DB === 'postgres' });
try {
	await control(stack, 'POST', '/config', { latencyMs: LATENCY_MS });
	const off = await importForServer(stack, workflow(''));
	console.log(
		`n8n 2.41.1, ${DB === 'postgres' ? 'PostgreSQL' : 'SQLite'}; ${ITEMS} SMS sends, Concurrency ${CONCURRENCY}, sandbox latency ${LATENCY_MS} ms`,
	);
	for (const keys of KEYS) {
		await control(stack, 'POST', '/reset');
		await control(stack, 'POST', '/config', { latencyMs: LATENCY_MS });
		const plain = heroSeconds(await runInServer(stack, off));
		const on = await importForServer(stack, workflow(`Bench ${keys}`));
		fillRecord(stack, on.id, keys);
		await control(stack, 'POST', '/reset');
		await control(stack, 'POST', '/config', { latencyMs: LATENCY_MS });
		const execution = await runInServer(stack, on);
		const items = execution.data.resultData.runData['Hero Health'][0].data.main[0];
		const sent = items.filter((/** @type {any} */ item) => item.json.campaign_outcome === 'sent');
		const campaign = heroSeconds(execution);
		const perItem = ((campaign - plain) / ITEMS) * 1000;
		if (stack.postgres) {
			const recorded = recordedKeysPostgres(stack, on.id);
			if (recorded !== keys + sent.length)
				throw new Error(`the record holds ${recorded} keys, not ${keys} + ${sent.length}`);
		}
		console.log(
			`${String(keys).padStart(6)} keys recorded before: option off ${plain.toFixed(2)} s, on ${campaign.toFixed(2)} s ` +
				`(${sent.length} sent) → ${perItem.toFixed(2)} ms per item for the record`,
		);
	}
} finally {
	await stack.stop();
}
