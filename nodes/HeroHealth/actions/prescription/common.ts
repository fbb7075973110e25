import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireId } from '../../helpers/validation';

/** The prescriber field every prescription operation asks for. */
export const prescriberIdField: INodeProperties = {
	displayName: 'Prescriber ID',
	name: 'prescriberId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 412',
	description: 'Hero ID of the prescriber',
};

export function requirePrescriberId(this: IExecuteFunctions, itemIndex: number): string {
	return requireId(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('prescriberId', itemIndex),
		'Prescriber ID',
	);
}
