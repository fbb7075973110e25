import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';
import { readLocatorId } from '../../helpers/parameters';
import { requireText } from '../../helpers/validation';

/** The subscription to act on: picked from the list, or given by ID. */
export const subscriptionLocator: INodeProperties = resourceLocator({
	displayName: 'Subscription',
	name: 'subscriptionId',
	searchListMethod: 'searchSubscriptions',
	placeholder: 'e.g. 31',
});

export function requireSubscriptionId(this: IExecuteFunctions, itemIndex: number): string {
	return requireText(
		this.getNode(),
		itemIndex,
		readLocatorId.call(this, 'subscriptionId', itemIndex),
		'Subscription',
	);
}
