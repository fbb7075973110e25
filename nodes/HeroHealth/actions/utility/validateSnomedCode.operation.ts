import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { normaliseSnomedCode } from '../../helpers/validation';
import { heroApiRequest, type Endpoint } from '../../transport';

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

export const endpoint: Endpoint = {
	method: 'GET',
	path: '/v1/utilities/snomed_codes/{code}',
	inferred:
		'Tag "Utilities" seen without operations; SNOMED code validation on a /v1/utilities path',
	inferredParts: ['method', 'path'],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const code = normaliseSnomedCode(
		this.getNode(),
		itemIndex,
		this.getNodeParameter('snomedCode', itemIndex),
	);
	return await heroApiRequest.call(this, endpoint, {
		pathParams: { code },
		itemIndex,
	});
}
