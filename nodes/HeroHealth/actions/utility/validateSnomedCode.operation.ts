import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { normaliseSnomedCode } from '../../helpers/validation';
import { heroApiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'SNOMED Code',
		name: 'snomedCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 279991000000102',
		description:
			'The SNOMED CT concept ID to check. The node checks its form and check digit before asking Hero.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['utility'], operation: ['validateSnomedCode'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const code = normaliseSnomedCode(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('snomedCode', itemIndex),
	);
	return await heroApiRequest.call(this, 'utility.validateSnomedCode', {
		pathParams: { code },
		itemIndex,
	});
}
