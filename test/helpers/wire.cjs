// @ts-check
// Records the HTTP requests a test makes, as they go on the wire. Plain JavaScript, like the other
// jest setup files: it needs Node's own modules, which the package's lint keeps out of TypeScript.
const { AsyncLocalStorage } = require('node:async_hooks');
const { subscribe, unsubscribe } = require('node:diagnostics_channel');
const { dirname } = require('node:path');

/** n8n-core's own copy of n8n's outbound HTTP client: its HTTP helpers send through it. */
function n8nOutboundHttp() {
	const fromCore = { paths: [dirname(require.resolve('n8n-core'))] };
	return require(require.resolve('@n8n/backend-network', fromCore)).OutboundHttp;
}

/** The body n8n's client was handed for the request being sent in this async context, and when. */
const sending = new AsyncLocalStorage();

/** @param {string} query */
function parseQuery(query) {
	if (!query) return undefined;
	/** @type {Record<string, string | string[]>} */
	const parsed = {};
	for (const [name, value] of new URLSearchParams(query)) {
		const known = parsed[name];
		if (known === undefined) parsed[name] = value;
		else parsed[name] = Array.isArray(known) ? [...known, value] : [known, value];
	}
	return parsed;
}

/** @param {string} text */
function parseText(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The body as the client serialises it for a JSON request: objects as JSON, text as it is. */
function bodyAsSent(/** @type {unknown} */ body) {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') return parseText(body);
	if (Buffer.isBuffer(body)) return parseText(body.toString('utf8'));
	return JSON.parse(JSON.stringify(body));
}

/** @param {import('node:http').ClientRequest} request */
function headerRecord(request) {
	/** @type {Record<string, string>} */
	const headers = {};
	for (const [name, value] of Object.entries(request.getHeaders())) {
		if (value !== undefined) {
			headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		}
	}
	return headers;
}

/** The request lists being filled now: one per recording open. */
/** @type {Map<import('./wire.cjs').RecordedRequest[], undefined | ((count: number) => void)>} */
const recorders = new Map();
let inFlight = 0;
/** @type {undefined | (() => void)} */
let unhook;

/** @param {any} message */
const onStart = (message) => {
	/** @type {import('node:http').ClientRequest} */
	const request = message.request;
	const [path, query = ''] = request.path.split(/\?(.*)/s);
	const host = request.getHeader('host') ?? request.host;
	const hasBody =
		Number(request.getHeader('content-length') ?? 0) > 0 ||
		/chunked/i.test(String(request.getHeader('transfer-encoding') ?? ''));
	const handed = sending.getStore();
	const recorded = {
		method: request.method,
		url: `${request.protocol}//${String(host)}${path}`,
		headers: headerRecord(request),
		qs: parseQuery(query),
		query,
		body: hasBody ? bodyAsSent(handed?.body) : undefined,
		startedAt: handed?.handedAt ?? performance.now(),
		inFlight: ++inFlight,
	};
	for (const [requests, onRequest] of recorders) {
		requests.push({ ...recorded });
		onRequest?.(requests.length);
	}
	let done = false;
	const finish = () => {
		if (done) return;
		done = true;
		inFlight--;
	};
	request.once('close', finish);
	request.once('response', (response) => response.once('end', finish));
};
/** Hooks into Node's http client and n8n's, once for all open recordings. */
function hook() {
	const OutboundHttp = n8nOutboundHttp();
	const requestsOf = OutboundHttp.prototype.requests;
	OutboundHttp.prototype.requests = function (/** @type {unknown[]} */ ...args) {
		const client = requestsOf.apply(this, args);
		return {
			...client,
			/** @param {{ body?: unknown }} options */
			request: async (options) =>
				await sending.run(
					{ body: options.body, handedAt: performance.now() },
					async () => await client.request(options),
				),
		};
	};
	subscribe('http.client.request.start', onStart);
	return () => {
		unsubscribe('http.client.request.start', onStart);
		OutboundHttp.prototype.requests = requestsOf;
	};
}

/**
 * Starts recording every HTTP request made in this process (see recordRequests); `stop()` ends it.
 * For code a test calls itself, e.g. a trigger's webhook methods. `onRequest` is called as each
 * request starts, with the number recorded so far.
 * @param {(count: number) => void} [onRequest]
 */
function startRecording(onRequest) {
	/** @type {import('./wire.cjs').RecordedRequest[]} */
	const requests = [];
	if (recorders.size === 0) {
		inFlight = 0;
		unhook = hook();
	}
	recorders.set(requests, onRequest);
	const stop = () => {
		if (!recorders.delete(requests) || recorders.size > 0) return;
		unhook?.();
		unhook = undefined;
	};
	return { requests, stop };
}

/**
 * Records every HTTP request made in this process while `fn` runs. Method, URL, headers and query
 * come from Node's own http client (diagnostics channel `http.client.request.start`, published once
 * the request is written), so they are what went on the wire whether nock answered or a local
 * server did. The body is the one n8n's HTTP client was handed for that request (found through the
 * async context) as it serialises it, and none when the request carried none: nock takes the bytes
 * off the socket before Node's hooks see them.
 * @template T
 * @param {() => Promise<T>} fn
 */
async function recordRequests(fn) {
	const { requests, stop } = startRecording();
	try {
		const result = await fn();
		return { result, requests };
	} finally {
		stop();
	}
}

module.exports = { recordRequests, startRecording };
