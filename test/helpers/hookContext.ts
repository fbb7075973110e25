import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INode,
	IWebhookFunctions,
} from 'n8n-workflow';

import { createExecuteContext, DEFAULT_CREDENTIALS, type RecordedRequest } from './context';
import { hero } from './hero';

export const TRIGGER_NODE: INode = {
	id: 'hero-trigger-node-id',
	name: 'Hero Health Trigger',
	type: 'CUSTOM.heroHealthTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	webhookId: '4f1c2a9e-0d8b-4c4e-9a55-1b2c3d4e5f60',
};

export const PRODUCTION_URL = `https://n8n.example.com/webhook/${TRIGGER_NODE.webhookId}/webhook`;
export const TEST_URL = `https://n8n.example.com/webhook-test/${TRIGGER_NODE.webhookId}/webhook`;
/** Hero's webhook list, answered once per call, in order: what the trigger finds at Hero. */
export const listAtHero = (...lists: IDataObject[][]) => {
	for (const data of lists) {
		hero().get('/v1/webhooks').query(true).reply(200, { data, count: data.length });
	}
};

/** A webhook as Hero lists it, by default at the trigger's production URL. */
export const atHero = (id: string, event_type: string, url = PRODUCTION_URL): IDataObject => ({
	id,
	event_type,
	url,
});

export const WORKFLOW = { id: 'wf0123456789abcd', name: 'Appointment follow-up', active: true };

function parameterReader(parameters: Record<string, unknown>) {
	// Hook and webhook contexts read parameters without an item index: (name, fallback?).
	return function getNodeParameter(name: string, fallback?: unknown) {
		const value = parameters[name];
		if (value === undefined) {
			if (arguments.length >= 2) return fallback;
			throw new Error(`Test did not set the parameter "${name}"`);
		}
		return value;
	};
}

function staticDataReader(staticData: IDataObject) {
	return (type: string) => {
		if (type !== 'node') throw new Error(`The trigger should keep node static data, not "${type}"`);
		return staticData;
	};
}

export interface HookContextOptions {
	parameters: Record<string, unknown>;
	staticData?: IDataObject;
	/** 'trigger' for an activated workflow, 'manual' for n8n's "listen for test event". */
	mode?: 'trigger' | 'manual';
	webhookUrl?: string;
	credentials?: ICredentialDataDecryptedObject;
}

/**
 * A stand-in for the IHookFunctions n8n passes to checkExists / create / delete, with the real
 * HTTP layer of createExecuteContext (so nock sees every request) and a plain static data object.
 */
export function createHookContext(options: HookContextOptions) {
	const { context: base, requests } = createExecuteContext({
		parameters: {},
		credentials: options.credentials ?? DEFAULT_CREDENTIALS,
	});
	const staticData = options.staticData ?? {};
	const mode = options.mode ?? 'trigger';
	const url = options.webhookUrl ?? (mode === 'manual' ? TEST_URL : PRODUCTION_URL);
	const context = {
		getNode: () => TRIGGER_NODE,
		getWorkflow: () => WORKFLOW,
		getMode: () => mode,
		getActivationMode: () => (mode === 'manual' ? 'manual' : 'activate'),
		getWebhookName: () => 'default',
		getNodeWebhookUrl: (name: string) => (name === 'default' ? url : undefined),
		getWorkflowStaticData: staticDataReader(staticData),
		getCredentials: base.getCredentials,
		getNodeParameter: parameterReader(options.parameters),
		helpers: { httpRequestWithAuthentication: base.helpers.httpRequestWithAuthentication },
	};
	return { context: context as unknown as IHookFunctions, requests, staticData };
}

/** What the node did with the HTTP response object it was handed. */
export interface FakeResponse {
	statusCode?: number;
	body?: unknown;
	ended: boolean;
}

export interface DeliveryOptions {
	parameters: Record<string, unknown>;
	staticData?: IDataObject;
	/** The request body exactly as sent. */
	rawBody: string;
	headers?: Record<string, string | undefined>;
	/** Leave out `req.rawBody`, as if n8n had not kept the raw bytes. */
	withoutRawBody?: boolean;
	credentials?: ICredentialDataDecryptedObject;
}

/**
 * A stand-in for the IWebhookFunctions of one delivery: the raw body as bytes (n8n keeps a Buffer
 * in `req.rawBody`), the parsed body, lower-cased headers as Node gives them, and a response
 * object that records what the node answered.
 */
export function createWebhookContext(options: DeliveryOptions) {
	const { context: base, requests } = createExecuteContext({
		parameters: {},
		credentials: options.credentials ?? DEFAULT_CREDENTIALS,
	});
	const staticData = options.staticData ?? {};
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		if (value !== undefined) headers[name.toLowerCase()] = value;
	}
	const body = JSON.parse(options.rawBody) as IDataObject;
	const request: IDataObject = { body, headers };
	if (!options.withoutRawBody) request.rawBody = new TextEncoder().encode(options.rawBody);

	const response: FakeResponse = { ended: false };
	const responseObject = {
		status(code: number) {
			response.statusCode = code;
			return responseObject;
		},
		json(data: unknown) {
			response.body = data;
			response.ended = true;
			return responseObject;
		},
		send(data: unknown) {
			response.body = data;
			response.ended = true;
			return responseObject;
		},
		end() {
			response.ended = true;
			return responseObject;
		},
	};

	const context = {
		getNode: () => TRIGGER_NODE,
		getWorkflow: () => WORKFLOW,
		getMode: () => 'webhook',
		getWebhookName: () => 'default',
		getWorkflowStaticData: staticDataReader(staticData),
		getCredentials: base.getCredentials,
		getNodeParameter: parameterReader(options.parameters),
		getRequestObject: () => request,
		getResponseObject: () => responseObject,
		getHeaderData: () => headers,
		getBodyData: () => body,
		helpers: {
			httpRequestWithAuthentication: base.helpers.httpRequestWithAuthentication,
			returnJsonArray: base.helpers.returnJsonArray,
		},
	};
	return {
		context: context as unknown as IWebhookFunctions,
		requests: requests as RecordedRequest[],
		response,
		staticData,
	};
}
