import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ParameterReader } from '../helpers/parameterReader';
import type { RunOutcomes } from '../transport';

/**
 * Run-level work of an operation (issue 27: Message → Send's Campaign Options), made once per node
 * run by its `prepareRun` and handed to each item's execute.
 */
export interface OperationRun {
	/** After the pre-check pass, before the first request; throwing stops the run with nothing sent. */
	beforeSend(itemIndexes: number[]): Promise<void>;
	/** Items added after the items' own (the preview's summary). */
	extraItems(itemIndexes: number[]): INodeExecutionData[];
}

/** What the router gives `prepareRun`: the run's settings, reader and outcome record. */
export interface RunSetup {
	concurrency: number;
	parameters: ParameterReader;
	/** Whether Hero may have acted for an item (transport/outcomes.ts), as the stop report reads it. */
	outcomes: RunOutcomes;
}

export type PrepareRun = (this: IExecuteFunctions, setup: RunSetup) => OperationRun | undefined;
