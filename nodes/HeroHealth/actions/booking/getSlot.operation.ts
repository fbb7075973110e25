import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { heroApiRequest, type Endpoint } from '../../transport';
import { simplifyToggle } from '../common.descriptions';
import { simplified } from '../../helpers/output';

const properties: INodeProperties[] = [
	{
		displayName: 'Slot ID',
		name: 'slotId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the slot, as Get Many Slots outputs it',
	},
	simplifyToggle(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['booking'], operation: ['getSlot'] } },
	properties,
);

export const endpoint: Endpoint = { method: 'GET', path: '/v1/slots/{id}' };

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('slotId', itemIndex),
		'Slot ID',
	);
	const slot = await heroApiRequest.call(this, endpoint, {
		pathParams: { id },
		itemIndex,
	});
	return simplified(this, itemIndex, 'slot', slot);
}
