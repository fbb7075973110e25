import type { IExecuteFunctions } from 'n8n-workflow';

import { getLocatorId } from '../../helpers/parameters';
import { requireId } from '../../helpers/validation';

/** The Hero patient ID picked in the Patient locator (`patientId`), checked. */
export function patientIdOf(this: IExecuteFunctions, itemIndex: number): string {
	return requireId(
		this.getNode(),
		itemIndex,
		getLocatorId.call(this, 'patientId', itemIndex),
		'Patient',
	);
}
