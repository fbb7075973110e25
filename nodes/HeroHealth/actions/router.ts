import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { withParameterShortcuts } from '../helpers/parameterReader';
import { setRequestPolicy } from '../transport';
import { resources } from './resources';

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

function findOperation(
	this: IExecuteFunctions,
	resource: string,
	operation: string,
): OperationExecute {
	const operations = (
		resources as unknown as Record<string, Record<string, { execute?: OperationExecute }>>
	)[resource];
	const execute = operations?.[operation]?.execute;
	if (typeof execute !== 'function') {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return execute;
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Runs the chosen operation for every input item, up to `concurrency` items at a time. Output keeps
 * input order; each item's output is paired to it. With Continue On Fail a failed item becomes an
 * error item and the others go on; without it, the first failure (in item order) stops the node.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = findOperation.call(this, resource, operation);
	// Operations and the transport all see this context: parameters read without needless expression work.
	const context = withParameterShortcuts(this);

	const requestOptions = this.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const concurrency = Math.max(1, Math.floor(Number(requestOptions.concurrency ?? 5)));
	setRequestPolicy(context, {
		maxRetries: Number(requestOptions.maxRetries ?? 5),
		maxRequestsPerSecond: Number(requestOptions.maxRequestsPerSecond ?? 0),
		timeout: Number(requestOptions.timeoutSeconds ?? 60) * 1000,
		concurrency,
	});
	const continueOnFail = this.continueOnFail();

	const results: INodeExecutionData[][] = new Array(items.length);
	let firstFailure: { index: number; error: unknown } | undefined;
	let next = 0;

	const runItem = async (itemIndex: number) => {
		try {
			const data = await execute.call(context, itemIndex);
			const records = Array.isArray(data) ? data : [data];
			results[itemIndex] = records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		} catch (error) {
			if (continueOnFail) {
				const json: IDataObject = { error: errorMessage(error) };
				const details = error as { description?: unknown; httpCode?: unknown };
				if (typeof details.description === 'string' && details.description) {
					json.errorDescription = details.description;
				}
				if (details.httpCode) json.httpCode = details.httpCode as string;
				results[itemIndex] = [
					{ json, error: error as NodeOperationError, pairedItem: { item: itemIndex } },
				];
			} else if (!firstFailure || itemIndex < firstFailure.index) {
				firstFailure = { index: itemIndex, error };
			}
		}
	};

	const worker = async () => {
		while (next < items.length && !firstFailure) await runItem(next++);
	};
	// The transport keeps requests in flight to `concurrency`; twice as many items in progress lets the
	// next item be ready to send the moment a request comes back. One at a time keeps strict order.
	const workers = concurrency > 1 ? 2 * concurrency : 1;
	await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));

	if (firstFailure) {
		const { error, index } = firstFailure;
		if (
			error instanceof NodeOperationError ||
			(error as { name?: string }).name === 'NodeApiError'
		) {
			throw error;
		}
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: index });
	}
	return [results.flat()];
}
