import axios from 'axios';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/**
 * The local Hero sandbox (sandbox/) the contract and campaign tests run against. jest's
 * globalSetup (test/globalSetup.mjs) starts it; test/sandboxGlobals.cjs passes its address in as
 * __HERO_SANDBOX__ (test files may not touch `process` themselves).
 */
declare const __HERO_SANDBOX__: {
	url?: string;
	apiKey?: string;
	practiceGroupId?: string;
	error?: string;
};

export interface RouteCounter {
	received: number;
	answered: Record<string, number>;
	dropped: number;
}

export interface SandboxCounters {
	received: number;
	rateLimited: number;
	faults: number;
	dropped: number;
	validationFailures: number;
	maxInFlight: number;
	requests: Record<string, RouteCounter>;
	messagesSent: { total: number; byPatient: Record<string, number> };
	effects: Record<string, { total: number; byPatient: Record<string, number> }>;
	unknownFields: Record<string, string[]>;
}

/** A webhook delivery the sandbox made (or tried). */
export interface Delivery {
	event: string;
	url: string;
	body: string;
	headers: Record<string, string>;
	finished_at: string | null;
}

export const sandbox = __HERO_SANDBOX__;

/** The sandbox's base URL; throws with the reason when globalSetup could not start it. */
export function sandboxUrl(): string {
	if (!sandbox.url) throw new Error(`The Hero sandbox is not running: ${sandbox.error}`);
	return sandbox.url;
}

/** Hero credentials pointing at the sandbox, with its API key unless another is given. */
export const credentials = (apiKey = sandbox.apiKey ?? ''): ICredentialDataDecryptedObject => ({
	apiKey,
	practiceGroupId: sandbox.practiceGroupId ?? '',
	environment: 'custom',
	baseUrl: sandboxUrl(),
});

/** The sandbox's control API (not part of Hero's): reset, fault settings, counters, state. */
export const control = {
	reset: async () => await axios.post(`${sandboxUrl()}/__sandbox/reset`),
	config: async (settings: IDataObject) =>
		await axios.post(`${sandboxUrl()}/__sandbox/config`, settings),
	counters: async () =>
		(await axios.get<SandboxCounters>(`${sandboxUrl()}/__sandbox/counters`)).data,
	state: async () => (await axios.get<IDataObject>(`${sandboxUrl()}/__sandbox/state`)).data,
	deliveries: async () =>
		(await axios.get<{ data: Delivery[] }>(`${sandboxUrl()}/__sandbox/deliveries`)).data.data,
};
