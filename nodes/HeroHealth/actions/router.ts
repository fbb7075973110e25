import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readParameters } from '../helpers/parameterReader';
import {
	DEFAULT_CONCURRENCY,
	haltRequests,
	RequestWithheld,
	setPrecheck,
	setRequestPolicy,
} from '../transport';
import { operations, type OperationExecute } from './resources';

function findOperation(
	this: IExecuteFunctions,
	resource: string,
	operation: string,
): OperationExecute {
	const execute = operations[resource]?.[operation]?.execute;
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

/** The ID Hero gave what an item did (message_id, id …), to name it in a stop report. */
function heroIdOf(records: INodeExecutionData[]): string {
	const json = records[0]?.json ?? {};
	const key =
		['message_id', 'appointment_id', 'batch_id', 'id', 'uuid'].find(
			(name) => json[name] !== undefined && json[name] !== null && json[name] !== '',
		) ??
		Object.keys(json).find(
			(name) => name.endsWith('_id') && ['string', 'number'].includes(typeof json[name]),
		);
	return key ? `${key} ${String(json[key])}` : 'no ID in Hero’s answer';
}

/** `3, 5–9, 12` */
function ranges(indexes: number[]): string {
	const parts: string[] = [];
	for (let i = 0; i < indexes.length; i++) {
		let j = i;
		while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
		parts.push(i === j ? `${indexes[i]}` : `${indexes[i]}–${indexes[j]}`);
		i = j;
	}
	return parts.join(', ');
}

/**
 * Runs the chosen operation for every input item, up to `concurrency` requests at a time, in two
 * passes. The pre-check runs every item's execute with requests withheld, so each item stops at
 * its first request: every local check (NHS number, dates, phone numbers, IDs …) has run and no
 * request was sent. Only then the real pass runs the items that passed. Without Continue On Fail,
 * one bad item stops the node before anything is sent, and the first failure from Hero (or a
 * cancel) halts the run: no new request starts, requests already out finish, and the error lists
 * every item that went through with Hero's ID for it. Output keeps input order, paired to items.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = findOperation.call(this, resource, operation);
	// One reader for the run, handed to every item: parameters without needless expression work.
	const parameters = readParameters(this);

	const continueOnFail = this.continueOnFail();
	const requestOptions = this.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const concurrency = Math.max(
		1,
		Math.floor(Number(requestOptions.concurrency ?? DEFAULT_CONCURRENCY)),
	);
	setRequestPolicy(this, {
		maxRetries: Number(requestOptions.maxRetries ?? 5),
		maxRequestsPerSecond: Number(requestOptions.maxRequestsPerSecond ?? 0),
		timeout: Number(requestOptions.timeoutSeconds ?? 60) * 1000,
		concurrency,
		haltOnFailure: !continueOnFail,
	});
	const results: INodeExecutionData[][] = new Array(items.length);

	// n8n keeps only { error } in a failed item's JSON; the description and HTTP code travel on the
	// item's error, which n8n shows in the output panel and hands to the error output.
	const failureItem = (error: unknown, itemIndex: number): INodeExecutionData[] => [
		{
			json: { error: errorMessage(error) },
			error: error as NodeOperationError,
			pairedItem: { item: itemIndex },
		},
	];

	// Pre-check pass: local work only, item by item.
	const toRun: number[] = [];
	setPrecheck(this, true);
	try {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				await execute.call(this, itemIndex, parameters);
			} catch (error) {
				if (!(error instanceof RequestWithheld)) {
					if (!continueOnFail) throw asNodeError(this, error, itemIndex);
					results[itemIndex] = failureItem(error, itemIndex);
					continue;
				}
			}
			toRun.push(itemIndex);
		}
	} finally {
		setPrecheck(this, false);
	}

	// Real pass.
	let firstFailure: { index: number; error: unknown } | undefined;
	let halted = false;
	const halt = () => {
		halted = true;
		haltRequests(this);
	};
	const signal = this.getExecutionCancelSignal?.();
	let cancelled = signal?.aborted === true;
	const onCancel = () => {
		cancelled = true;
		halt();
	};
	if (cancelled) halt();
	signal?.addEventListener('abort', onCancel, { once: true });

	let next = 0;
	const runItem = async (itemIndex: number) => {
		try {
			const data = await execute.call(this, itemIndex, parameters);
			const records = Array.isArray(data) ? data : [data];
			results[itemIndex] = records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		} catch (error) {
			// Withheld after a halt: never sent, so neither done nor failed.
			if (error instanceof RequestWithheld) return;
			if (continueOnFail) {
				results[itemIndex] = failureItem(error, itemIndex);
			} else {
				if (!firstFailure || itemIndex < firstFailure.index) {
					firstFailure = { index: itemIndex, error };
				}
				halt();
			}
		}
	};
	const worker = async () => {
		while (next < toRun.length && !halted) await runItem(toRun[next++]);
	};
	// The transport keeps requests in flight to `concurrency`; twice as many items in progress lets the
	// next item be ready to send the moment a request comes back. One at a time keeps strict order.
	const workers = concurrency > 1 ? 2 * concurrency : 1;
	try {
		await Promise.all(Array.from({ length: Math.min(workers, toRun.length) }, worker));
	} finally {
		signal?.removeEventListener('abort', onCancel);
	}

	if (firstFailure) {
		throw stopReport(this, asNodeError(this, firstFailure.error, firstFailure.index), results);
	}
	if (cancelled) {
		throw stopReport(
			this,
			new NodeOperationError(this.getNode(), 'The execution was stopped'),
			results,
		);
	}
	return [results.flat()];
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeOperationError || (error as { name?: string }).name === 'NodeApiError') {
		return error as NodeOperationError;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * The error of a halted run, told so that the user knows who Hero acted for: how many items went
 * through, each with Hero's ID, and which did not. The items are also in the error's context.
 */
function stopReport(
	context: IExecuteFunctions,
	error: NodeOperationError,
	results: INodeExecutionData[][],
): NodeOperationError {
	const total = context.getInputData().length;
	const done: Array<{ item: number; hero: string }> = [];
	const notDone: number[] = [];
	for (let itemIndex = 0; itemIndex < total; itemIndex++) {
		const records = results[itemIndex];
		if (records && !records[0]?.error) done.push({ item: itemIndex, hero: heroIdOf(records) });
		else notDone.push(itemIndex);
	}
	if (total <= 1 && done.length === 0) return error;
	const summary = `${done.length} of ${total} items went through before the node stopped`;
	error.message = `${error.message}. ${summary}`;
	const lines = [
		typeof error.description === 'string' && error.description ? error.description : '',
		done.length
			? `${summary}. n8n keeps no output for a node that fails, so here they are, with Hero’s ID for each:`
			: `${summary}.`,
		done.map(({ item, hero }) => `item ${item}: ${hero}`).join('; '),
		notDone.length ? `Not done: items ${ranges(notDone)}.` : '',
		'Fix the cause, then run again for the items not done only (see the README: "When a run stops").',
	];
	error.description = lines.filter(Boolean).join('\n');
	error.context = { ...error.context, itemsDone: done, itemsNotDone: notDone };
	return error;
}
