import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readParameters } from '../helpers/parameterReader';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_POLICY,
	HeroClient,
	RequestWithheld,
	RunOutcomes,
	sortItems,
	stopReportText,
	type RequestPolicy,
} from '../transport';
import type { HeroOperation } from './operation';
import { operations } from './resources';

function findOperation(
	this: IExecuteFunctions,
	resource: string,
	operation: string,
): HeroOperation {
	const found = operations[resource]?.[operation];
	if (typeof found?.execute !== 'function' || typeof found.prepare !== 'function') {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return found;
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

interface NumberRule {
	label: string;
	min: number;
	max: number;
	whole: boolean;
}

/** Request Options → numbers: what each must be. */
const REQUEST_OPTION_RULES: Record<string, NumberRule> = {
	concurrency: { label: 'Concurrency', min: 1, max: 20, whole: true },
	maxRequestsPerSecond: { label: 'Max Requests per Second', min: 0, max: 10_000, whole: false },
	timeoutSeconds: { label: 'Timeout (Seconds)', min: 1, max: 3600, whole: false },
	maxRetries: { label: 'Max Retries', min: 0, max: 10, whole: true },
};

/**
 * A Request Options number, or its default when not set. A value from an expression may be text
 * ("10" passes, "ten" does not): anything that is not a finite number in range stops the run before
 * any request, naming the option (an unchecked NaN concurrency would make every request wait forever).
 */
function requestOption(
	context: IExecuteFunctions,
	options: IDataObject,
	name: keyof typeof REQUEST_OPTION_RULES,
	fallback: number,
): number {
	const value = options[name];
	if (value === undefined || value === null) return fallback;
	const rule = REQUEST_OPTION_RULES[name];
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value.trim())
				: Number.NaN;
	if (
		!Number.isFinite(number) ||
		number < rule.min ||
		number > rule.max ||
		(rule.whole && !Number.isInteger(number))
	) {
		const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value);
		throw new NodeOperationError(
			context.getNode(),
			`Request Options → ${rule.label} must be ${rule.whole ? 'a whole number' : 'a number'} from ${rule.min} to ${rule.max}, not ${shown}`,
			{
				description:
					'Nothing was sent. Fix the option (or the expression that sets it) and run again.',
			},
		);
	}
	return number;
}

/** The run's request policy from Request Options, checked before anything is sent. */
function requestPolicy(context: IExecuteFunctions, continueOnFail: boolean): RequestPolicy {
	const options = context.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	return {
		concurrency: requestOption(context, options, 'concurrency', DEFAULT_CONCURRENCY),
		maxRetries: requestOption(context, options, 'maxRetries', DEFAULT_POLICY.maxRetries),
		maxRequestsPerSecond: requestOption(
			context,
			options,
			'maxRequestsPerSecond',
			DEFAULT_POLICY.maxRequestsPerSecond,
		),
		timeout:
			requestOption(context, options, 'timeoutSeconds', DEFAULT_POLICY.timeout / 1000) * 1000,
		haltOnFailure: !continueOnFail,
	};
}

/**
 * Runs the chosen operation for every input item in two steps. First every item is prepared: its
 * local checks run (NHS number, dates, phone numbers, IDs …) and it answers what it will send, with
 * no request. Without Continue On Fail, one bad item stops the node there, with nothing sent. Then
 * the prepared items are executed through one HeroClient, up to `concurrency` requests at a time.
 * Without Continue On Fail, the first failure from Hero (or a cancel) halts the client: no new request
 * starts, requests already out finish, and the error puts every item in one of three lists (done,
 * possibly sent, not sent; see stopReport). Output keeps input order, paired to items. An operation
 * that exports `prepareRun` (Message → Send) does its run-level checks between the two steps
 * (beforeSend) and may add items after the items' own.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const { prepare, execute, prepareRun } = findOperation.call(this, resource, operation);
	// One reader for the run, handed to every item: parameters without needless expression work.
	const parameters = readParameters(this);

	const continueOnFail = this.continueOnFail();
	const policy = requestPolicy(this, continueOnFail);
	const { concurrency } = policy;
	// What Hero may have done per item, for the report of a run that stops.
	const outcomes = new RunOutcomes();
	const client = new HeroClient(this, policy, outcomes);
	const results: INodeExecutionData[][] = new Array(items.length);
	// Run-level work of the operation (Message → Send's Campaign Options), if it has any.
	const operationRun = prepareRun?.call(this, { concurrency, parameters, client, outcomes });

	// n8n keeps only { error } in a failed item's JSON; the description and HTTP code travel on the
	// item's error, which n8n shows in the output panel and hands to the error output. A failure that
	// may have reached Hero says so in its message ("possibly sent"), so a workflow can tell.
	const failureItem = (error: unknown, itemIndex: number): INodeExecutionData[] => [
		{
			json: { error: errorMessage(error) },
			error: error as NodeOperationError,
			pairedItem: { item: itemIndex },
		},
	];

	// Prepare every item: local work only, item by item.
	const toRun: number[] = [];
	const prepared: unknown[] = new Array(items.length);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared[itemIndex] = await prepare.call(this, itemIndex, parameters, operationRun);
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this, error, itemIndex);
			results[itemIndex] = failureItem(error, itemIndex);
			continue;
		}
		toRun.push(itemIndex);
	}
	try {
		await operationRun?.beforeSend(toRun);
	} catch (error) {
		// A run-level check (sending window, SMS credits) stopped it before any request to send:
		// the report lists every item as not done.
		throw stopReport(this, asNodeError(this, error, toRun[0] ?? 0), results, outcomes);
	}

	// Then send.
	const signal = this.getExecutionCancelSignal?.();
	let cancelled = signal?.aborted === true;
	const onCancel = () => {
		cancelled = true;
		client.halt();
	};
	if (cancelled) client.halt();
	signal?.addEventListener('abort', onCancel, { once: true });

	let next = 0;
	const runItem = async (itemIndex: number) => {
		const itemPrepared = prepared[itemIndex];
		// Let go of what was prepared once it is sent: a long run does not keep every body to its end.
		prepared[itemIndex] = undefined;
		try {
			const data = await execute.call(this, itemIndex, client, itemPrepared, operationRun);
			const records = Array.isArray(data) ? data : [data];
			results[itemIndex] = records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		} catch (error) {
			// A request the halted client did not start: never sent, so neither done nor failed.
			if (error instanceof RequestWithheld) return;
			outcomes.failed(itemIndex, error);
			if (continueOnFail) {
				results[itemIndex] = failureItem(error, itemIndex);
			} else {
				client.halt();
			}
		}
	};
	const worker = async () => {
		while (next < toRun.length && !client.halted) await runItem(toRun[next++]);
	};
	// The client keeps requests in flight to `concurrency`; twice as many items in progress lets the
	// next item be ready to send the moment a request comes back. One at a time keeps strict order.
	const workers = concurrency > 1 ? 2 * concurrency : 1;
	try {
		await Promise.all(Array.from({ length: Math.min(workers, toRun.length) }, worker));
	} finally {
		signal?.removeEventListener('abort', onCancel);
	}

	if (cancelled || (!continueOnFail && outcomes.failures.size)) {
		// The headline: Stop, else the failure of the lowest item; the report names every failure.
		const first = Math.min(...outcomes.failures.keys());
		const headline = cancelled
			? new NodeOperationError(this.getNode(), 'The execution was stopped')
			: asNodeError(this, outcomes.failures.get(first), first);
		throw stopReport(this, headline, results, outcomes);
	}
	return [[...results.flat(), ...(operationRun?.extraItems(toRun) ?? [])]];
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeOperationError || (error as { name?: string }).name === 'NodeApiError') {
		return error as NodeOperationError;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * The error of a halted run, told so that the user knows who Hero acted for: every item in exactly
 * one of three lists (done with Hero's ID, possibly sent, not sent), every failure, and what to do.
 * The message, the description and the context (`itemsDone`, `itemsUncertain`, `itemsNotDone`,
 * `failures`) come from the same lists.
 */
function stopReport(
	context: IExecuteFunctions,
	error: NodeOperationError,
	results: INodeExecutionData[][],
	outcomes: RunOutcomes,
): NodeOperationError {
	const total = context.getInputData().length;
	const doneIds = new Map<number, string>();
	results.forEach((records, itemIndex) => {
		if (records && !records[0]?.error) doneIds.set(itemIndex, heroIdOf(records));
	});
	const sorted = sortItems(total, doneIds, outcomes.heroMayHaveActed);
	const failures = [...outcomes.failures.entries()]
		.sort(([a], [b]) => a - b)
		.map(([item, failure]) => ({ item, message: errorMessage(failure) }));
	const report = stopReportText(total, sorted, failures);
	const own = typeof error.description === 'string' ? error.description : '';
	if (total > 1 || sorted.done.length > 0) {
		error.message = `${error.message}. ${report.summary}`;
		error.description = [own, ...report.lines].filter(Boolean).join('\n');
	} else if (sorted.possiblySent.length && !/check in Hero/.test(own)) {
		error.description = [own, 'Check in Hero whether it went through before running it again.']
			.filter(Boolean)
			.join('\n');
	}
	error.context = {
		...error.context,
		itemsDone: sorted.done,
		itemsUncertain: sorted.possiblySent,
		itemsNotDone: sorted.notSent,
		failures,
	};
	return error;
}
