import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { practitionerLocator } from '../common.descriptions';
import { getLocatorId } from '../../helpers/parameters';
import { requireId } from '../../helpers/validation';
import { heroApiRequest } from '../../transport';

const properties: INodeProperties[] = [practitionerLocator()];

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getPractitioner'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireId(
		this.getNode(),
		itemIndex,
		getLocatorId.call(this, 'practitionerId', itemIndex),
		'Practitioner',
	);
	return await heroApiRequest.call(this, 'practiceGroup.getPractitioner', {
		pathParams: { id },
		itemIndex,
	});
}
