import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import {
	HERO_BASE_URLS,
	insecureBaseUrlProblem,
} from '../../../credentials/HeroHealthApi.credentials';
import { badPathParameter, endpoint, endpointPath, type EndpointName } from './endpoints';
import { heroApiError, notFoundKind } from './errors';

export { ENDPOINTS, type EndpointName } from './endpoints';

export type HeroContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export const CREDENTIAL_NAME = 'heroHealthApi';

/**
 * Hero's list endpoints take `page_index` and `page_size`. The reference does not say where
 * page_index starts; every sample request uses `page_index=0`, so the first page is 0.
 */
export const FIRST_PAGE_INDEX = 0;
export const MAX_PAGE_SIZE = 100;

export interface RequestPolicy {
	/** Retries after 429 / 503 (and 502 / 504 and dropped connections for reads). */
	maxRetries: number;
	/** Upper bound for the whole node; 0 means no cap. */
	maxRequestsPerSecond: number;
	/** Per request, in milliseconds. */
	timeout: number;
	/** Requests in flight at once for the whole node run; 0 means no limit. */
	concurrency: number;
	/** Without Continue On Fail: a request's final failure starts no new request of the run. */
	haltOnFailure?: boolean;
}

/**
 * Requests out at once when Request Options → Concurrency is not set. Chosen from measurement
 * (README, "Default concurrency"): 10 beats n8n's HTTP Request node at its defaults, and under a
 * rate limit the throttle keeps 429s to a handful.
 */
export const DEFAULT_CONCURRENCY = 10;

export const DEFAULT_POLICY: RequestPolicy = {
	maxRetries: 5,
	maxRequestsPerSecond: 0,
	timeout: 60_000,
	concurrency: 0,
};

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** Longest single wait we honour from a Retry-After header before giving up on the request. */
const RETRY_AFTER_MAX_MS = 120_000;

/** Methods Hero can safely receive twice; anything else is resent only when it surely never arrived. */
const IDEMPOTENT_METHODS = new Set<string>(['GET', 'HEAD', 'OPTIONS', 'DELETE']);
/** Network failures that happen before a request is sent, so a retry cannot duplicate it. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/**
 * State shared by every request of one node run (one context): the credential's base URL, and the
 * throttle, so that a 429 slows down the whole node and not only the request that met it.
 */
interface RunState {
	policy: RequestPolicy;
	credential?: Promise<CredentialInfo>;
	/** No request starts before this time (ms since epoch): set by the first 429. */
	pausedUntil: number;
	/** Earliest start of the next request under the rate cap or the learned rate. */
	nextStartAt: number;
	/** Request starts per second learned from 429s; 0 until the first one (no limit known). */
	learnedRate: number;
	/** When the learned rate last went down: 429s of requests started before it are old news. */
	lastDecreaseAt: number;
	lastIncreaseAt: number;
	/** Start times of recent successful requests, to measure the rate Hero accepted. */
	recentSuccesses: number[];
	/** performance.now() of the last request start, for the start gap. */
	lastStartAt: number;
	/** Requests waiting for the start gap, one event-loop turn after another. */
	startQueue: Promise<void>;
	/** Requests holding a slot: out, or about to start. */
	inFlight: number;
	/** Requests waiting for a slot, first come first served. */
	slotWaiters: Array<() => void>;
	/** Pre-check pass: every request is withheld, so an item's execute stops at its first one. */
	precheck: boolean;
	/** Set after a failure or a cancel: no request starts any more; those already out finish. */
	halted: boolean;
}

/**
 * Thrown instead of sending a request the run may not start: in the router's pre-check pass (the
 * item got through its local checks up to its first request), or after the run was halted.
 */
export class RequestWithheld extends Error {
	constructor(
		readonly reason: 'precheck' | 'halted',
		readonly request: string,
	) {
		super(`${request} was not sent (${reason})`);
		this.name = 'RequestWithheld';
	}
}

/** One instance for every item of the pre-check pass: nobody reads its stack, so none is captured per item. */
const PRECHECK_STOP = new RequestWithheld('precheck', 'the first request of the item');

/** Rate changes after 429s: multiplicative decrease, slow additive-like increase (AIMD). */
const RATE_DECREASE = 0.85;
const RATE_INCREASE_PER_SECOND = 1.03;
const SUCCESS_WINDOW_MS = 1000;
/**
 * Least time between two request starts of one node run. n8n's HTTP client spends most of a
 * millisecond of CPU on each request and opens a new connection for it: requests started in the
 * same turn wait on each other's CPU work and come back in lock-step waves. Spacing starts by this
 * much, and not at all when they are already that far apart, keeps a steady flow (`npm run bench`,
 * concurrency 10: about 430 messages/s with the gap, 367 without).
 */
const START_GAP_MS = 1;

const runStates = new WeakMap<object, RunState>();

function runState(context: HeroContext): RunState {
	let state = runStates.get(context);
	if (!state) {
		state = {
			policy: DEFAULT_POLICY,
			pausedUntil: 0,
			nextStartAt: 0,
			learnedRate: 0,
			lastDecreaseAt: 0,
			lastIncreaseAt: 0,
			recentSuccesses: [],
			lastStartAt: -Infinity,
			startQueue: Promise.resolve(),
			inFlight: 0,
			slotWaiters: [],
			precheck: false,
			halted: false,
		};
		runStates.set(context, state);
	}
	return state;
}

/** Sets retries, rate cap and timeout for every request this node run makes. */
export function setRequestPolicy(context: HeroContext, policy: Partial<RequestPolicy>): void {
	const state = runState(context);
	state.policy = { ...DEFAULT_POLICY, ...policy };
}

/** Turns the pre-check pass on or off: while on, every request of the run is withheld. */
export function setPrecheck(context: HeroContext, on: boolean): void {
	runState(context).precheck = on;
}

/** From now on no request of this run starts; requests already out finish. */
export function haltRequests(context: HeroContext): void {
	runState(context).halted = true;
}

interface CredentialInfo {
	baseUrl: string;
	secrets: string[];
	/** Handed back to n8n with each request, so it does not decrypt the credential again. */
	decrypted: IAdditionalCredentialOptions;
}

async function credentialInfo(context: HeroContext): Promise<CredentialInfo> {
	const state = runState(context);
	// Read once per run: decrypting the credential for every item would be wasted work.
	state.credential ??= context.getCredentials(CREDENTIAL_NAME).then((credentials) => {
		// Checked before any request, so it reads as what it is and not as a network failure.
		const problem = insecureBaseUrlProblem(credentials);
		if (problem) throw new NodeOperationError(context.getNode(), problem);
		const environment = String(credentials.environment ?? 'production');
		const baseUrl =
			HERO_BASE_URLS[environment] ?? String(credentials.baseUrl ?? '').replace(/\/+$/, '');
		return {
			baseUrl,
			secrets: [String(credentials.apiKey ?? ''), String(credentials.practiceGroupId ?? '')],
			decrypted: {
				credentialsDecrypted: {
					id: '',
					name: CREDENTIAL_NAME,
					type: CREDENTIAL_NAME,
					data: credentials,
				},
			},
		};
	});
	return await state.credential;
}

function retryAfterMs(headers: IDataObject | undefined): number | undefined {
	const value = headers?.['retry-after'];
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function backoffMs(attempt: number): number {
	const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
	// Full jitter on half the delay spreads retries of parallel requests apart.
	return exponential / 2 + Math.random() * (exponential / 2);
}

/** Waits until the throttle lets the next request start, books its start, and returns that time. */
async function awaitTurn(state: RunState): Promise<number> {
	for (;;) {
		const now = Date.now();
		if (state.pausedUntil > now) {
			await sleep(state.pausedUntil - now);
			continue;
		}
		const { maxRequestsPerSecond } = state.policy;
		let rate = state.learnedRate;
		if (maxRequestsPerSecond > 0)
			rate = rate > 0 ? Math.min(rate, maxRequestsPerSecond) : maxRequestsPerSecond;
		if (rate > 0) {
			const startAt = Math.max(now, state.nextStartAt);
			state.nextStartAt = startAt + 1000 / rate;
			if (startAt > now) await sleep(startAt - now);
			return startAt;
		}
		await awaitStartGap(state);
		// A 429 may have paused the node while this request waited for its gap.
		if (state.pausedUntil <= Date.now()) return Date.now();
	}
}

/** Waits until fewer than `concurrency` requests of this run are out, and takes a slot. */
async function acquireSlot(state: RunState): Promise<void> {
	const { concurrency } = state.policy;
	if (concurrency <= 0 || state.inFlight < concurrency) {
		state.inFlight++;
		return;
	}
	// releaseSlot hands its slot straight to the first waiter, so the count does not change.
	await new Promise<void>((resolve) => state.slotWaiters.push(resolve));
}

function releaseSlot(state: RunState): void {
	const next = state.slotWaiters.shift();
	if (next) next();
	else state.inFlight--;
}

/** Waits, one event-loop turn at a time and in arrival order, until the start gap has passed. */
async function awaitStartGap(state: RunState): Promise<void> {
	while (performance.now() - state.lastStartAt < START_GAP_MS) {
		await (state.startQueue = state.startQueue.then(async () => await sleep(0)));
	}
	state.lastStartAt = performance.now();
}

/**
 * A 429 means the node as a whole goes too fast. The first one pauses every request for the wait
 * Hero asks for and sets the rate to what Hero accepted over the last second; later ones (from
 * requests started after the last change) lower the rate again. Requests already in flight when the
 * rate went down do not count twice.
 */
function onRateLimited(state: RunState, startedAt: number, waitMs: number): void {
	const now = Date.now();
	if (startedAt < state.lastDecreaseAt) return;
	if (state.learnedRate === 0) {
		state.pausedUntil = Math.max(state.pausedUntil, now + waitMs);
		const accepted = state.recentSuccesses.filter((t) => t > now - SUCCESS_WINDOW_MS).length;
		state.learnedRate = Math.max(1, accepted * RATE_DECREASE);
	} else {
		state.learnedRate = Math.max(0.5, state.learnedRate * RATE_DECREASE);
	}
	state.lastDecreaseAt = now;
	state.lastIncreaseAt = now;
	state.nextStartAt = Math.max(state.nextStartAt, state.pausedUntil);
}

/** Records a success; once a rate was learned, speeds up again gradually. */
function onSuccess(state: RunState, startedAt: number): void {
	if (state.learnedRate === 0) {
		const successes = state.recentSuccesses;
		successes.push(startedAt);
		// Only the last second matters; trim in batches to keep this cheap per request.
		if (successes.length > 256 && successes[0] < startedAt - SUCCESS_WINDOW_MS) {
			state.recentSuccesses = successes.filter((t) => t > startedAt - SUCCESS_WINDOW_MS);
		}
		return;
	}
	const now = Date.now();
	if (now - state.lastIncreaseAt >= 1000) {
		state.learnedRate *= RATE_INCREASE_PER_SECOND ** ((now - state.lastIncreaseAt) / 1000);
		state.lastIncreaseAt = now;
	}
}

function networkCodeOf(error: unknown): string | undefined {
	const err = error as { code?: unknown; cause?: { code?: unknown } };
	const code = err?.cause?.code ?? err?.code;
	return typeof code === 'string' ? code : undefined;
}

function networkMessageOf(error: unknown): string | undefined {
	const err = error as { message?: unknown; cause?: { message?: unknown } };
	const message = err?.cause?.message ?? err?.message;
	return typeof message === 'string' ? message : undefined;
}

export interface HeroRequest {
	method: IHttpRequestMethods;
	/** Path under the base URL, starting with `/`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** Item the request is for, so errors name it. */
	itemIndex?: number;
	/** Answer null for a 404 instead of failing, where "not found" is a normal outcome. */
	notFoundAsNull?: boolean;
	/** The endpoint table entry this request is for, so an error can say when its path was a guess. */
	endpoint?: EndpointName;
}

/**
 * Sends one request to Hero through n8n's authenticated HTTP helper, with retries, the shared
 * throttle, and every failure turned into a readable NodeApiError. Returns the response body.
 */
export async function heroRequest(this: HeroContext, request: HeroRequest): Promise<unknown> {
	const state = runState(this);
	const { method, path, qs, body, itemIndex } = request;
	if (state.precheck) throw PRECHECK_STOP;
	const described = `${method} ${path}`;
	if (state.halted) throw new RequestWithheld('halted', described);
	const { baseUrl, secrets, decrypted } = await credentialInfo(this);
	const idempotent = IDEMPOTENT_METHODS.has(method);
	const options: IHttpRequestOptions = {
		method,
		baseURL: baseUrl,
		url: path,
		json: true,
		// OpenAPI's default for array query parameters (explode): `ids=1&ids=2`. Parameters Hero
		// names with brackets (`status[]`) are passed under that name and come out the same way.
		arrayFormat: 'repeat',
		returnFullResponse: true,
		// Hero's API does not redirect; following one could carry the key to another host.
		disableFollowRedirect: true,
		ignoreHttpStatusErrors: true,
		timeout: state.policy.timeout,
	};
	if (qs && Object.keys(qs).length) options.qs = qs;
	if (body !== undefined) options.body = body;

	for (let attempt = 0; ; attempt++) {
		await acquireSlot(state);
		const startedAt = await awaitTurn(state);
		// Checked at the last moment: a halt while this request waited (for a slot, its turn or a
		// retry) means it never starts.
		if (state.halted) {
			releaseSlot(state);
			throw new RequestWithheld('halted', described);
		}
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_NAME,
				options,
				decrypted,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const networkCode = networkCodeOf(error);
			const notSent = networkCode !== undefined && NOT_SENT_CODES.has(networkCode);
			const retry = (idempotent || notSent) && attempt < state.policy.maxRetries;
			// Halted before the slot goes to the next request, so that none starts after this failure.
			if (!retry && state.policy.haltOnFailure) state.halted = true;
			releaseSlot(state);
			if (retry) {
				await sleep(backoffMs(attempt));
				continue;
			}
			throw heroApiError(this.getNode(), {
				request: described,
				itemIndex,
				secrets,
				networkCode: networkCode ?? 'no response',
				networkMessage: networkMessageOf(error),
				mayHaveBeenProcessed: !idempotent && !notSent,
			});
		}
		const status = response.statusCode;
		const ok = status >= 200 && status < 300;
		// "Cannot GET /path" means no such route, not no such record: that must not pass as "gone".
		const nullAnswer =
			status === 404 && request.notFoundAsNull === true && notFoundKind(response.body) !== 'route';
		// 429 and 503 mean Hero did not process the request; 502/504 may come after it did.
		const retryable =
			status === 429 || status === 503 || (idempotent && (status === 502 || status === 504));
		let wait: number | undefined;
		if (!ok && !nullAnswer && retryable && attempt < state.policy.maxRetries) {
			const hinted = retryAfterMs(response.headers as IDataObject) ?? backoffMs(attempt);
			if (hinted <= RETRY_AFTER_MAX_MS) wait = hinted;
		}
		// A final failure halts the run before the slot goes to the next request.
		if (!ok && !nullAnswer && wait === undefined && state.policy.haltOnFailure) {
			state.halted = true;
		}
		// Held only while the request is out: the wait before a retry and the item's own work do not count.
		releaseSlot(state);

		if (ok) {
			onSuccess(state, startedAt);
			return response.body;
		}
		if (nullAnswer) return null;
		if (wait !== undefined) {
			if (status === 429) onRateLimited(state, startedAt, wait);
			await sleep(wait);
			continue;
		}
		throw heroApiError(this.getNode(), {
			status,
			body: response.body,
			request: described,
			itemIndex,
			secrets,
			endpoint: request.endpoint,
		});
	}
}

export interface EndpointRequest {
	pathParams?: Record<string, string>;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	itemIndex?: number;
}

/** The endpoint's path with its parameters filled in, or an error naming the field and the item. */
function pathOf(context: HeroContext, name: EndpointName, request: EndpointRequest): string {
	const bad = badPathParameter(name, request.pathParams);
	if (bad) {
		const { itemIndex } = request;
		const where = itemIndex === undefined ? '' : ` (item ${itemIndex})`;
		throw new NodeOperationError(
			context.getNode(),
			`Path parameter "${bad.parameter}" of ${endpoint(name).method} ${endpoint(name).path} ${bad.problem}${where}`,
			{
				itemIndex,
				description:
					'Give the Hero ID (or code) of the record. An empty value, "." or ".." would send the request to another path, so it is not sent.',
			},
		);
	}
	return endpointPath(name, request.pathParams);
}

async function callEndpoint(
	context: HeroContext,
	name: EndpointName,
	request: EndpointRequest,
	notFoundAsNull: boolean,
): Promise<unknown> {
	return await heroRequest.call(context, {
		method: endpoint(name).method,
		path: pathOf(context, name, request),
		qs: request.qs,
		body: request.body,
		itemIndex: request.itemIndex,
		notFoundAsNull,
		endpoint: name,
	});
}

/** Calls one endpoint of the table by name; answers the response body. */
export async function heroApiRequest(
	this: HeroContext,
	name: EndpointName,
	request: EndpointRequest = {},
): Promise<IDataObject> {
	return ((await callEndpoint(this, name, request, false)) ?? {}) as IDataObject;
}

/** Like heroApiRequest, but a 404 answers null: for lookups where "not found" is a normal outcome. */
export async function heroApiRequestOrNull(
	this: HeroContext,
	name: EndpointName,
	request: EndpointRequest = {},
): Promise<IDataObject | null> {
	return ((await callEndpoint(this, name, request, true)) ?? null) as IDataObject | null;
}

/** The records of a list answer: Hero's `{data, count}` envelope, or a bare array. */
export function unwrapList(response: unknown): IDataObject[] {
	if (Array.isArray(response)) return response as IDataObject[];
	if (response && typeof response === 'object') {
		const { data } = response as { data?: unknown };
		if (Array.isArray(data)) return data as IDataObject[];
		if (data && typeof data === 'object') return [data as IDataObject];
		return Object.keys(response).length ? [response as IDataObject] : [];
	}
	return [];
}

function totalCount(response: unknown): number | undefined {
	const count = (response as { count?: unknown } | undefined)?.count;
	return typeof count === 'number' ? count : undefined;
}

/** Return All stops here whatever the answers say: 1,000 pages of 100 records. */
export const MAX_PAGES = 1000;

/** A record's identity for de-duplication: its `id` (or `uuid`), else undefined. */
function recordId(record: IDataObject): string | undefined {
	const id = record?.id ?? record?.uuid;
	return id === undefined || id === null || typeof id === 'object' ? undefined : String(id);
}

/**
 * Reads a list: every page when `limit` is undefined (Return All), else at most `limit` records.
 * Paged endpoints are walked with page_index/page_size; the others answer in one go. A list that
 * ignores page_index would never end, so walking stops when a page repeats the ids of the one
 * before, when a page is longer than page_size, or after MAX_PAGES: if Hero's `count` shows the
 * records are complete they are returned, else the node fails and says what it saw. Records are
 * de-duplicated by id either way.
 */
export async function heroRequestAllItems(
	this: HeroContext,
	request: HeroRequest,
	paged: boolean,
	limit?: number,
): Promise<IDataObject[]> {
	if (!paged) {
		const records = unwrapList(await heroRequest.call(this, request));
		return limit === undefined ? records : records.slice(0, limit);
	}
	const pageSize =
		limit === undefined ? MAX_PAGE_SIZE : Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	let previousIds = '';
	for (let pages = 1; ; pages++) {
		const pageIndex = FIRST_PAGE_INDEX + pages - 1;
		const response = await heroRequest.call(this, {
			...request,
			qs: { ...request.qs, page_index: pageIndex, page_size: pageSize },
		});
		const page = unwrapList(response);
		const ids = page.map(recordId);
		for (const [index, record] of page.entries()) {
			const id = ids[index];
			if (id !== undefined) {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			records.push(record);
		}
		const count = totalCount(response);
		const done =
			page.length < pageSize ||
			(count !== undefined && records.length >= count) ||
			(limit !== undefined && records.length >= limit);
		if (done) break;
		const pageIds = ids.every((id) => id !== undefined) ? ids.join('\u0000') : '';
		let problem: string | undefined;
		if (pageIds && pageIds === previousIds) {
			problem = `page_index ${pageIndex} answered the same ${page.length} records as page_index ${pageIndex - 1}: the list seems to ignore page_index`;
		} else if (page.length > pageSize) {
			problem = `page_index ${pageIndex} answered ${page.length} records for page_size ${pageSize}: the list seems to ignore page_size`;
		} else if (pages >= MAX_PAGES) {
			problem = `it answered ${MAX_PAGES} full pages (${records.length} records) without reaching the end`;
		}
		if (problem) {
			throw new NodeOperationError(
				this.getNode(),
				`Stopped reading ${request.method} ${request.path} after ${pages} request${pages === 1 ? '' : 's'}: ${problem}${request.itemIndex === undefined ? '' : ` (item ${request.itemIndex})`}`,
				{
					itemIndex: request.itemIndex,
					description: `Return All reads pages until Hero's list ends; this one did not end, and its ${records.length} distinct records so far may be incomplete, so none are output. Turn off Return All and set a Limit, or narrow the list with filters.`,
				},
			);
		}
		previousIds = pageIds;
	}
	return limit === undefined ? records : records.slice(0, limit);
}

/** Reads a list endpoint of the table by name; see heroRequestAllItems. */
export async function heroApiRequestAllItems(
	this: HeroContext,
	name: EndpointName,
	request: EndpointRequest = {},
	limit?: number,
): Promise<IDataObject[]> {
	return await heroRequestAllItems.call(
		this,
		{
			method: endpoint(name).method,
			path: pathOf(this, name, request),
			qs: request.qs,
			itemIndex: request.itemIndex,
			endpoint: name,
		},
		endpoint(name).paged === true,
		limit,
	);
}
