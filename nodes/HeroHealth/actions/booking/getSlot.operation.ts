import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
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

/** Local checks: the slot ID, as the request's path parameter. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const id = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('slotId', itemIndex),
		'Slot ID',
	);
	return endpointRequest(this.getNode(), endpoint, { pathParams: { id }, itemIndex });
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	const slot = await client.request(request);
	return simplified(this, itemIndex, 'slot', slot);
}
