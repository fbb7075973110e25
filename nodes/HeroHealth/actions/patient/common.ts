import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemError } from '../../helpers/validation';
import { resourceLocator } from '../common.descriptions';
import { requireLocatorId } from '../../helpers/parameters';

/** The Hero patient ID picked in the Patient locator (`patientId`), checked. */
export function requirePatientId(this: IExecuteFunctions, itemIndex: number): string {
	return requireLocatorId.call(this, 'patientId', itemIndex, 'Patient');
}

/** The second patient of a merge; the first is the Patient locator. */
export const otherPatientLocator = (): INodeProperties =>
	resourceLocator({
		displayName: 'Merge With Patient',
		name: 'otherPatientId',
		searchListMethod: 'searchPatients',
		description: 'The other record of the same person',
		placeholder: 'e.g. 98766',
	});

/** Both patient IDs of a merge, checked and different from each other. */
export function mergePair(
	this: IExecuteFunctions,
	itemIndex: number,
): { id: string; otherId: string } {
	const id = requirePatientId.call(this, itemIndex);
	const otherId = requireLocatorId.call(this, 'otherPatientId', itemIndex, 'Merge With Patient');
	if (id === otherId) {
		throw itemError(
			this.getNode(),
			itemIndex,
			`Merge With Patient is the same patient as Patient (${id})`,
		);
	}
	return { id, otherId };
}
