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
import { readList } from './paging';
import { Throttle } from './throttle';

export { ENDPOINTS, type EndpointName } from './endpoints';
export { FIRST_PAGE_INDEX, MAX_PAGE_SIZE, MAX_PAGES, unwrapList } from './paging';

export type HeroContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export const CREDENTIAL_NAME = 'heroHealthApi';

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
	throttle: Throttle;
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

const runStates = new WeakMap<object, RunState>();

function runState(context: HeroContext): RunState {
	let state = runStates.get(context);
	if (!state) {
		state = {
			policy: DEFAULT_POLICY,
			throttle: new Throttle(),
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
	state.throttle.limits = {
		concurrency: state.policy.concurrency,
		maxRequestsPerSecond: state.policy.maxRequestsPerSecond,
	};
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
		const { throttle } = state;
		const startedAt = await throttle.acquire();
		// Checked at the last moment: a halt while this request waited (for a slot, its turn or a
		// retry) means it never starts.
		if (state.halted) {
			throttle.release();
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
			throttle.release();
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
		throttle.release();

		if (ok) {
			throttle.onSuccess(startedAt);
			return response.body;
		}
		if (nullAnswer) return null;
		if (wait !== undefined) {
			if (status === 429) throttle.onRateLimited(startedAt, wait);
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

/** Reads a list through heroRequest; see readList for paging and its guards. */
export async function heroRequestAllItems(
	this: HeroContext,
	request: HeroRequest,
	paged: boolean,
	limit?: number,
): Promise<IDataObject[]> {
	const send = async (pageRequest: HeroRequest) => await heroRequest.call(this, pageRequest);
	return await readList(this.getNode(), send, request, paged, limit);
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
