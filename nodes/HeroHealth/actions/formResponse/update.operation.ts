import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordOr } from '../../helpers/output';
import { endpointRequest, type Endpoint, type HeroClient } from '../../transport';
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

/** Local checks: the form response ID and the answers (the ID is kept for the output). */
export function prepare(this: IExecuteFunctions, itemIndex: number) {
	const id = requireFormResponseId.call(this, itemIndex);
	const body: IDataObject = { answers: readAnswers.call(this, itemIndex) };
	return {
		id,
		request: endpointRequest(this.getNode(), endpoint, { pathParams: { id }, body, itemIndex }),
	};
}

/** Inferred request (see the endpoint table): `{answers}`, the answers to change. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	{ id, request }: ReturnType<typeof prepare>,
): Promise<IDataObject> {
	const response = await client.request(request);
	return recordOr(response, { id, updated: true });
}
