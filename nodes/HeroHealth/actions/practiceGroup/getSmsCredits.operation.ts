import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { heroApiRequest } from '../../transport';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions(
	{ show: { resource: ['practiceGroup'], operation: ['getSmsCredits'] } },
	properties,
);

/** The practice group's SMS credits: `{sms_credit_count}` (null when SMS is not billed in credits). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await heroApiRequest.call(this, 'practiceGroup.getSmsCredits', { itemIndex });
}
