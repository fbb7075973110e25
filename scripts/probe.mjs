#!/usr/bin/env node
// @ts-check
// `npm run probe`: settles the node's guessed endpoints on a real Hero account. For every method and
// path the node calls (each operation file's `endpoint`) it sends at most one request that changes
// nothing, and says whether Hero has that route:
//   - reads (GET): with an ID of 0 in the path (no record has it) and the smallest page;
//   - writes: only with --allow-refused-writes, and only a request Hero must refuse: an empty body
//     to a record that does not exist (ID 0 in the path), or to a collection whose reference names
//     a required field. Other writes, and what issues a token, are never sent.
// It prints a table (guessed endpoints first) and writes a JSON file to attach to an issue. The API
// key is read from HERO_API_KEY (or asked for), sent only as x-api-key, and never printed or saved;
// no answer body is printed or saved (answers may hold patient data).
//
//   HERO_API_KEY=… node scripts/probe.mjs --environment staging --practice-group-id 731
//   node scripts/probe.mjs --sandbox [--sandbox-inferred-status 404]   (the local sandbox)
//
// Reads the built node (dist/, as `npm run docs` does): `npm run probe` builds it first.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import yaml from 'js-yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Never sent, whatever the flags: they issue a token rather than read or refuse. */
const NEVER_SENT = new Set(['partner.getHeidiToken', 'practiceGroup.createAccessToken']);

/**
 * Required body fields Hero's pages show for operations whose URL the reference lacks (so the
 * reference's paths cannot say): an empty body to these must be refused.
 */
/** @type {Record<string, string[]>} */
const REQUIRED_FIELDS_SEEN = { 'admin.upsertSignature': ['signature'] };

/** What a path parameter is filled with: an ID no Hero record has. */
const NO_RECORD = '0';

/**
 * @typedef {{ method: string, path: string, paged?: boolean, inferred?: string, inferredParts?: string[] }} Endpoint
 * @typedef {'confirmed' | 'not found' | 'method not allowed' | 'unknown'} Outcome
 * @typedef {{
 *   endpoint: string, method: string, path: string, operations: string[], inferred: boolean,
 *   inferredParts: string[], sent: string | null, httpStatus: number | null, status: Outcome, note: string,
 * }} ProbeResult
 */

/** The built node's endpoints (its operation files' `endpoint` exports) and its reading of a 404 body. */
function loadBuiltNode() {
	try {
		const { operationEndpoints } = require(
			join(ROOT, 'dist/nodes/HeroHealth/actions/resources.js'),
		);
		const { notFoundKind } = require(join(ROOT, 'dist/nodes/HeroHealth/transport/errors.js'));
		return {
			endpoints: /** @type {Array<{ key: string, endpoint: Endpoint }>} */ (operationEndpoints),
			notFoundKind: /** @type {(body: unknown) => 'route' | 'unnamed' | 'record'} */ (notFoundKind),
		};
	} catch (error) {
		throw new Error(
			`Build the node first (npm run build): ${error instanceof Error ? error.message : error}`,
		);
	}
}

/** The repo's copy of Hero's reference: its servers and the required body fields of an operation. */
function loadReference() {
	const spec = /** @type {any} */ (
		yaml.load(readFileSync(join(ROOT, 'spec/hero-openapi.yaml'), 'utf8'))
	);
	/** @param {string} method @param {string} path @returns {string[]} */
	const requiredBodyFields = (method, path) => {
		let schema =
			spec.paths?.[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']
				?.schema;
		if (schema?.$ref) schema = spec.components.schemas[schema.$ref.split('/').pop()];
		return Array.isArray(schema?.required) ? schema.required : [];
	};
	/** @type {Record<string, string>} */
	const servers = {};
	for (const server of spec.servers ?? []) {
		const name = /mock/i.test(server.description)
			? 'mock'
			: String(server.description).toLowerCase();
		servers[name] = server.url;
	}
	return { requiredBodyFields, servers };
}

/**
 * The node's endpoints as the probe sends them: one per method and path (several operations may
 * share one). The practice group read goes first, so that a refused key stops the run at once.
 * @param {Array<{ key: string, endpoint: Endpoint }>} endpoints
 */
function probeTargets(endpoints) {
	/** @type {Map<string, { method: string, path: string, paged: boolean, keys: string[], inferredParts: Set<string>, inferred: boolean }>} */
	const targets = new Map();
	for (const { key, endpoint } of endpoints) {
		const id = `${endpoint.method} ${endpoint.path}`;
		const target = targets.get(id) ?? {
			method: endpoint.method,
			path: endpoint.path,
			paged: false,
			keys: [],
			inferredParts: new Set(),
			inferred: false,
		};
		target.keys.push(key);
		target.paged ||= endpoint.paged === true;
		target.inferred ||= endpoint.inferred !== undefined;
		for (const part of endpoint.inferredParts ?? []) target.inferredParts.add(part);
		targets.set(id, target);
	}
	const first = (/** @type {{ keys: string[] }} */ target) =>
		target.keys.includes('practiceGroup.get') ? 0 : 1;
	return [...targets.values()].sort((a, b) => first(a) - first(b));
}

/**
 * What Hero's answer says about the route.
 * @param {number} status @param {unknown} body @param {boolean} hasId
 * @param {(body: unknown) => 'route' | 'unnamed' | 'record'} notFoundKind
 * @returns {{ status: Outcome, note: string }}
 */
function classify(status, body, hasId, notFoundKind) {
	if (status >= 200 && status < 300) return { status: 'confirmed', note: `answered ${status}` };
	if (status === 400 || status === 422) {
		return { status: 'confirmed', note: 'refused the request as invalid: the route exists' };
	}
	if (status === 405)
		return { status: 'method not allowed', note: 'Hero has the path, not this method' };
	if (status === 404) {
		const kind = notFoundKind(body);
		if (kind === 'route') return { status: 'not found', note: 'no such route' };
		if (kind === 'record') {
			return { status: 'confirmed', note: 'a 404 naming a missing record: the route exists' };
		}
		return hasId
			? {
					status: 'unknown',
					note: `a 404 naming nothing: no such route, or no record ${NO_RECORD}`,
				}
			: { status: 'not found', note: 'a 404 naming nothing' };
	}
	if (status === 401 || status === 403) {
		return { status: 'unknown', note: `${status}: this key may not use this endpoint` };
	}
	return { status: 'unknown', note: `answered ${status}` };
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Probes every endpoint the node calls, one request at a time.
 * @param {{
 *   baseUrl: string, apiKey: string, practiceGroupId: string, allowRefusedWrites?: boolean,
 *   delayMs?: number, timeoutMs?: number, onResult?: (result: ProbeResult) => void,
 * }} options
 */
export async function probeHero(options) {
	const { baseUrl, apiKey, practiceGroupId, allowRefusedWrites = false } = options;
	const { delayMs = 250, timeoutMs = 20_000, onResult = () => {} } = options;
	const { endpoints, notFoundKind } = loadBuiltNode();
	const { requiredBodyFields } = loadReference();
	/** @type {ProbeResult[]} */
	const results = [];
	let refusedKey = false;

	for (const target of probeTargets(endpoints)) {
		const hasId = /\{\w+\}/.test(target.path);
		const write = target.method !== 'GET';
		/** @type {ProbeResult} */
		const result = {
			endpoint: `${target.method} ${target.path}`,
			method: target.method,
			path: target.path,
			operations: target.keys,
			inferred: target.inferred,
			inferredParts: [...target.inferredParts],
			sent: null,
			httpStatus: null,
			status: 'unknown',
			note: '',
		};
		results.push(result);
		const required = write
			? [
					...requiredBodyFields(target.method, target.path),
					...target.keys.flatMap((key) => REQUIRED_FIELDS_SEEN[key] ?? []),
				]
			: [];
		if (refusedKey) result.note = 'not sent: Hero refused the key';
		else if (target.keys.some((key) => NEVER_SENT.has(key)))
			result.note = 'not sent: it issues a token';
		else if (write && !allowRefusedWrites)
			result.note = 'not sent: a write (see --allow-refused-writes)';
		else if (write && !hasId && !required.length) {
			result.note = 'not sent: Hero might accept an empty body here';
		}
		if (result.note) {
			onResult(result);
			continue;
		}

		const url = new URL(
			target.path.replace(/\{\w+\}/g, NO_RECORD).replace(/^\//, ''),
			baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
		);
		if (target.paged) {
			url.searchParams.set('page_index', '0');
			url.searchParams.set('page_size', '1');
		}
		const body = write && target.method !== 'DELETE' ? '{}' : undefined;
		result.sent = `${target.method} ${url.pathname}${url.search}${body ? ' {}' : ''}`;
		for (let attempt = 0; ; attempt++) {
			let response;
			try {
				response = await fetch(url, {
					method: target.method,
					headers: {
						accept: 'application/json',
						'x-api-key': apiKey,
						'x-practice-group-id': practiceGroupId,
						...(body ? { 'content-type': 'application/json' } : {}),
					},
					body,
					// Hero does not redirect; following one could carry the key elsewhere.
					redirect: 'manual',
					signal: AbortSignal.timeout(timeoutMs),
				});
			} catch (error) {
				result.note = `no answer (${error instanceof Error ? error.name : 'error'})`;
				break;
			}
			const text = await response.text();
			if (response.status === 429 && attempt < 3) {
				const wait = Math.min(30, Number(response.headers.get('retry-after')) || 2 ** attempt);
				await sleep(wait * 1000);
				continue;
			}
			/** @type {unknown} */
			let parsed = text;
			try {
				parsed = text ? JSON.parse(text) : undefined;
			} catch {
				// not JSON: read as text
			}
			result.httpStatus = response.status;
			Object.assign(result, classify(response.status, parsed, hasId, notFoundKind));
			// Refused credentials on the practice group read: nothing else would get further.
			if (target.keys.includes('practiceGroup.get') && [401, 403].includes(response.status)) {
				refusedKey = true;
				result.note = `${response.status}: Hero refused the API key or the practice group ID`;
			}
			break;
		}
		onResult(result);
		if (delayMs) await sleep(delayMs);
	}
	// Guessed endpoints first, as the report shows them.
	return results.sort((a, b) => Number(b.inferred) - Number(a.inferred));
}

/** The results as a text table. @param {ProbeResult[]} results */
export function formatTable(results) {
	const rows = [
		['status', 'endpoint', 'guessed', 'HTTP', 'operations', 'note'],
		...results.map((result) => [
			result.status,
			result.endpoint,
			result.inferred ? result.inferredParts.join(', ') || 'yes' : '',
			result.httpStatus === null ? '-' : String(result.httpStatus),
			result.operations.join(', '),
			result.note,
		]),
	];
	const widths = rows[0].map((_, column) =>
		Math.min(60, Math.max(...rows.map((row) => row[column].length))),
	);
	return rows
		.map((row) =>
			row
				.map((cell, column) => cell.padEnd(widths[column]))
				.join('  ')
				.trimEnd(),
		)
		.join('\n');
}

/** Counts per outcome, for guessed endpoints and for all. @param {ProbeResult[]} results */
export function summarise(results) {
	/** @param {ProbeResult[]} list */
	const count = (list) =>
		Object.fromEntries(
			['confirmed', 'not found', 'method not allowed', 'unknown'].map((status) => [
				status,
				list.filter((result) => result.status === status).length,
			]),
		);
	return { all: count(results), inferred: count(results.filter((result) => result.inferred)) };
}

/** Asks for the key without showing it. @returns {Promise<string>} */
async function askKey() {
	if (!process.stdin.isTTY) return '';
	const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
	const muted = /** @type {any} */ (rl);
	process.stderr.write('Hero API key (not shown): ');
	muted._writeToOutput = () => {};
	const answer = await new Promise((resolve) => rl.question('', resolve));
	rl.close();
	process.stderr.write('\n');
	return String(answer).trim();
}

const USAGE = `Usage: npm run probe -- [options]
  --environment production|staging|mock   Hero's base URL (default staging)
  --base-url URL                          another base URL (https://, or http:// to this machine)
  --practice-group-id ID                  or HERO_PRACTICE_GROUP_ID
  --allow-refused-writes                  also send writes Hero must refuse (ID 0, or an empty body
                                          where Hero's reference names a required field)
  --out FILE                              the JSON result (default hero-probe-<date>.json)
  --delay-ms N                            pause between requests (default 250)
  --sandbox                               probe the local sandbox instead (no key needed)
  --sandbox-inferred-status 404|405       with --sandbox: guessed routes answer this, as Hero would
                                          if the guesses were wrong
The API key is read from HERO_API_KEY, or asked for; it is never printed or written to the file.`;

async function main() {
	const { values: args } = parseArgs({
		options: {
			environment: { type: 'string' },
			'base-url': { type: 'string' },
			'practice-group-id': { type: 'string' },
			'allow-refused-writes': { type: 'boolean' },
			out: { type: 'string' },
			'delay-ms': { type: 'string' },
			sandbox: { type: 'boolean' },
			'sandbox-inferred-status': { type: 'string' },
			help: { type: 'boolean' },
		},
	});
	if (args.help) {
		console.log(USAGE);
		return 0;
	}
	const { servers } = loadReference();
	let baseUrl;
	let apiKey;
	let practiceGroupId;
	let environment;
	/** @type {Awaited<ReturnType<typeof import('../sandbox/server.mjs').startSandbox>> | undefined} */
	let sandbox;
	if (args.sandbox) {
		const inferredRouteStatus = Number(args['sandbox-inferred-status'] ?? 0);
		const { startSandbox } = await import('../sandbox/server.mjs');
		sandbox = await startSandbox({ port: 0, inferredRouteStatus });
		({ url: baseUrl, apiKey, practiceGroupId } = sandbox);
		environment = inferredRouteStatus
			? `sandbox (guessed routes answer ${inferredRouteStatus})`
			: 'sandbox';
	} else {
		environment = args['base-url'] ? 'custom' : (args.environment ?? 'staging');
		baseUrl = args['base-url'] ?? servers[environment];
		if (!baseUrl) throw new Error(`Unknown environment "${environment}"\n${USAGE}`);
		const url = new URL(baseUrl);
		const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
		if (url.protocol !== 'https:' && !local) {
			throw new Error(
				'The base URL must be https:// (or http:// to this machine): the key would travel unencrypted',
			);
		}
		practiceGroupId = args['practice-group-id'] ?? process.env.HERO_PRACTICE_GROUP_ID ?? '';
		if (!practiceGroupId)
			throw new Error(`Give --practice-group-id or HERO_PRACTICE_GROUP_ID\n${USAGE}`);
		apiKey = process.env.HERO_API_KEY || (await askKey());
		if (!apiKey) throw new Error(`Set HERO_API_KEY (or run in a terminal to be asked)\n${USAGE}`);
	}
	const allowRefusedWrites = args['allow-refused-writes'] === true;
	const delayMs = Number(args['delay-ms'] ?? (sandbox ? 0 : 250));
	const startedAt = new Date();
	console.log(`Probing ${environment} (${new URL(baseUrl).host}), one request at a time…`);
	let results;
	try {
		results = await probeHero({ baseUrl, apiKey, practiceGroupId, allowRefusedWrites, delayMs });
	} finally {
		if (sandbox) {
			const counters = sandbox.counters();
			console.log(
				`Sandbox: ${counters.received} requests, effects: ${JSON.stringify(counters.effects)}, messages sent: ${counters.messagesSent.total}`,
			);
			await sandbox.stop();
		}
	}
	const summary = summarise(results);
	console.log(`\n${formatTable(results)}\n`);
	const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const report = {
		tool: 'n8n-nodes-herohealth probe',
		version,
		probedAt: startedAt.toISOString(),
		environment,
		host: new URL(baseUrl).host,
		allowRefusedWrites,
		summary,
		results,
	};
	const out = args.out ?? `hero-probe-${startedAt.toISOString().slice(0, 10)}.json`;
	// Defence in depth: the key is never put in the report, and any trace of it is refused.
	const text = `${JSON.stringify(report, null, '\t')}\n`;
	if (apiKey && text.includes(apiKey))
		throw new Error('The report would contain the API key: not written');
	writeFileSync(out, text);
	const guessed = summary.inferred;
	console.log(
		`Guessed endpoints: ${guessed.confirmed} confirmed, ${guessed['not found']} not found, ${guessed['method not allowed']} method not allowed, ${guessed.unknown} unknown.`,
	);
	console.log(
		`Wrote ${out}. Attach it to an issue at https://github.com/herohealth-n8n/n8n-nodes-herohealth/issues (it holds no key and no answer from Hero).`,
	);
	return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			console.error(error instanceof Error ? error.message : String(error));
			process.exit(2);
		},
	);
}
