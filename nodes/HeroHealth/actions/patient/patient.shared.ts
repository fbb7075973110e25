import type { IExecuteFunctions } from 'n8n-workflow';

import { requireLocatorId } from '../../helpers/parameters';

/** The Hero patient ID picked in the Patient locator (`patientId`), checked. */
export function patientIdOf(this: IExecuteFunctions, itemIndex: number): string {
	return requireLocatorId.call(this, 'patientId', itemIndex, 'Patient');
}
