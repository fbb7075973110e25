import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { heroApiRequest, heroApiRequestAllItems, type EndpointName } from '../transport';

/** Caps what a dropdown loads, as the searchable lists do. */
const OPTIONS_LIMIT = 200;

async function optionsOf(
	context: ILoadOptionsFunctions,
	endpoint: EndpointName,
	nameField: string,
): Promise<INodePropertyOptions[]> {
	const records = await heroApiRequestAllItems.call(context, endpoint, {}, OPTIONS_LIMIT);
	return records
		.map((record) => ({
			name: String(record[nameField] ?? record.id),
			value: String(record.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Locations, for filters that take several of them. */
export async function getLocations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, 'practiceGroup.getLocations', 'name');
}

/** Appointment types, for filters that take several of them. */
export async function getAppointmentTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, 'practiceGroup.getAppointmentTypes', 'name');
}

/** The questions of the form chosen in the Form field, by their name in Hero. */
export async function getFormQuestions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const formId = String(
		this.getCurrentNodeParameter('formId', { extractValue: true }) ?? '',
	).trim();
	if (!/^\d+$/.test(formId)) return [];
	const form = await heroApiRequest.call(this, 'form.get', { pathParams: { id: formId } });
	const fields = Array.isArray(form.fields) ? (form.fields as IDataObject[]) : [];
	return fields
		.filter((field) => field.form_question_id !== undefined && field.form_question_id !== null)
		.map((field) => ({
			name: String(field.name ?? field.form_question_id),
			value: String(field.form_question_id),
		}));
}
