import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { endpointRequest, HeroClient, type Endpoint } from '../transport';
import { endpoint as adminGetAll } from '../actions/admin/getAll.operation';
import { endpoint as formGetAll } from '../actions/form/getAll.operation';
import { endpoint as messageGetAllBatches } from '../actions/message/getAllBatches.operation';
import { endpoint as messageGetAutomatedMessages } from '../actions/message/getAutomatedMessages.operation';
import { endpoint as messageGetTemplates } from '../actions/message/getTemplates.operation';
import { endpoint as patientGetAll } from '../actions/patient/getAll.operation';
import { endpoint as practiceGroupGetAppointmentTypes } from '../actions/practiceGroup/getAppointmentTypes.operation';
import { endpoint as practiceGroupGetLocations } from '../actions/practiceGroup/getLocations.operation';
import { endpoint as practiceGroupGetPractitioners } from '../actions/practiceGroup/getPractitioners.operation';
import { endpoint as webhookGetAll } from '../actions/webhook/getAll.operation';

/** Caps what a dropdown loads; users narrow it down by typing. */
const LIST_LIMIT = 200;

function nameOf(record: IDataObject, fields: string[]): string {
	const parts = fields
		.map((field) => record[field])
		.filter((value) => value !== undefined && value !== null && value !== '');
	return parts.length ? parts.join(' ') : String(record.id);
}

async function searchList(
	context: ILoadOptionsFunctions,
	endpoint: Endpoint,
	nameFields: string[],
	filter?: string,
	qs: IDataObject = {},
): Promise<INodeListSearchResult> {
	const client = new HeroClient(context);
	const records = await client.requestAll(
		endpointRequest(context.getNode(), endpoint, { qs, limit: LIST_LIMIT }),
	);
	const needle = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = records
		.map((record) => ({ name: nameOf(record, nameFields), value: String(record.id) }))
		.filter(
			(entry) => !needle || entry.name.toLowerCase().includes(needle) || entry.value === needle,
		)
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

export async function searchLocations(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, practiceGroupGetLocations, ['name'], filter);
}

export async function searchPractitioners(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, practiceGroupGetPractitioners, ['name'], filter);
}

export async function searchAppointmentTypes(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, practiceGroupGetAppointmentTypes, ['name'], filter);
}

export async function searchForms(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, formGetAll, ['title'], filter, filter ? { search: filter } : {});
}

export async function searchAdmins(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, adminGetAll, ['first_name', 'last_name'], filter);
}

export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, messageGetTemplates, ['name', 'title'], filter);
}

export async function searchBatchMessages(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, messageGetAllBatches, ['name'], filter);
}

export async function searchAutomatedMessages(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, messageGetAutomatedMessages, ['name', 'title'], filter);
}

/** Patients are searched by Hero, not filtered locally: a practice has thousands. */
export async function searchPatients(this: ILoadOptionsFunctions, filter?: string) {
	if (!filter?.trim()) return { results: [] };
	const client = new HeroClient(this);
	const records = await client.requestAll(
		endpointRequest(this.getNode(), patientGetAll, { qs: { search: filter.trim() }, limit: 50 }),
	);
	return {
		results: records.map((record) => ({
			name: `${nameOf(record, ['first_name', 'last_name'])}${record.dob ? ` (${String(record.dob).slice(0, 10)})` : ''}`,
			value: String(record.id),
		})),
	};
}

/** Webhooks by their description, else their event and URL. */
export async function searchWebhooks(this: ILoadOptionsFunctions, filter?: string) {
	const client = new HeroClient(this);
	const records = await client.requestAll(
		endpointRequest(this.getNode(), webhookGetAll, { limit: LIST_LIMIT }),
	);
	const needle = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = records
		.map((record) => ({
			name: record.description
				? String(record.description)
				: `${String(record.event_type ?? '')} → ${String(record.url ?? '')}`,
			value: String(record.id),
			url: typeof record.url === 'string' ? record.url : undefined,
		}))
		.filter(
			(entry) =>
				!needle ||
				entry.name.toLowerCase().includes(needle) ||
				(entry.url ?? '').toLowerCase().includes(needle) ||
				entry.value === needle,
		)
		.map(({ name, value }) => ({ name, value }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
