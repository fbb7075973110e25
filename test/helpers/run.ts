import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { DEFAULT_CREDENTIALS } from './constants';
import { executeHeroWorkflow, recordRequests, type RecordedRequest } from './n8n';

export interface RunNodeOptions {
	/** The node's parameters exactly as n8n stores them (`__rl` locators, `={{ … }}` expressions). */
	// Loosely typed so tests can build parameters from plain objects; functions are refused at run time.
	parameters: Record<string, unknown>;
	/** Items the previous node passes on; one empty item when left out. */
	items?: INodeExecutionData[];
	credentials?: ICredentialDataDecryptedObject;
	/** The node's Settings → On Error → Continue (regular output). */
	continueOnFail?: boolean;
	/** Pinned nodes between the input and ours, for expressions like `$('Lookup').item.json.x`. */
	extraNodes?: Array<{ name: string; items: INodeExecutionData[] }>;
	/** Stand-in for the node type (the differential test's node with the shortcut off). */
	nodeType?: INodeType;
	/** Called once the run has started, with n8n's way to stop it (the editor's Stop button). */
	onStart?: (execution: { cancel: () => void }) => void;
	/** Workflow Settings → Timezone; n8n's default (America/New_York) when left out. */
	timezone?: string;
}

function assertStoredAsN8nDoes(value: unknown, path: string): void {
	if (typeof value === 'function') {
		throw new Error(
			`Parameter "${path}" is a JavaScript function: give it as n8n stores it, e.g. '={{ $json.x }}'`,
		);
	}
	if (value && typeof value === 'object') {
		for (const [key, entry] of Object.entries(value))
			assertStoredAsN8nDoes(entry, `${path}.${key}`);
	}
}

/** The error n8n stored for the failed run, as an Error again (n8n keeps a plain copy of it). */
function storedError(error: IDataObject): Error {
	const rebuilt = new Error(String(error.message));
	Object.assign(rebuilt, error);
	return rebuilt;
}

/**
 * Runs the Hero Health node once in a workflow on n8n's engine (test/helpers/n8n.ts) over the given
 * items. Returns its output items and the HTTP requests made; throws the node's error when the run
 * failed (no Continue On Fail).
 */
export async function runNode(options: RunNodeOptions) {
	assertStoredAsN8nDoes(options.parameters, 'parameters');
	const { result, requests } = await recordRequests(
		async () =>
			await executeHeroWorkflow({
				parameters: options.parameters as INodeParameters,
				items: options.items ?? [{ json: {} }],
				credentials: options.credentials ?? DEFAULT_CREDENTIALS,
				continueOnFail: options.continueOnFail,
				extraNodes: options.extraNodes,
				nodeType: options.nodeType,
				onStart: options.onStart,
				timezone: options.timezone,
			}),
	);
	const error = result.run.data.resultData.error;
	if (error) {
		// The node's own error when it threw this one; else n8n's (e.g. parameter issues).
		const thrown = result.nodeError as Error | undefined;
		if (thrown?.message === error.message) throw thrown;
		throw storedError(error as unknown as IDataObject);
	}
	const output = result.output ?? [];
	return { output, json: output.map((item) => item.json), requests, run: result.run };
}

/** Items with the given JSON, as a previous node would pass them. */
export function itemsOf(...json: IDataObject[]): INodeExecutionData[] {
	return json.map((data) => ({ json: data }));
}

export type { RecordedRequest };
export {
	BASE_URL,
	DEFAULT_CREDENTIALS,
	FAKE_CREDENTIAL_VALUE,
	locator,
	PRACTICE_GROUP_ID,
} from './constants';
