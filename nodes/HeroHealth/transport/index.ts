import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { CREDENTIAL_NAME } from './credentials';
import { badPathParameter, endpointPath, type Endpoint } from './endpoints';
import { heroApiError, notFoundKind } from './errors';
import { readList } from './paging';
import {
	backoffMs,
	failureOutcome,
	IDEMPOTENT_METHODS,
	mayResend,
	networkCodeOf,
	networkMessageOf,
	RETRY_AFTER_MAX_MS,
	retryAfterMs,
	type AttemptFailure,
} from './retry';
import {
	PRECHECK_STOP,
	RequestWithheld,
	runCredential,
	runState,
	type HeroContext,
} from './runState';

export { CREDENTIAL_NAME } from './credentials';
export type { Endpoint, InferredPart } from './endpoints';
export { FIRST_PAGE_INDEX, MAX_PAGE_SIZE, MAX_PAGES, unwrapList } from './paging';
export {
	DEFAULT_CONCURRENCY,
	DEFAULT_POLICY,
	haltRequests,
	RequestWithheld,
	runCredential,
	setPrecheck,
	setRequestPolicy,
	trackOutcomes,
	type HeroContext,
	type RequestPolicy,
} from './runState';
export { RunOutcomes, sortItems, stopReportText, type SortedItems } from './outcomes';

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
	/** The endpoint this request is for, so an error can say when its path was a guess. */
	endpoint?: Endpoint;
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
	const { baseUrl, secrets, decrypted } = await runCredential(this);
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

	/** Notes, for the stop report, that Hero may have acted for this request's item. */
	const mayHaveActed = () => {
		if (!idempotent) state.outcomes?.mayHaveActed(itemIndex);
	};
	/** Set when Hero asked for a longer wait than the node takes, to say so if the request fails. */
	let cappedWait: number | undefined;

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
			const failure: AttemptFailure = { networkCode, safe: idempotent };
			const retry = mayResend(failure) && attempt < state.policy.maxRetries && !state.halted;
			// Halted before the slot goes to the next request, so that none starts after this failure.
			if (!retry && state.policy.haltOnFailure) state.halted = true;
			throttle.release();
			if (retry) {
				await sleep(backoffMs(attempt));
				continue;
			}
			const possiblySent = failureOutcome(failure) === 'possiblySent';
			if (possiblySent) mayHaveActed();
			throw heroApiError(this.getNode(), {
				request: described,
				itemIndex,
				secrets,
				networkCode: networkCode ?? 'no response',
				networkMessage: networkMessageOf(error),
				mayHaveBeenProcessed: possiblySent,
			});
		}
		const status = response.statusCode;
		const ok = status >= 200 && status < 300;
		// "Cannot GET /path" means no such route, not no such record: that must not pass as "gone".
		const nullAnswer =
			status === 404 && request.notFoundAsNull === true && notFoundKind(response.body) !== 'route';
		let wait: number | undefined;
		let failure: AttemptFailure | undefined;
		if (!ok && !nullAnswer) {
			const hinted = retryAfterMs(response.headers as IDataObject);
			failure = { status, retryAfter: hinted !== undefined, safe: idempotent };
			if (mayResend(failure) && attempt < state.policy.maxRetries) {
				wait = hinted ?? backoffMs(attempt);
				if (wait > RETRY_AFTER_MAX_MS) {
					cappedWait = wait;
					wait = RETRY_AFTER_MAX_MS;
				}
			}
		}
		// A final failure halts the run before the slot goes to the next request.
		if (failure && wait === undefined && state.policy.haltOnFailure) {
			state.halted = true;
		}
		// Held only while the request is out: the wait before a retry and the item's own work do not count.
		throttle.release();

		if (ok) {
			throttle.onSuccess(startedAt);
			mayHaveActed();
			return response.body;
		}
		if (nullAnswer || !failure) return null;
		if (wait !== undefined) {
			if (status === 429) throttle.onRateLimited(startedAt, wait);
			await sleep(wait);
			continue;
		}
		const possiblySent = failureOutcome(failure) === 'possiblySent';
		if (possiblySent) mayHaveActed();
		throw heroApiError(this.getNode(), {
			status,
			body: response.body,
			request: described,
			itemIndex,
			secrets,
			endpoint: request.endpoint,
			mayHaveBeenProcessed: possiblySent,
			cappedRetryAfterMs: cappedWait,
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
function pathOf(context: HeroContext, endpoint: Endpoint, request: EndpointRequest): string {
	const bad = badPathParameter(endpoint, request.pathParams);
	if (bad) {
		const { itemIndex } = request;
		const where = itemIndex === undefined ? '' : ` (item ${itemIndex})`;
		throw new NodeOperationError(
			context.getNode(),
			`Path parameter "${bad.parameter}" of ${endpoint.method} ${endpoint.path} ${bad.problem}${where}`,
			{
				itemIndex,
				description:
					'Give the Hero ID (or code) of the record. An empty value, "." or ".." would send the request to another path, so it is not sent.',
			},
		);
	}
	return endpointPath(endpoint, request.pathParams);
}

async function callEndpoint(
	context: HeroContext,
	endpoint: Endpoint,
	request: EndpointRequest,
	notFoundAsNull: boolean,
): Promise<unknown> {
	return await heroRequest.call(context, {
		method: endpoint.method,
		path: pathOf(context, endpoint, request),
		qs: request.qs,
		body: request.body,
		itemIndex: request.itemIndex,
		notFoundAsNull,
		endpoint,
	});
}

/** Calls one endpoint (an operation's `endpoint`); answers the response body. */
export async function heroApiRequest(
	this: HeroContext,
	endpoint: Endpoint,
	request: EndpointRequest = {},
): Promise<IDataObject> {
	return ((await callEndpoint(this, endpoint, request, false)) ?? {}) as IDataObject;
}

/** Like heroApiRequest, but a 404 answers null: for lookups where "not found" is a normal outcome. */
export async function heroApiRequestOrNull(
	this: HeroContext,
	endpoint: Endpoint,
	request: EndpointRequest = {},
): Promise<IDataObject | null> {
	return ((await callEndpoint(this, endpoint, request, true)) ?? null) as IDataObject | null;
}

/**
 * Reads a list through heroRequest; see readList for paging and its guards. `onShortList` turns the
 * failure of a list shorter than Hero's count into a warning (Custom API Call's choice).
 */
export async function heroRequestAllItems(
	this: HeroContext,
	request: HeroRequest,
	paged: boolean,
	limit?: number,
	onShortList?: (text: string) => void,
): Promise<IDataObject[]> {
	const send = async (pageRequest: HeroRequest) => await heroRequest.call(this, pageRequest);
	return await readList(this.getNode(), send, request, paged, limit, onShortList);
}

/** Reads a list endpoint; see heroRequestAllItems. */
export async function heroApiRequestAllItems(
	this: HeroContext,
	endpoint: Endpoint,
	request: EndpointRequest = {},
	limit?: number,
): Promise<IDataObject[]> {
	return await heroRequestAllItems.call(
		this,
		{
			method: endpoint.method,
			path: pathOf(this, endpoint, request),
			qs: request.qs,
			itemIndex: request.itemIndex,
			endpoint,
		},
		endpoint.paged === true,
		limit,
	);
}
