import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { heroApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Consultation ID',
		name: 'consultationId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 8812',
		description: 'The consultation, e.g. from Get Many',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['consultation'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireText(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('consultationId', itemIndex),
		'Consultation ID',
	);
	return await heroApiRequest.call(this, 'consultation.get', { pathParams: { id }, itemIndex });
}
