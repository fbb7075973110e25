import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { ParameterReader } from '../helpers/parameterReader';
import type { Endpoint, HeroClient, RunOutcomes } from '../transport';

/**
 * What an operation file exports; resources.ts checks every registered operation against it.
 *
 * An item goes through two steps. `prepare` is local: it reads and checks the item's parameters and
 * answers what will be sent, without a request, so the router can prepare every item (and stop on a
 * bad one with nothing sent) before the first request. `execute` sends what `prepare` answered,
 * through the run's client, and shapes the output.
 */
export interface HeroOperation {
	description: INodeProperties[];
	/** The Hero API call it makes; Custom API Call, which sends what the user gives, has none. */
	endpoint?: Endpoint;
	/** Run-level work before the first request and after the last (see OperationRun). */
	prepareRun?: PrepareRun;
	prepare(
		this: IExecuteFunctions,
		itemIndex: number,
		parameters: ParameterReader,
		run?: OperationRun,
	): unknown;
	// A method, so that each operation's execute may name the exact type its prepare answers.
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		client: HeroClient,
		prepared: unknown,
		run?: OperationRun,
	): Promise<IDataObject | IDataObject[]>;
}

/**
 * Run-level work of an operation (Message → Send's Campaign Options), made once per node run by
 * its `prepareRun` and handed to each item's prepare and execute.
 */
export interface OperationRun {
	/** After every item is prepared, before the first request; throwing stops the run with nothing sent. */
	beforeSend(itemIndexes: number[]): Promise<void>;
	/** Items added after the items' own (the preview's summary). */
	extraItems(itemIndexes: number[]): INodeExecutionData[];
}

/** What the router gives `prepareRun`: the run's settings, reader, client and outcome record. */
export interface RunSetup {
	concurrency: number;
	parameters: ParameterReader;
	client: HeroClient;
	/** Whether Hero may have acted for an item (transport/outcomes.ts), as the stop report reads it. */
	outcomes: RunOutcomes;
}

export type PrepareRun = (this: IExecuteFunctions, setup: RunSetup) => OperationRun | undefined;
