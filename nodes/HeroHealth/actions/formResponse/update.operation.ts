import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordOr } from '../../helpers/output';
import { heroApiRequest, type Endpoint } from '../../transport';
import { answersField, formResponseIdField, readAnswers, requireFormResponseId } from './common';

const properties: INodeProperties[] = [formResponseIdField, answersField(false)];

export const description = updateDisplayOptions(
	{ show: { resource: ['formResponse'], operation: ['update'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'PATCH',
	path: '/v1/form_response/{id}',
	inferred:
		'The "Form Response" tag promises update; PATCH on GET /v1/form_response/{id}, as /v1/tasks/{id} and /v1/admins/{id}. The FormResponse schema comes from a response example that shows no answers, so the body is answers: [{form_question_id, value}], as Create sends them',
	inferredParts: ['method', 'body'],
};

/** Inferred request (see the endpoint table): `{answers}`, the answers to change. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requireFormResponseId.call(this, itemIndex);
	const body: IDataObject = { answers: readAnswers.call(this, itemIndex) };
	const response = await heroApiRequest.call(this, endpoint, {
		pathParams: { id },
		body,
		itemIndex,
	});
	return recordOr(response, { id, updated: true });
}
