import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { HeroContext } from './context';
import { CREDENTIAL_NAME, readCredential, type CredentialInfo } from './credentials';
import type { HeroRequest } from './endpoints';
import { heroApiError, notFoundKind } from './errors';
import type { RunOutcomes } from './outcomes';
import { readList } from './paging';
import {
	backoffMs,
	IDEMPOTENT_METHODS,
	networkCodeOf,
	networkMessageOf,
	RETRY_AFTER_MAX_MS,
	retryAfterMs,
	retryDecision,
	type AttemptFailure,
} from './retry';
import { Throttle } from './throttle';

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

/**
 * A request the client did not start because the run was halted (a failure without Continue On
 * Fail, or Stop). It was never sent: the router counts its item as not done.
 */
export class RequestWithheld extends Error {
	constructor(readonly request: string) {
		super(`${request} was not sent: the run had stopped`);
		this.name = 'RequestWithheld';
	}
}

/**
 * Everything one node run (or one list search, or one trigger hook) needs to call Hero: the
 * credential, read once; the request policy; one throttle, so that a 429 slows down the whole run
 * and not only the request that met it; the halt switch; and the record of items Hero may have acted
 * for, which the stop report reads. The router makes one and passes it to every item's execute.
 */
export class HeroClient {
	readonly policy: RequestPolicy;
	private readonly throttle = new Throttle();
	private credentialRead?: Promise<CredentialInfo>;
	private stopped = false;

	constructor(
		private readonly context: HeroContext,
		policy: Partial<RequestPolicy> = {},
		/** Where the stop report learns that Hero may have acted for an item. */
		private readonly outcomes?: RunOutcomes,
	) {
		this.policy = { ...DEFAULT_POLICY, ...policy };
		this.throttle.limits = {
			concurrency: this.policy.concurrency,
			maxRequestsPerSecond: this.policy.maxRequestsPerSecond,
		};
	}

	/** Whether the run was halted: no request starts any more. */
	get halted(): boolean {
		return this.stopped;
	}

	/** From now on no request starts; requests already out finish. */
	halt(): void {
		this.stopped = true;
	}

	/** The run's credential, read once: decrypting it for every item would be wasted work. */
	async credential(): Promise<CredentialInfo> {
		this.credentialRead ??= readCredential(this.context);
		return await this.credentialRead;
	}

	/** Sends one request (see endpointRequest); answers the response body, `{}` when it has none. */
	async request(request: HeroRequest): Promise<IDataObject> {
		return ((await this.send(request)) ?? {}) as IDataObject;
	}

	/** Like request, but a 404 answers null: for lookups where "not found" is a normal outcome. */
	async requestOrNull(request: HeroRequest): Promise<IDataObject | null> {
		return ((await this.send({ ...request, notFoundAsNull: true })) ?? null) as IDataObject | null;
	}

	/**
	 * Reads a list: every page, or at most `request.limit` records; see readList for paging and its
	 * guards. `onShortList` turns the failure of a list shorter than Hero's count into a warning
	 * (Custom API Call's choice).
	 */
	async requestAll(
		request: HeroRequest,
		onShortList?: (text: string) => void,
	): Promise<IDataObject[]> {
		const send = async (page: HeroRequest) => await this.send(page);
		const { paged = false, limit } = request;
		return await readList(this.context.getNode(), send, request, paged, limit, onShortList);
	}

	/**
	 * Sends one request through n8n's authenticated HTTP helper, with retries (retryDecision), the
	 * run's throttle, and every failure turned into a readable NodeApiError. Answers the body.
	 */
	async send(request: HeroRequest): Promise<unknown> {
		const { method, path, qs, body, itemIndex } = request;
		const described = `${method} ${path}`;
		if (this.stopped) throw new RequestWithheld(described);
		const { baseUrl, secrets, decrypted } = await this.credential();
		const safe = IDEMPOTENT_METHODS.has(method);
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
			timeout: this.policy.timeout,
		};
		if (qs && Object.keys(qs).length) options.qs = qs;
		if (body !== undefined) options.body = body;
		/** Set when Hero asked for a longer wait than the node takes, to say so if the request fails. */
		let cappedWait: number | undefined;

		for (let attempt = 0; ; attempt++) {
			const startedAt = await this.throttle.acquire();
			// Checked at the last moment: a halt while this request waited (for a slot, its turn or a
			// retry) means it never starts.
			if (this.stopped) {
				this.throttle.release();
				throw new RequestWithheld(described);
			}
			let response: IN8nHttpFullResponse | undefined;
			let networkError: unknown;
			try {
				response = (await this.context.helpers.httpRequestWithAuthentication.call(
					this.context,
					CREDENTIAL_NAME,
					options,
					decrypted,
				)) as IN8nHttpFullResponse;
			} catch (error) {
				networkError = error;
			}
			const status = response?.statusCode;
			const ok = status !== undefined && status >= 200 && status < 300;
			// "Cannot GET /path" means no such route, not no such record: that must not pass as "gone".
			const nullAnswer =
				status === 404 &&
				request.notFoundAsNull === true &&
				notFoundKind(response?.body) !== 'route';
			let failure: AttemptFailure | undefined;
			let hinted: number | undefined;
			if (response === undefined) {
				failure = { networkCode: networkCodeOf(networkError), safe };
			} else if (!ok && !nullAnswer) {
				hinted = retryAfterMs(response.headers as IDataObject);
				failure = { status, retryAfter: hinted !== undefined, safe };
			}
			const decision = failure
				? retryDecision(failure, attempt, this.policy.maxRetries)
				: undefined;
			// A final failure halts the run before the slot goes to the next request.
			if (decision && decision !== 'resend' && this.policy.haltOnFailure) this.stopped = true;
			// Held only while the request is out: the wait before a retry and the item's own work do not count.
			this.throttle.release();

			if (!failure) {
				if (ok) {
					this.throttle.onSuccess(startedAt);
					if (!safe) this.outcomes?.mayHaveActed(itemIndex);
				}
				return ok ? response?.body : null;
			}
			if (decision === 'resend') {
				// A halt since this attempt started: the resend never goes out.
				if (this.stopped) throw new RequestWithheld(described);
				let wait = hinted ?? backoffMs(attempt);
				if (wait > RETRY_AFTER_MAX_MS) {
					cappedWait = wait;
					wait = RETRY_AFTER_MAX_MS;
				}
				if (status === 429) this.throttle.onRateLimited(startedAt, wait);
				await sleep(wait);
				continue;
			}
			const possiblySent = decision === 'possiblySent';
			if (possiblySent) this.outcomes?.mayHaveActed(itemIndex);
			throw heroApiError(
				this.context.getNode(),
				response === undefined
					? {
							request: described,
							itemIndex,
							secrets,
							networkCode: failure.networkCode ?? 'no response',
							networkMessage: networkMessageOf(networkError),
							mayHaveBeenProcessed: possiblySent,
						}
					: {
							status,
							body: response.body,
							request: described,
							itemIndex,
							secrets,
							endpoint: request.endpoint,
							mayHaveBeenProcessed: possiblySent,
							cappedRetryAfterMs: cappedWait,
						},
			);
		}
	}
}
