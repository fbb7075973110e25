import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { heroApiRequestAllItems, type EndpointName } from '../transport';

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
	endpoint: EndpointName,
	nameFields: string[],
	filter?: string,
	qs: IDataObject = {},
): Promise<INodeListSearchResult> {
	const records = await heroApiRequestAllItems.call(context, endpoint, { qs }, LIST_LIMIT);
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
	return await searchList(this, 'practiceGroup.getLocations', ['name'], filter);
}

export async function searchPractitioners(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, 'practiceGroup.getPractitioners', ['name'], filter);
}

export async function searchAppointmentTypes(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, 'practiceGroup.getAppointmentTypes', ['name'], filter);
}

export async function searchForms(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, 'form.getAll', ['title'], filter, filter ? { search: filter } : {});
}

export async function searchAdmins(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, 'admin.getAll', ['first_name', 'last_name'], filter);
}

export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, 'message.getTemplates', ['name', 'title'], filter);
}

export async function searchBatchMessages(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, 'message.getAllBatches', ['name'], filter);
}

export async function searchAutomatedMessages(this: ILoadOptionsFunctions, filter?: string) {
	return await searchList(this, 'message.getAutomatedMessages', ['name', 'title'], filter);
}

/** Patients are searched by Hero, not filtered locally: a practice has thousands. */
export async function searchPatients(this: ILoadOptionsFunctions, filter?: string) {
	if (!filter?.trim()) return { results: [] };
	const records = await heroApiRequestAllItems.call(
		this,
		'patient.getAll',
		{ qs: { search: filter.trim() } },
		50,
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
	const records = await heroApiRequestAllItems.call(this, 'webhook.getAll', {}, LIST_LIMIT);
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
