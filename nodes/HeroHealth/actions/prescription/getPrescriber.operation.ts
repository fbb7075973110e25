import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest } from '../../transport';
import { requirePrescriberId, prescriberIdField } from './common';

const properties: INodeProperties[] = [prescriberIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['prescription'], operation: ['getPrescriber'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requirePrescriberId.call(this, itemIndex);
	return await heroApiRequest.call(this, 'prescription.getPrescriber', {
		pathParams: { id },
		itemIndex,
	});
}
