import type { INodeProperties } from 'n8n-workflow';

import { resourceLocator } from '../common.descriptions';

/** A practice staff user (admin), picked from Hero's list or by ID. */
export const adminLocator = (description = 'The staff user'): INodeProperties =>
	resourceLocator({
		displayName: 'Admin',
		name: 'adminId',
		searchListMethod: 'searchAdmins',
		description,
	});
