import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INode,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWebhookFunctions,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { HeroHealthTrigger } from '../../nodes/HeroHealthTrigger/HeroHealthTrigger.node';
import { DEFAULT_CREDENTIALS } from './constants';
import { hero } from './hero';
import { additionalDataFor } from './n8n';
import { startRecording, type RecordedRequest } from './wire.cjs';

export const TRIGGER_NODE: INode = {
	id: 'hero-trigger-node-id',
	name: 'Hero Health Trigger',
	type: 'CUSTOM.heroHealthTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	webhookId: '4f1c2a9e-0d8b-4c4e-9a55-1b2c3d4e5f60',
	credentials: { heroHealthApi: { id: 'hero-credential-id', name: 'Hero Health account' } },
};

const N8N_URL = 'https://n8n.example.com';

export const PRODUCTION_URL = `${N8N_URL}/webhook/${TRIGGER_NODE.webhookId}/webhook`;
export const TEST_URL = `${N8N_URL}/webhook-test/${TRIGGER_NODE.webhookId}/webhook`;
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

/** n8n's node type registry for the trigger's workflow. */
const triggerNodeTypes: INodeTypes = {
	getByName: (type) => triggerNodeTypes.getByNameAndVersion(type),
	getByNameAndVersion(type): INodeType {
		if (type !== TRIGGER_NODE.type)
			throw new Error(`Unknown node type in the test workflow: ${type}`);
		return new HeroHealthTrigger();
	},
	getKnownTypes: () => ({}),
};

/** Requests recorded for a context, until the end of the test that made it. */
const openRecordings: Array<() => void> = [];
afterEach(() => {
	for (const stop of openRecordings.splice(0)) stop();
});

/**
 * The workflow holding the trigger (with the test's parameters; n8n fills in the defaults) and what
 * n8n hands its contexts: the test's credentials, the instance's URLs, and the node's static data
 * kept in the test's object (n8n reads and writes it in place).
 */
function triggerWorkflow(
	options: {
		parameters: Record<string, unknown>;
		credentials?: ICredentialDataDecryptedObject;
	} & N8nInstance,
	staticData: IDataObject,
	extra: Parameters<typeof additionalDataFor>[1] = {},
) {
	const n8nUrl = options.n8nUrl ?? N8N_URL;
	const node: INode = {
		...TRIGGER_NODE,
		parameters: options.parameters as INode['parameters'],
		webhookId: options.webhookId ?? TRIGGER_NODE.webhookId,
	};
	const workflow = new Workflow({
		id: WORKFLOW.id,
		name: WORKFLOW.name,
		nodes: [node],
		connections: {},
		active: WORKFLOW.active,
		nodeTypes: triggerNodeTypes,
		staticData: { [`node:${node.name}`]: staticData },
		settings: { executionOrder: 'v1' },
	});
	const additionalData = additionalDataFor(options.credentials ?? DEFAULT_CREDENTIALS, {
		webhookBaseUrl: `${n8nUrl}/webhook`,
		webhookTestBaseUrl: `${n8nUrl}/webhook-test`,
		...extra,
	});
	const recording = startRecording();
	openRecordings.push(recording.stop);
	return {
		workflow,
		node: workflow.getNode(node.name) as INode,
		additionalData,
		requests: recording.requests,
	};
}

function webhookData(workflow: Workflow, node: INode, isTest: boolean): IWebhookData {
	const webhookDescription = new HeroHealthTrigger().description.webhooks![0];
	return {
		httpMethod: webhookDescription.httpMethod as IWebhookData['httpMethod'],
		node: node.name,
		path: String(webhookDescription.path),
		webhookDescription,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: undefined as never,
		webhookId: node.webhookId,
		isTest,
	};
}

/** Where n8n and the trigger's webhook are: the webhook URL is `<n8nUrl>/webhook/<webhookId>/webhook`. */
interface N8nInstance {
	/** The instance's URL (n8n's WEBHOOK_URL); https://n8n.example.com by default. */
	n8nUrl?: string;
	/** The trigger node's webhookId; TRIGGER_NODE's by default. */
	webhookId?: string;
}

export interface HookContextOptions extends N8nInstance {
	parameters: Record<string, unknown>;
	staticData?: IDataObject;
	/** 'trigger' for an activated workflow, 'manual' for n8n's "listen for test event". */
	mode?: 'trigger' | 'manual';
	credentials?: ICredentialDataDecryptedObject;
}

/**
 * n8n-core's HookContext, as n8n builds it for checkExists / create / delete when a workflow is
 * activated (or listens for a test event): n8n's parameters, static data, webhook URL, credentials
 * and authenticated HTTP helper; nock answers at the HTTP layer and `requests` records the wire.
 */
export function createHookContext(options: HookContextOptions) {
	const staticData = options.staticData ?? {};
	const mode = options.mode ?? 'trigger';
	const { workflow, node, additionalData, requests } = triggerWorkflow(options, staticData);
	const activation: WorkflowActivateMode = mode === 'manual' ? 'manual' : 'activate';
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		mode as WorkflowExecuteMode,
		activation,
		webhookData(workflow, node, mode === 'manual'),
	);
	return { context: context as IHookFunctions, requests, staticData };
}

/** What the node did with the HTTP response object it was handed. */
export interface FakeResponse {
	statusCode?: number;
	body?: unknown;
	ended: boolean;
}

export interface DeliveryOptions extends N8nInstance {
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
 * n8n-core's WebhookContext for one delivery, as n8n builds it: the request as n8n's webhook server
 * hands it over (the raw body as bytes in `req.rawBody`, the parsed body, lower-cased headers) and a
 * response object that records what the node answered.
 */
export function createWebhookContext(options: DeliveryOptions) {
	const staticData = options.staticData ?? {};
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		if (value !== undefined) headers[name.toLowerCase()] = value;
	}
	const body = JSON.parse(options.rawBody) as IDataObject;
	const request: IDataObject = { body, headers, params: {}, query: {} };
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

	const { workflow, node, additionalData, requests } = triggerWorkflow(options, staticData, {
		httpRequest: request as never,
		httpResponse: responseObject as never,
	});
	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		'webhook',
		webhookData(workflow, node, false),
		[],
		null,
	);
	return {
		context: context as IWebhookFunctions,
		requests: requests as RecordedRequest[],
		response,
		staticData,
	};
}
