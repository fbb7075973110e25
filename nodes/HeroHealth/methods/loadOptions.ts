import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { endpointRequest, HeroClient, type Endpoint } from '../transport';
import { endpoint as formGet } from '../actions/form/get.operation';
import { endpoint as practiceGroupGetAppointmentTypes } from '../actions/practiceGroup/getAppointmentTypes.operation';
import { endpoint as practiceGroupGetLocations } from '../actions/practiceGroup/getLocations.operation';

/** Caps what a dropdown loads, as the searchable lists do. */
const OPTIONS_LIMIT = 200;

async function optionsOf(
	context: ILoadOptionsFunctions,
	endpoint: Endpoint,
	nameField: string,
): Promise<INodePropertyOptions[]> {
	const client = new HeroClient(context);
	const records = await client.requestAll(
		endpointRequest(context.getNode(), endpoint, { limit: OPTIONS_LIMIT }),
	);
	return records
		.map((record) => ({
			name: String(record[nameField] ?? record.id),
			value: String(record.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Locations, for filters that take several of them. */
export async function getLocations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, practiceGroupGetLocations, 'name');
}

/** Appointment types, for filters that take several of them. */
export async function getAppointmentTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, practiceGroupGetAppointmentTypes, 'name');
}

/** The questions of the form chosen in the Form field, by their name in Hero. */
export async function getFormQuestions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const formId = String(
		this.getCurrentNodeParameter('formId', { extractValue: true }) ?? '',
	).trim();
	if (!/^\d+$/.test(formId)) return [];
	const client = new HeroClient(this);
	const form = await client.request(
		endpointRequest(this.getNode(), formGet, { pathParams: { id: formId } }),
	);
	const fields = Array.isArray(form.fields) ? (form.fields as IDataObject[]) : [];
	return fields
		.filter((field) => field.form_question_id !== undefined && field.form_question_id !== null)
		.map((field) => ({
			name: String(field.name ?? field.form_question_id),
			value: String(field.form_question_id),
		}));
}
