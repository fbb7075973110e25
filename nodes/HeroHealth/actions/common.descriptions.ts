import type { INodeProperties } from 'n8n-workflow';

import { inferredPartsText, type Endpoint } from '../transport/endpoints';

/** An operation's endpoint with the operation it belongs to (resources.ts lists them). */
interface OperationEndpointRef {
	resource: string;
	operation: string;
	endpoint: Endpoint;
}

/** Return All / Limit, as every n8n list operation offers them. */
export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

interface LocatorOptions {
	displayName: string;
	name: string;
	/** listSearch method that fills the searchable list. */
	searchListMethod: string;
	required?: boolean;
	description?: string;
	placeholder?: string;
}

/** A resource locator: pick from a searchable list, or give the Hero ID. */
export function resourceLocator(options: LocatorOptions): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder ?? 'e.g. 12345',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*[\\w-]+\\s*$', errorMessage: 'Not a valid Hero ID' },
					},
				],
			},
		],
	};
}

export const patientLocator = (description = 'The Hero patient'): INodeProperties =>
	resourceLocator({
		displayName: 'Patient',
		name: 'patientId',
		searchListMethod: 'searchPatients',
		description,
		placeholder: 'e.g. 98765',
	});

export const locationLocator = (required = true): INodeProperties =>
	resourceLocator({
		displayName: 'Location',
		name: 'locationId',
		searchListMethod: 'searchLocations',
		required,
	});

export const practitionerLocator = (required = true): INodeProperties =>
	resourceLocator({
		displayName: 'Practitioner',
		name: 'practitionerId',
		searchListMethod: 'searchPractitioners',
		required,
	});

export const appointmentTypeLocator = (required = true): INodeProperties =>
	resourceLocator({
		displayName: 'Appointment Type',
		name: 'appointmentTypeId',
		searchListMethod: 'searchAppointmentTypes',
		required,
	});

export const formLocator = (required = true): INodeProperties =>
	resourceLocator({
		displayName: 'Form',
		name: 'formId',
		searchListMethod: 'searchForms',
		required,
	});

/** Webhook event types as Hero names them; one Hero webhook carries one of them. */
export const WEBHOOK_EVENTS = [
	{ name: 'Appointment Cancelled', value: 'appointment.cancelled' },
	{ name: 'Appointment Confirmed', value: 'appointment.confirmed' },
	{ name: 'Appointment Rescheduled', value: 'appointment.rescheduled' },
	{ name: 'Form Submission Created', value: 'form-submission.created' },
	{ name: 'Patient Added to Sequence', value: 'patient.added-to-sequence' },
	{ name: 'Patient Medical Record Updated', value: 'patient.medical-record-updated' },
	{ name: 'Prescription Issued', value: 'prescription.issued' },
	{ name: 'Write to Record Failed', value: 'write-to-record.failed' },
	{ name: 'Write to Record Succeeded', value: 'write-to-record.succeeded' },
];

/** The editor notice of an operation whose endpoint Hero's reference did not show in full. */
function inferredEndpointNotice({
	resource,
	operation,
	endpoint,
}: OperationEndpointRef): INodeProperties {
	const { method, path } = endpoint;
	return {
		displayName: `Inferred endpoint: Hero’s API reference did not show this request’s ${inferredPartsText(endpoint)}, so the node sends ${method} ${path}, the most likely one. If Hero answers 404 or 405, use Custom API Call with the right method and path.`,
		name: 'inferredEndpointNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: [resource], operation: [operation] } },
	};
}

/**
 * Puts the inferred-endpoint notices of each resource right after its Operation parameter, so
 * they head the panel of the operations they concern.
 */
export function withInferredEndpointNotices(
	endpoints: OperationEndpointRef[],
	properties: INodeProperties[],
): INodeProperties[] {
	const notices = endpoints.filter(({ endpoint }) => endpoint.inferred).map(inferredEndpointNotice);
	return properties.flatMap((property) => {
		const resources = (property.displayOptions?.show?.resource ?? []) as string[];
		if (property.name !== 'operation' || resources.length !== 1) return [property];
		return [
			property,
			...notices.filter((notice) => notice.displayOptions?.show?.resource?.[0] === resources[0]),
		];
	});
}

/**
 * The Simplify toggle (`simple`, as n8n names it) of operations that return patients, appointments,
 * slots, messages or episodes; the fields it keeps are `SIMPLE_FIELDS` (helpers/output.ts). On by
 * default, as n8n's nodes and its linter have it, for the action node and the AI tool alike.
 */
export function simplifyToggle(): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simple',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	};
}
