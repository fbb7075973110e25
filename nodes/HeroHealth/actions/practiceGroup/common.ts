import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../common.descriptions';
import { requireIdList } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroRequest } from '../../transport';
import { listLimit } from '../../helpers/parameters';

export const appointmentTypeIdsFilter: INodeProperties = {
	displayName: 'Appointment Type Names or IDs',
	name: 'appointmentTypeIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getAppointmentTypes' },
	default: [],
	description:
		'Only those offering any of these appointment types. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const locationIdsFilter: INodeProperties = {
	displayName: 'Location Names or IDs',
	name: 'locationIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getLocations' },
	default: [],
	description:
		'Only those at any of these locations. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const hasAvailabilityFilter: INodeProperties = {
	displayName: 'Only With Free Slots',
	name: 'hasAvailability',
	type: 'boolean',
	default: true,
	description: 'Whether to return only those that have free slots to book',
};

/** Return All / Limit and a Filters collection with the given filters. */
export function listProperties(filters: INodeProperties[]): INodeProperties[] {
	if (!filters.length) return returnAllOrLimit();
	return [
		...returnAllOrLimit(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: filters,
		},
	];
}

/**
 * The request for a practice group list, with whichever of the shared filters were set and the
 * limit: local, so that the filters are checked in the operation's prepare.
 */
export function practiceListRequest(
	this: IExecuteFunctions,
	itemIndex: number,
	endpoint: Endpoint,
): HeroRequest {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	// One ID goes as a plain value, as Hero's examples show (`location_ids=5`); several as a list.
	if (filters.locationIds !== undefined) {
		const ids = requireIdList(this.getNode(), itemIndex, filters.locationIds, 'Location');
		if (ids.length) qs.location_ids = ids.length === 1 ? ids[0] : ids;
	}
	if (filters.appointmentTypeIds !== undefined) {
		const ids = requireIdList(
			this.getNode(),
			itemIndex,
			filters.appointmentTypeIds,
			'Appointment Type',
		);
		if (ids.length) qs.appointment_type_ids = ids.length === 1 ? ids[0] : ids;
	}
	if (filters.hasAvailability === true) qs.has_availability = true;
	const limit = listLimit.call(this, itemIndex);
	return endpointRequest(this.getNode(), endpoint, { qs, itemIndex, limit });
}
