import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { HeroHealth } from '../../nodes/HeroHealth/HeroHealth.node';
import { createExecuteContext, type FakeContextOptions } from './context';

/** Runs the Hero Health node once over the given items and returns its output and requests. */
export async function runNode(options: FakeContextOptions) {
	const { context, requests } = createExecuteContext(options);
	const output: INodeExecutionData[][] = await new HeroHealth().execute.call(context);
	return { output: output[0], json: output[0].map((item) => item.json), requests };
}

/** Items with the given JSON, as a previous node would pass them. */
export function itemsOf(...json: IDataObject[]): INodeExecutionData[] {
	return json.map((data) => ({ json: data }));
}
