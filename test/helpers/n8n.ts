import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { dirname } from 'node:path';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	IConnections,
	IExecuteFunctions,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, Workflow } from 'n8n-workflow';

import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../../nodes/HeroHealth/HeroHealth.node';

/**
 * A small harness on n8n's own engine (n8n-core's WorkflowExecute), in the spirit of n8n's
 * NodeTestHarness: a test gives a workflow (input items as pinned data on an "Input" node, then our
 * node with its parameters exactly as n8n stores them), and n8n resolves parameters and expressions,
 * applies the real credential's authenticate() and sends through its own HTTP helper. What differs
 * from a real n8n is only what a workflow run does not need: a database, encryption, the editor.
 *
 * Expressions run on n8n 2.41's default engine, `vm` (isolated-vm), as in production: jest runs on
 * Node 24 (see scripts/test.mjs) and test/setup/n8nEngine.ts starts the engine once per test file.
 */

export const HERO_NODE_TYPE = 'CUSTOM.heroHealth';
export const INPUT_NODE_TYPE = 'n8n-nodes-base.manualTrigger';
export const INPUT_NODE = 'Input';
export const HERO_NODE = 'Hero Health';
const CREDENTIAL_TYPE = 'heroHealthApi';

/** The trigger node's place in the test workflow; only its pinned data is used. */
const inputNodeType: INodeType = {
	description: {
		displayName: 'Input',
		name: INPUT_NODE_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Pinned input items',
		defaults: { name: INPUT_NODE },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
};

/** n8n's node type registry, holding our node (or a stand-in for it) and the input node. */
export class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType>;

	constructor(heroNode: INodeType = new HeroHealth()) {
		this.types = { [HERO_NODE_TYPE]: heroNode, [INPUT_NODE_TYPE]: inputNodeType };
	}

	getByName(nodeType: string): INodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string): INodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type in the test workflow: ${nodeType}`);
		return type;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

const credentialTypes: Record<string, ICredentialType> = { [CREDENTIAL_TYPE]: new HeroHealthApi() };

/**
 * n8n's credentials helper without a database: hands the node the test's decrypted credentials and
 * authenticates requests with the credential class's own authenticate(), as n8n's CredentialsHelper
 * does for a credential whose authenticate is a function.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		if (typeof type?.authenticate !== 'function') return requestOptions;
		return await type.authenticate(credentials, requestOptions);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('The test credentials helper only gives decrypted credentials');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const credentials = this.credentials[type];
		if (!credentials) throw new Error(`The test gave no credentials of type "${type}"`);
		// A copy, as n8n decrypts afresh for every read.
		return structuredClone(credentials);
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return credentialTypes[CREDENTIAL_TYPE].properties;
	}
}

export interface RecordedRequest {
	method: string;
	/** Origin and path as sent, without the query string. */
	url: string;
	/** Header names lower-cased, as on the wire. */
	headers: Record<string, string>;
	/** The query as parsed back from the wire (values are strings; a repeated name gives an array). */
	qs?: Record<string, string | string[]>;
	/** The query string as it goes on the wire, e.g. `ids=1&ids=2`. */
	query: string;
	/** The body as sent: parsed when it is JSON, else the text; undefined when empty. */
	body?: unknown;
	/** performance.now() when n8n's HTTP client was handed the request (after authentication). */
	startedAt: number;
	/** Requests on the wire when this one was written, this one included. */
	inFlight: number;
}

function parseQuery(query: string): Record<string, string | string[]> | undefined {
	if (!query) return undefined;
	const parsed: Record<string, string | string[]> = {};
	for (const [name, value] of new URLSearchParams(query)) {
		const known = parsed[name];
		if (known === undefined) parsed[name] = value;
		else parsed[name] = Array.isArray(known) ? [...known, value] : [known, value];
	}
	return parsed;
}

function parseBody(text: string): unknown {
	if (text === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function headerRecord(request: ClientRequest): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.getHeaders())) {
		if (value !== undefined)
			headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return headers;
}

/** n8n-core's own copy of n8n's outbound HTTP client (its HTTP helpers send through it). */
function n8nOutboundHttp(): { prototype: { requests: (...args: unknown[]) => OutboundClient } } {
	const fromCore = { paths: [dirname(require.resolve('n8n-core'))] };
	return (
		require(require.resolve('@n8n/backend-network', fromCore)) as {
			OutboundHttp: { prototype: { requests: (...args: unknown[]) => OutboundClient } };
		}
	).OutboundHttp;
}

interface OutboundClient {
	request: (options: IHttpRequestOptions) => Promise<unknown>;
}

/** The body n8n hands its HTTP client for the request being sent in this async context. */
const sending = new AsyncLocalStorage<{ body: unknown; handedAt: number }>();

/** The body as the client serialises it for a JSON request: objects as JSON, text as it is. */
function bodyAsSent(body: unknown): unknown {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') return parseBody(body);
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	return JSON.parse(JSON.stringify(body)) as unknown;
}

/**
 * Records every HTTP request made in this process while `fn` runs. Method, URL, headers and query
 * come from Node's own http client (diagnostics channel `http.client.request.start`, published when
 * the request has been written), so they are what went on the wire whether nock answered or a local
 * server did. The body is the one n8n's HTTP client was handed for that request (found through the
 * async context), as it serialises it: nock takes the bytes off the socket before Node's hooks see
 * them.
 */
export async function recordRequests<T>(
	fn: () => Promise<T>,
): Promise<{ result: T; requests: RecordedRequest[] }> {
	const requests: RecordedRequest[] = [];
	let inFlight = 0;
	const onStart = (message: unknown) => {
		const request = (message as { request: ClientRequest }).request;
		const [path, query = ''] = request.path.split(/\?(.*)/s);
		const host = request.getHeader('host') ?? request.host;
		// No length and not chunked: nothing followed the headers, whatever n8n's client was handed.
		const hasBody =
			Number(request.getHeader('content-length') ?? 0) > 0 ||
			/chunked/i.test(String(request.getHeader('transfer-encoding') ?? ''));
		requests.push({
			method: request.method,
			url: `${request.protocol}//${String(host)}${path}`,
			headers: headerRecord(request),
			qs: parseQuery(query),
			query,
			body: hasBody ? bodyAsSent(sending.getStore()?.body) : undefined,
			startedAt: sending.getStore()?.handedAt ?? performance.now(),
			inFlight: ++inFlight,
		});
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			inFlight--;
		};
		request.once('close', finish);
		request.once('response', (response: IncomingMessage) => response.once('end', finish));
	};
	const OutboundHttp = n8nOutboundHttp();
	const requestsOf = OutboundHttp.prototype.requests;
	OutboundHttp.prototype.requests = function (this: unknown, ...args: unknown[]) {
		const client = requestsOf.apply(this, args);
		return {
			...client,
			request: async (options: IHttpRequestOptions) =>
				await sending.run(
					{ body: options.body, handedAt: performance.now() },
					async () => await client.request(options),
				),
		};
	};
	subscribe('http.client.request.start', onStart);
	try {
		const result = await fn();
		return { result, requests };
	} finally {
		unsubscribe('http.client.request.start', onStart);
		OutboundHttp.prototype.requests = requestsOf;
	}
}

export interface WorkflowRun {
	/** The Hero Health node's output items (first output), or undefined when it did not run. */
	output: INodeExecutionData[] | undefined;
	run: IRun;
	/** The error the node threw, as thrown (n8n's run data keeps only a plain copy of it). */
	nodeError?: unknown;
}

/** The node type as n8n calls it, keeping the error its execute() throws. */
function keepingItsError(nodeType: INodeType, kept: { error?: unknown }): INodeType {
	const execute = nodeType.execute;
	if (!execute) return nodeType;
	return {
		description: nodeType.description,
		methods: nodeType.methods,
		async execute(this: IExecuteFunctions) {
			try {
				return await execute.call(this);
			} catch (error) {
				kept.error = error;
				throw error;
			}
		},
	};
}

export interface HeroWorkflowOptions {
	/** The Hero Health node's parameters exactly as n8n stores them. */
	parameters: INode['parameters'];
	/** Items the Input node passes on (its pinned data). */
	items: INodeExecutionData[];
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Stand-in for the node type, e.g. the node with its parameter shortcut off. */
	nodeType?: INodeType;
	/** Extra nodes (e.g. a second node whose output an expression reads) and their pinned data. */
	extraNodes?: Array<{ name: string; items: INodeExecutionData[] }>;
}

/** A workflow Input → Hero Health (with extra pinned nodes in between, connected in a line). */
export function heroWorkflow(options: HeroWorkflowOptions) {
	const names = [INPUT_NODE, ...(options.extraNodes ?? []).map((node) => node.name)];
	const nodes: INode[] = names.map((name, index) => ({
		id: `input-${index}`,
		name,
		type: INPUT_NODE_TYPE,
		typeVersion: 1,
		position: [index * 200, 0],
		parameters: {},
	}));
	nodes.push({
		id: 'hero-node-id',
		name: HERO_NODE,
		type: HERO_NODE_TYPE,
		typeVersion: 1,
		position: [names.length * 200, 0],
		parameters: options.parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'hero-credential-id', name: 'Hero Health account' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	});
	const connections: IConnections = {};
	const chain = [...names, HERO_NODE];
	for (let index = 0; index < chain.length - 1; index++) {
		connections[chain[index]] = { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] };
	}
	const pinData: Record<string, INodeExecutionData[]> = { [INPUT_NODE]: options.items };
	for (const node of options.extraNodes ?? []) pinData[node.name] = node.items;
	return { nodes, connections, pinData };
}

/** Runs the workflow on n8n-core's WorkflowExecute in manual mode, as the editor's "Execute workflow" does. */
export async function executeHeroWorkflow(options: HeroWorkflowOptions): Promise<WorkflowRun> {
	const { nodes, connections, pinData } = heroWorkflow(options);
	const kept: { error?: unknown } = {};
	const workflow = new Workflow({
		id: 'hero-test-workflow',
		name: 'Hero Health test',
		nodes,
		connections,
		active: false,
		nodeTypes: new TestNodeTypes(keepingItsError(options.nodeType ?? new HeroHealth(), kept)),
		settings: { executionOrder: 'v1' },
		pinData,
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: workflow.id,
		name: workflow.name,
		active: false,
		isArchived: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper({ [CREDENTIAL_TYPE]: options.credentials }),
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		variables: {},
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		resultData: { runData: {}, pinData },
		executionData: {
			nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	const output = run.data.resultData.runData[HERO_NODE]?.[0]?.data?.main?.[0] ?? undefined;
	return { output: output ?? undefined, run, nodeError: kept.error };
}
