import type { HeroContext } from './context';
import { readCredential, type CredentialInfo } from './credentials';
import type { RunOutcomes } from './outcomes';
import { Throttle } from './throttle';

export type { HeroContext } from './context';

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
 * State shared by every request of one node run (one context): the credential, and the throttle,
 * so that a 429 slows down the whole node and not only the request that met it.
 */
export interface RunState {
	policy: RequestPolicy;
	credential?: Promise<CredentialInfo>;
	throttle: Throttle;
	/** Pre-check pass: every request is withheld, so an item's execute stops at its first one. */
	precheck: boolean;
	/** Set after a failure or a cancel: no request starts any more; those already out finish. */
	halted: boolean;
	/** The router's record of what Hero may have done per item, for the stop report. */
	outcomes?: RunOutcomes;
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
export const PRECHECK_STOP = new RequestWithheld('precheck', 'the first request of the item');

const runStates = new WeakMap<object, RunState>();

export function runState(context: HeroContext): RunState {
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

/** The run's credential, read once: decrypting it for every item would be wasted work. */
export async function runCredential(context: HeroContext): Promise<CredentialInfo> {
	const state = runState(context);
	state.credential ??= readCredential(context);
	return await state.credential;
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

/** Hands the transport the run's outcome record: it notes each item Hero may have acted for. */
export function trackOutcomes(context: HeroContext, outcomes: RunOutcomes): void {
	runState(context).outcomes = outcomes;
}

/** Turns the pre-check pass on or off: while on, every request of the run is withheld. */
export function setPrecheck(context: HeroContext, on: boolean): void {
	runState(context).precheck = on;
}

/** From now on no request of this run starts; requests already out finish. */
export function haltRequests(context: HeroContext): void {
	runState(context).halted = true;
}
