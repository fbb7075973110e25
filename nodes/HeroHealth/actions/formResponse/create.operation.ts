import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { formLocator, patientLocator } from '../common.descriptions';
import { readLocatorId } from '../../helpers/parameters';
import { scalarText } from '../../helpers/validation';
import { endpointRequest, type Endpoint, type HeroClient, type HeroRequest } from '../../transport';
import { answersField, readAnswers, requireNumericId } from './common';

const properties: INodeProperties[] = [
	formLocator(),
	patientLocator('The patient the answers are from'),
	answersField(true),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Appointment ID',
				name: 'appointmentId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 48213',
				description: 'The appointment the form was filled in for, if any',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['formResponse'], operation: ['create'] } },
	properties,
);

export const endpoint: Endpoint = {
	method: 'POST',
	path: '/v1/form_response',
	inferred:
		'The "Form Response" tag promises create; only GET /v1/form_response/{id} was seen, so create is POST on its collection. The body uses the FormResponse schema\'s names (form_id, client_id for the patient, appointment_id; IDs as numbers, as in Hero\'s FormResponse example); that schema comes from a response example that shows no answers, so they go as answers: [{form_question_id, value}], keyed as Get Form lists the questions',
	inferredParts: ['method', 'path', 'body'],
};

/** Local checks: the form, the patient, the answers and the appointment, as the request's body. */
export function prepare(this: IExecuteFunctions, itemIndex: number): HeroRequest {
	const node = this.getNode();
	const body: IDataObject = {
		form_id: requireNumericId(
			node,
			itemIndex,
			readLocatorId.call(this, 'formId', itemIndex),
			'Form',
		),
		client_id: requireNumericId(
			node,
			itemIndex,
			readLocatorId.call(this, 'patientId', itemIndex),
			'Patient',
		),
		answers: readAnswers.call(this, itemIndex),
	};
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const appointmentId = scalarText(
		node,
		itemIndex,
		additionalFields.appointmentId,
		'Appointment ID',
	);
	if (appointmentId)
		body.appointment_id = requireNumericId(node, itemIndex, appointmentId, 'Appointment ID');
	return endpointRequest(node, endpoint, { body, itemIndex });
}

/**
 * Inferred request (see the endpoint table): `{form_id, client_id, answers, appointment_id?}`, with
 * the names and the numeric IDs of Hero's FormResponse (it calls the patient `client_id`).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest,
): Promise<IDataObject> {
	return await client.request(request);
}
