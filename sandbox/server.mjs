// @ts-check
// A local, stateful stand-in for the Hero Health Public API, for development, demos, tests and
// benchmarks. Serves every endpoint the operation files declare (sandbox/endpoints.mjs),
// checks requests against spec/hero-openapi.yaml, keeps state seeded from ./seed.mjs, sends signed
// webhooks, and has knobs for latency, rate limits, faults and dropped connections.
// Listens on 127.0.0.1 only. Not part of the published package.
import { randomUUID } from 'node:crypto';
import http from 'node:http';

import { loadEndpoints } from './endpoints.mjs';
import {
	errorBody,
	fallbackHandler,
	handlers,
	HttpAnswer,
	HttpError,
	settleWriteToRecord,
	transitions,
	validationBody,
} from './handlers.mjs';
import { addPatient } from './handlers/patient.mjs';
import { iso, seedState } from './seed.mjs';
import { baseParamName, loadSpec, operationKey, unknownFields } from './spec.mjs';
import { createDeliverer } from './webhooks.mjs';

/**
 * @typedef {{
 *   latencyMs: number,
 *   rateLimitPerSecond: number,
 *   retryAfterSeconds: number | null,
 *   faultRate: number,
 *   dropRate: number,
 *   webhookSigning: boolean,
 *   faultNext: number,
 *   dropNext: number,
 *   nextOnRoute: string,
 *   faultStatus: number,
 *   inferredRouteStatus: number,
 *   reservationSeconds: number,
 *   maxPageSize: number,
 *   pageSizeCap: number,
 *   defaultPageSize: number,
 *   ignorePageIndex: boolean,
 *   rejectUnknownFields: boolean,
 *   referenceWebhookEventsOnly: boolean,
 *   allowExternalWebhooks: boolean,
 *   webhookTimeoutMs: number,
 *   seed: number,
 * }} SandboxConfig
 *
 * @typedef {Partial<SandboxConfig> & {
 *   port?: number,
 *   apiKey?: string,
 *   practiceGroupId?: string,
 *   log?: ((line: string) => void) | boolean,
 * }} SandboxOptions
 *
 * @typedef {{ received: number, answered: Record<string, number>, dropped: number }} RouteCounter
 * @typedef {{ total: number, byPatient: Record<string, number> }} EffectCounter
 */

/** @type {SandboxConfig} */
export const DEFAULT_CONFIG = {
	latencyMs: 0,
	rateLimitPerSecond: 0,
	retryAfterSeconds: 1,
	faultRate: 0,
	dropRate: 0,
	webhookSigning: true,
	faultNext: 0,
	dropNext: 0,
	nextOnRoute: '',
	faultStatus: 503,
	inferredRouteStatus: 0,
	reservationSeconds: 900,
	maxPageSize: 100,
	// 0 = off; else a page holds at most this many records, whatever page_size asks (as a server
	// that caps page sizes quietly), and page_index counts pages of that size.
	pageSizeCap: 0,
	defaultPageSize: 20,
	ignorePageIndex: false,
	rejectUnknownFields: false,
	referenceWebhookEventsOnly: false,
	allowExternalWebhooks: false,
	webhookTimeoutMs: 5000,
	seed: 1,
};

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Checks and applies a partial config; throws on unknown keys or bad values.
 * @param {SandboxConfig} config
 * @param {Record<string, unknown>} partial
 */
function applyConfig(config, partial) {
	/** @type {Record<string, unknown>} */
	const next = { ...config };
	for (const [key, value] of Object.entries(partial)) {
		if (!(key in DEFAULT_CONFIG)) throw new Error(`Unknown sandbox setting "${key}"`);
		const expected = typeof DEFAULT_CONFIG[/** @type {keyof SandboxConfig} */ (key)];
		if (key === 'retryAfterSeconds' && value === null) {
			next[key] = null;
			continue;
		}
		if (typeof value !== expected)
			throw new Error(`Sandbox setting "${key}" must be a ${expected}`);
		if (expected === 'number' && (!Number.isFinite(value) || /** @type {number} */ (value) < 0)) {
			throw new Error(`Sandbox setting "${key}" must be a number >= 0`);
		}
		if ((key === 'faultRate' || key === 'dropRate') && /** @type {number} */ (value) > 1) {
			throw new Error(`Sandbox setting "${key}" must be between 0 and 1`);
		}
		if (key === 'inferredRouteStatus' && ![0, 404, 405].includes(/** @type {number} */ (value))) {
			throw new Error(`Sandbox setting "${key}" must be 0 (off), 404 or 405`);
		}
		next[key] = value;
	}
	Object.assign(config, next);
}

/** A seeded random number generator (mulberry32), so fault patterns repeat. @param {number} seed */
function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @typedef {{
 *   method: string, path: string, segments: string[], keys: string[], paged: boolean,
 *   inferred: boolean, guessedRoute: boolean, operation: import('./spec.mjs').Operation | undefined,
 * }} Route
 */

/** @param {Route[]} routes @param {string} method @param {string} pathname */
function matchRoute(routes, method, pathname) {
	const segments = pathname.split('/');
	/** @type {{ route: Route, params: Record<string, string>, score: string } | undefined} */
	let best;
	for (const route of routes) {
		if (route.method !== method || route.segments.length !== segments.length) continue;
		/** @type {Record<string, string>} */
		const params = {};
		let score = '';
		let ok = true;
		for (let i = 0; i < segments.length; i++) {
			const pattern = route.segments[i];
			const param = /^\{(\w+)\}$/.exec(pattern);
			if (param) {
				if (!segments[i]) {
					ok = false;
					break;
				}
				try {
					params[param[1]] = decodeURIComponent(segments[i]);
				} catch {
					ok = false;
					break;
				}
				score += '0';
			} else if (pattern === segments[i]) {
				score += '1';
			} else {
				ok = false;
				break;
			}
		}
		if (ok && (!best || score > best.score)) best = { route, params, score };
	}
	return best;
}

/**
 * Starts the sandbox.
 * @param {SandboxOptions} [options]
 */
export async function startSandbox(options = {}) {
	const {
		port = 0,
		apiKey = 'sandbox-api-key',
		practiceGroupId = '731',
		log: logOption,
		...knobs
	} = options;
	/** @type {(line: string) => void} */
	const log =
		typeof logOption === 'function'
			? logOption
			: logOption === true
				? (line) => console.log(`${new Date().toISOString()} ${line}`)
				: () => {};
	/** @type {SandboxConfig} */
	const startConfig = { ...DEFAULT_CONFIG };
	applyConfig(startConfig, knobs);
	/** @type {SandboxConfig} */
	const config = { ...startConfig };

	const spec = await loadSpec();
	const endpoints = await loadEndpoints();

	// Routes: the node's table first (keys from there), then any spec operation it does not call.
	/** @type {Map<string, Route>} */
	const routeMap = new Map();
	for (const endpoint of endpoints) {
		const key = operationKey(endpoint.method, endpoint.path);
		const existing = routeMap.get(key);
		if (existing) {
			existing.keys.push(endpoint.key);
			existing.paged ||= endpoint.paged;
			existing.guessedRoute ||= endpoint.guessedRoute;
			continue;
		}
		routeMap.set(key, {
			method: endpoint.method,
			path: endpoint.path,
			segments: endpoint.path.split('/'),
			keys: [endpoint.key],
			paged: endpoint.paged,
			inferred: endpoint.inferred !== undefined,
			guessedRoute: endpoint.guessedRoute,
			operation: spec.operations.get(key),
		});
	}
	for (const [key, operation] of spec.operations) {
		if (routeMap.has(key)) continue;
		routeMap.set(key, {
			method: operation.method,
			path: operation.path,
			segments: operation.path.split('/'),
			keys: [operation.operationId],
			paged: operation.parameters.some((parameter) => parameter.name === 'page_index'),
			inferred: false,
			guessedRoute: false,
			operation,
		});
	}
	const routes = [...routeMap.values()];

	// State, counters, knobs.
	/** @type {import('./seed.mjs').State} */
	const state = /** @type {any} */ ({});
	let random = seededRandom(config.seed);
	let tokens = 0;
	let tokensAt = 0;

	function freshCounters() {
		return {
			startedAt: iso(Date.now()),
			received: 0,
			answered: /** @type {Record<string, number>} */ ({}),
			dropped: 0,
			faults: 0,
			rateLimited: 0,
			validationFailures: 0,
			/** @type {Record<string, RouteCounter>} */
			requests: {},
			/** @type {EffectCounter} */
			messagesSent: { total: 0, byPatient: {} },
			/** @type {Record<string, EffectCounter>} */
			effects: {},
			/** @type {Record<string, { total: number, byStatus: Record<string, number> }>} */
			webhookDeliveries: {},
			/** @type {Record<string, string[]>} */
			unknownFields: {},
			/**
			 * API requests timed by this server's monotonic clock (ms, performance.now()): first one
			 * received, last one answered, the sum over time of requests in flight, the sum of each
			 * request's time here (latency included), and the connections they came on.
			 */
			timing: {
				firstReceivedMs: /** @type {number | null} */ (null),
				lastAnsweredMs: /** @type {number | null} */ (null),
				inFlightMs: 0,
				serverMs: 0,
				connections: 0,
			},
		};
	}
	let counters = freshCounters();
	let inFlight = 0;
	let maxInFlight = 0;
	let inFlightSince = performance.now();
	/** Sockets that carried an API request since the last reset. */
	let apiSockets = new WeakSet();
	/** Adds the time since the last change of inFlight, weighted by it, then applies the change. */
	const changeInFlight = (/** @type {number} */ by) => {
		const now = performance.now();
		counters.timing.inFlightMs += inFlight * (now - inFlightSince);
		inFlightSince = now;
		inFlight += by;
		return now;
	};

	function resetState() {
		for (const key of Object.keys(state)) delete (/** @type {any} */ (state)[key]);
		Object.assign(state, seedState(Date.now()));
	}
	resetState();

	/** @type {{ url: string }} */
	const self = { url: '' };

	const deliverer = createDeliverer({
		practiceGroupId,
		config: () => config,
		log,
		onDelivered(delivery) {
			const entry = (counters.webhookDeliveries[delivery.event] ??= { total: 0, byStatus: {} });
			entry.total++;
			const outcome = delivery.skipped
				? 'skipped'
				: delivery.status === null
					? 'failed'
					: String(delivery.status);
			entry.byStatus[outcome] = (entry.byStatus[outcome] ?? 0) + 1;
		},
	});

	/**
	 * The context handlers see. Events are queued and sent once the handler succeeded.
	 * @param {'api' | 'practice'} actor
	 */
	function handlerContext(actor) {
		/** @type {Array<[string, string, string]>} */
		const events = [];
		/** @type {import('./handlers.mjs').HandlerContext} */
		const ctx = {
			now: () => Date.now(),
			url: self.url,
			practiceGroupId,
			actor,
			config,
			effect(name, patientId) {
				const entry =
					name === 'messagesSent'
						? counters.messagesSent
						: (counters.effects[name] ??= { total: 0, byPatient: {} });
				entry.total++;
				if (patientId) entry.byPatient[patientId] = (entry.byPatient[patientId] ?? 0) + 1;
			},
			emit(eventType, object, id) {
				events.push([eventType, object, id]);
			},
		};
		const flush = () => {
			for (const [eventType, object, id] of events.splice(0)) {
				deliverer.dispatch([...state.webhooks.values()], eventType, object, id);
			}
		};
		return { ctx, flush };
	}

	/** @param {http.ServerResponse} res @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
	function send(res, status, body, headers = {}) {
		const text = body === undefined ? '' : JSON.stringify(body);
		res.writeHead(status, {
			'content-type': 'application/json; charset=utf-8',
			'content-length': String(Buffer.byteLength(text)),
			...headers,
		});
		res.end(text);
	}

	/** @param {http.IncomingMessage} req @returns {Promise<string>} */
	function readBody(req) {
		return new Promise((resolve, reject) => {
			/** @type {Buffer[]} */
			const chunks = [];
			let size = 0;
			req.on('data', (/** @type {Buffer} */ chunk) => {
				size += chunk.length;
				if (size <= MAX_BODY_BYTES) chunks.push(chunk);
			});
			req.on('end', () =>
				size > MAX_BODY_BYTES
					? reject(new HttpError(413, errorBody(413, 'Request body too large')))
					: resolve(Buffer.concat(chunks).toString('utf8')),
			);
			req.on('error', reject);
		});
	}

	/** Token bucket: capacity and refill are both rateLimitPerSecond. */
	function takeToken() {
		const rate = config.rateLimitPerSecond;
		if (!rate) return true;
		const now = Date.now();
		tokens = Math.min(rate, tokens + ((now - tokensAt) / 1000) * rate);
		tokensAt = now;
		if (tokens < 1) return false;
		tokens -= 1;
		return true;
	}

	/** @param {URLSearchParams} searchParams */
	function queryMap(searchParams) {
		/** @type {Map<string, string[]>} */
		const query = new Map();
		for (const [rawName, value] of searchParams) {
			const name = baseParamName(rawName);
			const values = query.get(name) ?? [];
			values.push(value);
			query.set(name, values);
		}
		return query;
	}

	/**
	 * Spec checks of one request (openapi-backend, through ./spec.mjs); answers the issues (empty when
	 * it conforms). Body fields the spec does not name are counted, and refused when asked to.
	 * @param {Route} route @param {Record<string, string>} params @param {Map<string, string[]>} query @param {unknown} body @param {string} label
	 */
	function validateRequest(route, params, query, body, label) {
		const operation = route.operation;
		if (!operation) return [];
		const issues = spec.validateRequest(operation, { params, query, body });
		const unknown = operation.body ? unknownFields(operation.body.schema, body) : [];
		if (unknown.length) {
			const seen = new Set([...(counters.unknownFields[label] ?? []), ...unknown]);
			counters.unknownFields[label] = [...seen];
			if (config.rejectUnknownFields) {
				issues.push({
					code: 'unrecognized_keys',
					expected: 'only the fields the spec names',
					received: unknown.join(', '),
					path: [],
					message: `Unrecognized key(s) in object: ${unknown.map((name) => `'${name}'`).join(', ')}`,
					location: 'body',
				});
			}
		}
		return issues;
	}

	/**
	 * One API request, through every knob, check and handler.
	 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} url
	 */
	async function handleApi(req, res, url) {
		const method = String(req.method).toUpperCase();
		const match = matchRoute(routes, method, url.pathname);
		const label = match ? `${method} ${match.route.path}` : `${method} (no route)`;
		const routeCounter = (counters.requests[label] ??= { received: 0, answered: {}, dropped: 0 });
		const requestCounters = counters;
		requestCounters.received++;
		routeCounter.received++;
		const receivedMs = changeInFlight(1);
		const timing = requestCounters.timing;
		timing.firstReceivedMs ??= receivedMs;
		if (!apiSockets.has(req.socket)) {
			apiSockets.add(req.socket);
			timing.connections++;
		}
		maxInFlight = Math.max(maxInFlight, inFlight);
		const started = Date.now();
		const requestId = randomUUID();
		let status = 500;
		/** @type {unknown} */
		let body;
		/** @type {Record<string, string>} */
		const headers = { 'x-request-id': requestId };
		let processed = false;
		let flushEvents = () => {};
		try {
			const rawBody = await readBody(req);
			if (!takeToken()) {
				requestCounters.rateLimited++;
				if (config.retryAfterSeconds !== null)
					headers['retry-after'] = String(config.retryAfterSeconds);
				throw new HttpError(429, errorBody(429, 'Too Many Requests'));
			}
			// faultNext/dropNext count only requests of nextOnRoute ('POST /v1/messages/send') when set
			const counted = !config.nextOnRoute || label === config.nextOnRoute;
			if (
				(counted && config.faultNext > 0) ||
				(config.faultRate > 0 && random() < config.faultRate)
			) {
				if (counted && config.faultNext > 0) config.faultNext--;
				requestCounters.faults++;
				throw new HttpError(
					config.faultStatus,
					errorBody(config.faultStatus, 'Service temporarily unavailable'),
				);
			}
			if (req.headers['x-api-key'] !== apiKey) {
				throw new HttpError(401, errorBody(401, 'Unauthorised'));
			}
			const groupHeader = req.headers['x-practice-group-id'];
			if (groupHeader !== practiceGroupId) {
				throw new HttpError(
					403,
					errorBody(
						403,
						groupHeader
							? `The API key cannot act for practice group ${groupHeader}`
							: 'Missing x-practice-group-id header',
					),
				);
			}
			if (!match) throw new HttpError(404, errorBody(404, `Cannot ${method} ${url.pathname}`));
			// As Hero would answer if a guessed path or method is wrong: no such route.
			if (config.inferredRouteStatus && match.route.guessedRoute) {
				const status = config.inferredRouteStatus;
				throw new HttpError(
					status,
					errorBody(
						status,
						status === 405 ? 'Method Not Allowed' : `Cannot ${method} ${url.pathname}`,
					),
				);
			}
			/** @type {unknown} */
			let parsed;
			if (rawBody.trim()) {
				try {
					parsed = JSON.parse(rawBody);
				} catch {
					throw new HttpError(
						400,
						validationBody([
							{
								code: 'invalid_json',
								expected: 'a JSON body',
								received: 'invalid JSON',
								path: [],
								message: 'The body is not valid JSON',
							},
						]),
					);
				}
			}
			const query = queryMap(url.searchParams);
			const issues = validateRequest(match.route, match.params, query, parsed, label);
			if (issues.length) {
				requestCounters.validationFailures++;
				throw new HttpError(400, validationBody(issues));
			}
			const key = match.route.keys.find((name) => handlers[name]) ?? match.route.keys[0];
			const handler = handlers[key] ?? fallbackHandler;
			const { ctx, flush } = handlerContext('api');
			processed = true;
			const operation = match.route.operation;
			const result = handler({
				key,
				method,
				path: match.route.path,
				paged: match.route.paged,
				mock: operation ? () => spec.mock(operation) : undefined,
				params: match.params,
				query,
				body: parsed ?? {},
				state,
				ctx,
			});
			flushEvents = flush;
			[status, body] = result instanceof HttpAnswer ? [result.status, result.body] : [200, result];
		} catch (error) {
			if (error instanceof HttpError) {
				status = error.status;
				body = error.body;
			} else {
				status = 500;
				body = errorBody(500, 'Unknown error');
				log(
					`error ${method} ${url.pathname}: ${error instanceof Error ? error.stack : String(error)}`,
				);
			}
		}
		flushEvents();
		const dropCounted = !config.nextOnRoute || label === config.nextOnRoute;
		const drop =
			processed &&
			((dropCounted && config.dropNext > 0) || (config.dropRate > 0 && random() < config.dropRate));
		if (drop && dropCounted && config.dropNext > 0) config.dropNext--;
		if (config.latencyMs > 0) await sleep(config.latencyMs);
		const answeredMs = changeInFlight(-1);
		timing.lastAnsweredMs = answeredMs;
		timing.serverMs += answeredMs - receivedMs;
		if (drop) {
			requestCounters.dropped++;
			routeCounter.dropped++;
			log(`${method} ${url.pathname}${url.search} ${status} dropped ${Date.now() - started}ms`);
			req.socket.destroy();
			return;
		}
		requestCounters.answered[status] = (requestCounters.answered[status] ?? 0) + 1;
		routeCounter.answered[status] = (routeCounter.answered[status] ?? 0) + 1;
		log(`${method} ${url.pathname}${url.search} ${status} ${Date.now() - started}ms`);
		send(res, status, body, headers);
	}

	/** Snapshot of the state for GET /__sandbox/state. @param {boolean} withSlots */
	function stateSnapshot(withSlots) {
		const now = Date.now();
		/** @type {Record<string, unknown>} */
		const snapshot = {};
		for (const [key, value] of Object.entries(state)) {
			if (key === 'slots' && !withSlots) continue;
			snapshot[key] = value instanceof Map ? [...value.values()] : value;
		}
		snapshot.appointments = [...state.appointments.values()].map((appointment) => ({
			...appointment,
			status:
				appointment.status === 'reserved' &&
				appointment.reserved_until &&
				Date.parse(appointment.reserved_until) <= now
					? 'expired'
					: appointment.status,
		}));
		snapshot.slotCount = state.slots.length;
		return snapshot;
	}

	/**
	 * The control API under /__sandbox/ (no API key, no knobs, not counted).
	 * @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {URL} url
	 */
	async function handleControl(req, res, url) {
		const method = String(req.method).toUpperCase();
		const path = url.pathname.replace(/^\/__sandbox/, '') || '/';
		try {
			const rawBody = await readBody(req);
			/** @type {any} */
			let body = {};
			if (rawBody.trim()) {
				try {
					body = JSON.parse(rawBody);
				} catch {
					throw new HttpError(400, errorBody(400, 'The body is not valid JSON'));
				}
			}
			const ok = (/** @type {unknown} */ result) => send(res, 200, result);
			if (method === 'GET' && path === '/health') return ok({ ok: true });
			if (method === 'GET' && path === '/counters') return ok(api.counters());
			if (method === 'GET' && path === '/config') return ok({ ...config });
			if (method === 'POST' && path === '/config') {
				try {
					api.setConfig(body);
				} catch (error) {
					throw new HttpError(400, errorBody(400, /** @type {Error} */ (error).message));
				}
				return ok({ ...config });
			}
			if (method === 'POST' && path === '/reset') {
				api.reset();
				return ok({ ok: true, config: { ...config } });
			}
			if (method === 'POST' && path === '/patients') {
				// many practice patients at once (benchmarks: 20,000 recall rows), as Register Patient
				// would add them one by one
				if (!Array.isArray(body.patients))
					throw new HttpError(400, errorBody(400, 'Give {"patients": [{nhs_number, dob, …}]}'));
				const added = body.patients.map(
					(/** @type {Record<string, any>} */ person) => addPatient(state, person, 'hero').id,
				);
				return ok({ added: added.length, ids: added });
			}
			if (method === 'POST' && path === '/sms-credits') {
				// the practice's SMS credits (Get SMS Credits), e.g. enough for a 20,000-row benchmark
				const count = Number(body.count);
				if (!Number.isInteger(count) || count < 0)
					throw new HttpError(400, errorBody(400, 'Give {"count": a whole number >= 0}'));
				state.practiceGroupExtras.sms_credit_count = count;
				return ok({ sms_credit_count: count });
			}
			if (method === 'GET' && path === '/state')
				return ok(stateSnapshot(url.searchParams.get('slots') === 'true'));
			if (method === 'GET' && path === '/deliveries')
				return ok({ data: deliverer.deliveries(), count: deliverer.deliveries().length });
			if (method === 'GET' && path === '/endpoints') {
				return ok(
					routes.map((route) => ({
						method: route.method,
						path: route.path,
						keys: route.keys,
						paged: route.paged,
						inSpec: route.operation !== undefined,
						inferred: route.inferred,
						guessedRoute: route.guessedRoute,
						handler: route.keys.some((name) => handlers[name]),
					})),
				);
			}
			const appointment = /^\/appointments\/([^/]+)\/(confirm|cancel|reschedule|expire)$/.exec(
				path,
			);
			if (method === 'POST' && appointment) {
				const [, id, action] = appointment;
				if (action === 'expire') {
					const row = state.appointments.get(id);
					if (!row) throw new HttpError(404, errorBody(404, 'Appointment not found'));
					if (row.status !== 'reserved')
						throw new HttpError(
							400,
							errorBody(400, `Appointment ${id} is ${row.status}, not reserved`),
						);
					row.reserved_until = iso(Date.now() - 1000);
					return ok({ id, reserved_until: row.reserved_until });
				}
				const { ctx, flush } = handlerContext('practice');
				/** @type {unknown} */
				let result;
				if (action === 'confirm') result = transitions.confirm(state, ctx, id, body);
				else if (action === 'cancel') result = transitions.cancel(state, ctx, id, body);
				else {
					const row = state.appointments.get(id);
					/** @type {Record<string, unknown>} */
					let change = body;
					if (row && body.start_time === undefined && body.slot_id === undefined) {
						// Default: the same practitioner's next free slot after the current time.
						const after = Date.parse(row.start_time);
						const next = state.slots.find(
							(slot) =>
								slot.practitioner_id === row.practitioner_id &&
								Date.parse(slot.start_time) > after &&
								![...state.appointments.values()].some(
									(other) =>
										other.id !== row.id &&
										other.practitioner_id === slot.practitioner_id &&
										other.start_time === slot.start_time &&
										(other.status === 'confirmed' || other.status === 'reserved'),
								),
						);
						if (next) change = { ...body, slot_id: next.id };
					}
					result = transitions.reschedule(state, ctx, id, change);
				}
				flush();
				return ok(result);
			}
			const writeToRecord = /^\/messages\/([^/]+)\/write-to-record$/.exec(path);
			if (writeToRecord && (method === 'POST' || method === 'GET')) {
				const outcome = method === 'GET' ? 'succeeded' : (body.outcome ?? 'succeeded');
				if (outcome !== 'succeeded' && outcome !== 'failed')
					throw new HttpError(400, errorBody(400, 'outcome must be "succeeded" or "failed"'));
				const { ctx, flush } = handlerContext('practice');
				const result = settleWriteToRecord(
					state,
					ctx,
					writeToRecord[1],
					outcome,
					body.failure_reason,
				);
				flush();
				return ok(result);
			}
			if (method === 'POST' && path === '/events') {
				if (typeof body.event_type !== 'string' || typeof body.id !== 'string') {
					throw new HttpError(
						400,
						errorBody(400, 'Give event_type and id (strings); object is optional'),
					);
				}
				const object =
					body.object ??
					{
						appointment: 'Appointment',
						prescription: 'Prescription',
						patient: 'Patient',
						'form-submission': 'FormSubmission',
						'write-to-record': 'Message',
					}[String(body.event_type).split('.')[0]] ??
					'Unknown';
				deliverer.dispatch([...state.webhooks.values()], body.event_type, object, body.id);
				return ok({
					event_type: body.event_type,
					object,
					id: body.id,
					webhooks: [...state.webhooks.values()].filter(
						(item) => item.event_type === body.event_type,
					).length,
				});
			}
			const verify = /^\/verify\/([^/]+)$/.exec(path);
			if (method === 'GET' && verify) {
				const patient = [...state.patients.values()].find((item) => item.uid === verify[1]);
				if (!patient) throw new HttpError(404, errorBody(404, 'Unknown verification link'));
				patient.must_verify_identity = false;
				return ok({ verified: true, patient_id: patient.id });
			}
			throw new HttpError(404, errorBody(404, `Cannot ${method} ${url.pathname}`));
		} catch (error) {
			if (error instanceof HttpError) return send(res, error.status, error.body);
			log(
				`control error ${method} ${path}: ${error instanceof Error ? error.stack : String(error)}`,
			);
			return send(res, 500, errorBody(500, 'Unknown error'));
		}
	}

	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const handle =
			url.pathname === '/__sandbox' || url.pathname.startsWith('/__sandbox/')
				? handleControl
				: handleApi;
		handle(req, res, url).catch((error) => {
			log(`unhandled ${error instanceof Error ? error.stack : String(error)}`);
			if (!res.headersSent) send(res, 500, errorBody(500, 'Unknown error'));
		});
	});
	server.keepAliveTimeout = 5000;

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	self.url = `http://127.0.0.1:${address.port}`;

	const api = {
		url: self.url,
		port: address.port,
		apiKey,
		practiceGroupId,
		/** The live state (the same object across resets). */
		state,
		/**
		 * Changes knobs at run time (same names as the options); unknown names throw.
		 * @param {Partial<SandboxConfig>} partial
		 */
		setConfig(partial) {
			const rateBefore = config.rateLimitPerSecond;
			applyConfig(config, /** @type {Record<string, unknown>} */ (partial ?? {}));
			if (config.rateLimitPerSecond !== rateBefore) {
				tokens = config.rateLimitPerSecond;
				tokensAt = Date.now();
			}
			if (partial && 'seed' in partial) random = seededRandom(config.seed);
			return { ...config };
		},
		/** A copy of the counters. */
		counters() {
			return { ...structuredClone(counters), inFlight, maxInFlight };
		},
		/** State back to the seed, counters and delivery log emptied, knobs back to the start options. */
		reset() {
			counters = freshCounters();
			maxInFlight = inFlight;
			inFlightSince = performance.now();
			apiSockets = new WeakSet();
			Object.assign(config, startConfig);
			random = seededRandom(config.seed);
			tokens = config.rateLimitPerSecond;
			tokensAt = Date.now();
			deliverer.clear();
			resetState();
		},
		/** The webhook delivery log. */
		deliveries() {
			return deliverer.deliveries();
		},
		/** Resolves when every webhook delivery started so far has finished. */
		async settled() {
			await deliverer.settled();
		},
		/** Closes the server and every open connection. */
		async stop() {
			deliverer.abort();
			await new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			});
		},
	};
	tokens = config.rateLimitPerSecond;
	tokensAt = Date.now();
	return api;
}
