#!/usr/bin/env node
// @ts-check
// Starts the Hero sandbox from a shell:
//   node sandbox/cli.mjs [--port 4010] [--latency 20] [--rate-limit 50] [--retry-after 2|none]
//                        [--fault-rate 0.1] [--drop-rate 0.05] [--no-webhook-signing] [--quiet] ...
// Prints one line of JSON {url, apiKey, practiceGroupId}, then one log line per request.
// Stops on SIGINT / SIGTERM.
import { parseArgs } from 'node:util';

import { startSandbox } from './server.mjs';

const USAGE = `Usage: node sandbox/cli.mjs [options]
  --port N                 port on 127.0.0.1 (default 4010; 0 = any free port)
  --api-key KEY            API key the sandbox accepts (default sandbox-api-key)
  --practice-group-id ID   practice group it serves (default 731)
  --latency MS             added before every API answer
  --rate-limit N           requests per second (token bucket; 0 = off)
  --retry-after S|none     Retry-After seconds on 429s, or none for no header (default 1)
  --fault-rate R           share (0..1) of requests answered 503 before processing
  --drop-rate R            share (0..1) of requests whose connection is dropped after processing
  --reservation-seconds S  how long a reservation holds its slot (default 900)
  --reject-unknown-fields  answer 400 to body fields the spec does not name
  --no-webhook-signing     never sign webhook deliveries
  --allow-external-webhooks  deliver webhooks to hosts other than this machine
  --seed N                 seed of the fault/drop pattern (default 1)
  --quiet                  no request log
  --help`;

/** @param {string | boolean | undefined} value @param {string} name */
function number(value, name) {
	if (value === undefined) return undefined;
	const parsed = typeof value === 'string' ? Number(value) : NaN;
	if (!Number.isFinite(parsed) || parsed < 0) {
		console.error(`--${name} needs a number >= 0, got ${value}`);
		process.exit(2);
	}
	return parsed;
}

/** @type {Record<string, string | boolean | undefined>} */
let args = {};
try {
	args = parseArgs({
		options: {
			port: { type: 'string' },
			'api-key': { type: 'string' },
			'practice-group-id': { type: 'string' },
			latency: { type: 'string' },
			'rate-limit': { type: 'string' },
			'retry-after': { type: 'string' },
			'fault-rate': { type: 'string' },
			'drop-rate': { type: 'string' },
			'reservation-seconds': { type: 'string' },
			'reject-unknown-fields': { type: 'boolean' },
			'no-webhook-signing': { type: 'boolean' },
			'allow-external-webhooks': { type: 'boolean' },
			seed: { type: 'string' },
			quiet: { type: 'boolean' },
			help: { type: 'boolean' },
		},
		strict: true,
	}).values;
} catch (error) {
	console.error(`${/** @type {Error} */ (error).message}\n\n${USAGE}`);
	process.exit(2);
}
if (args.help) {
	console.log(USAGE);
	process.exit(0);
}

/** @type {import('./server.mjs').SandboxOptions} */
const options = {
	port: number(args.port, 'port') ?? 4010,
	log: args.quiet ? false : (line) => console.log(`${new Date().toISOString()} ${line}`),
};
if (typeof args['api-key'] === 'string') options.apiKey = args['api-key'];
if (typeof args['practice-group-id'] === 'string')
	options.practiceGroupId = args['practice-group-id'];
const knobs = /** @type {const} */ ([
	['latency', 'latencyMs'],
	['rate-limit', 'rateLimitPerSecond'],
	['fault-rate', 'faultRate'],
	['drop-rate', 'dropRate'],
	['reservation-seconds', 'reservationSeconds'],
	['seed', 'seed'],
]);
for (const [flag, key] of knobs) {
	const value = number(args[flag], flag);
	if (value !== undefined) options[key] = value;
}
if (args['retry-after'] !== undefined) {
	options.retryAfterSeconds =
		args['retry-after'] === 'none' ? null : number(args['retry-after'], 'retry-after');
}
if (args['reject-unknown-fields']) options.rejectUnknownFields = true;
if (args['no-webhook-signing']) options.webhookSigning = false;
if (args['allow-external-webhooks']) options.allowExternalWebhooks = true;

/** @type {Awaited<ReturnType<typeof startSandbox>>} */
let sandbox;
try {
	sandbox = await startSandbox(options);
} catch (error) {
	console.error(`The sandbox did not start: ${/** @type {Error} */ (error).message}`);
	process.exit(1);
}
console.log(
	JSON.stringify({
		url: sandbox.url,
		apiKey: sandbox.apiKey,
		practiceGroupId: sandbox.practiceGroupId,
	}),
);

let stopping = false;
/** @param {string} signal */
async function stop(signal) {
	if (stopping) return;
	stopping = true;
	if (!args.quiet) console.log(`${new Date().toISOString()} ${signal}: stopping`);
	await sandbox.stop();
	process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
