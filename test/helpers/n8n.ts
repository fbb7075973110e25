import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
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
	ILoadOptionsFunctions,
	INodeParameters,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, Workflow } from 'n8n-workflow';

import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { HeroHealth } from '../../nodes/HeroHealth/HeroHealth.node';
import { DEFAULT_CREDENTIALS } from './constants';
import { provideDeduplication } from './deduplication';

export { recordRequests, type RecordedRequest } from './wire.cjs';

/**
 * A small harness on n8n's own engine (n8n-core's WorkflowExecute), in the spirit of n8n's
 * NodeTestHarness: a test gives a workflow (input items as pinned data on an "Input" node, then our
 * node with its parameters exactly as n8n stores them), and n8n resolves parameters and expressions,
 * applies the real credential's authenticate() and sends through its own HTTP helper. What differs
 * from a real n8n is only what a workflow run does not need: a database, encryption, the editor.
 *
 * Expressions run on n8n 2.41's default engine, `vm` (isolated-vm), as in production: jest runs on
 * Node 24 (see scripts/test.mjs) and test/n8nEngine.cjs starts the engine once per test file.
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
			// Passed on to n8n unchanged.
			return await execute.call(this).catch(async (error: unknown) => {
				kept.error = error;
				return await Promise.reject(error);
			});
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
	/** Called once the run has started, with n8n's way to stop it (the editor's Stop button). */
	onStart?: (execution: { cancel: () => void }) => void;
	/** Workflow Settings → Timezone; n8n's default (America/New_York) when left out. */
	timezone?: string;
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
/** What n8n hands a run besides the workflow: here the credentials and the instance's URLs. */
export function additionalDataFor(
	credentials: ICredentialDataDecryptedObject,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper({ [CREDENTIAL_TYPE]: credentials }),
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
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * n8n-core's context for a node's list searches and dropdowns (`methods.listSearch`,
 * `methods.loadOptions`), as the editor calls them: `parameters` are the node's current parameters.
 */
export function loadOptionsContext(
	options: { parameters?: INodeParameters; credentials?: ICredentialDataDecryptedObject } = {},
): ILoadOptionsFunctions {
	const parameters = options.parameters ?? {};
	const { nodes, connections } = heroWorkflow({
		parameters,
		items: [],
		credentials: options.credentials ?? DEFAULT_CREDENTIALS,
	});
	const workflow = new Workflow({
		id: 'hero-test-workflow',
		nodes,
		connections,
		active: false,
		nodeTypes: new TestNodeTypes(),
	});
	const additionalData = additionalDataFor(options.credentials ?? DEFAULT_CREDENTIALS, {
		currentNodeParameters: parameters,
	});
	const heroNode = workflow.getNode(HERO_NODE) as INode;
	return new LoadOptionsContext(workflow, heroNode, additionalData, 'parameters');
}

export async function executeHeroWorkflow(options: HeroWorkflowOptions): Promise<WorkflowRun> {
	// n8n's deduplication store (this.helpers.checkProcessedAndRecord …), in memory.
	await provideDeduplication();
	const { nodes, connections, pinData } = heroWorkflow(options);
	const kept: { error?: unknown } = {};
	const workflow = new Workflow({
		id: 'hero-test-workflow',
		name: 'Hero Health test',
		nodes,
		connections,
		active: false,
		nodeTypes: new TestNodeTypes(keepingItsError(options.nodeType ?? new HeroHealth(), kept)),
		settings: { executionOrder: 'v1', ...(options.timezone ? { timezone: options.timezone } : {}) },
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
	const additionalData = additionalDataFor(options.credentials, { hooks });
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		resultData: { runData: {}, pinData },
		executionData: {
			nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const execution = new WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	options.onStart?.(execution);
	const run = await execution;
	const output = run.data.resultData.runData[HERO_NODE]?.[0]?.data?.main?.[0] ?? undefined;
	return { output: output ?? undefined, run, nodeError: kept.error };
}
