import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';
import { readLocatorId } from '../../helpers/parameters';
import { requireText } from '../../helpers/validation';

/** The batch message an operation works on: picked from Hero's list of batches, or by ID. */
export const batchLocator = (): INodeProperties =>
	resourceLocator({
		displayName: 'Batch Message',
		name: 'batchId',
		searchListMethod: 'searchBatchMessages',
		description: 'The batch, as Create Batch returned it',
	});

export function requireBatchId(this: IExecuteFunctions, itemIndex: number): string {
	return requireText(
		this.getNode(),
		itemIndex,
		readLocatorId.call(this, 'batchId', itemIndex),
		'Batch Message',
	);
}
