import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordOr } from '../../helpers/output';
import { heroApiRequest } from '../../transport';
import { answersField, formResponseIdField, readAnswers, requireFormResponseId } from './common';

const properties: INodeProperties[] = [formResponseIdField, answersField(false)];

export const description = updateDisplayOptions(
	{ show: { resource: ['formResponse'], operation: ['update'] } },
	properties,
);

/** Inferred request (see the endpoint table): `{answers}`, the answers to change. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireFormResponseId.call(this, itemIndex);
	const body: IDataObject = { answers: readAnswers.call(this, itemIndex) };
	const response = await heroApiRequest.call(this, 'formResponse.update', {
		pathParams: { id },
		body,
		itemIndex,
	});
	return recordOr(response, { id, updated: true });
}
