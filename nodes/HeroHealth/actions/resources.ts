import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, type Endpoint } from '../transport';

import * as admin from './admin/Admin.resource';
import * as apiKey from './apiKey/ApiKey.resource';
import * as booking from './booking/Booking.resource';
import * as bookingHca from './bookingHca/BookingHca.resource';
import * as careNavigation from './careNavigation/CareNavigation.resource';
import * as consultation from './consultation/Consultation.resource';
import * as customApiCall from './customApiCall/CustomApiCall.resource';
import * as episode from './episode/Episode.resource';
import * as form from './form/Form.resource';
import * as formResponse from './formResponse/FormResponse.resource';
import * as invoicing from './invoicing/Invoicing.resource';
import * as link from './link/Link.resource';
import * as message from './message/Message.resource';
import * as partner from './partner/Partner.resource';
import * as patient from './patient/Patient.resource';
import * as practiceGroup from './practiceGroup/PracticeGroup.resource';
import * as prescription from './prescription/Prescription.resource';
import * as subscription from './subscription/Subscription.resource';
import * as task from './task/Task.resource';
import * as utility from './utility/Utility.resource';
import * as webhook from './webhook/Webhook.resource';
import * as writeToRecord from './writeToRecord/WriteToRecord.resource';
import { withInferredEndpointNotices } from './common.descriptions';
import type { HeroOperation } from './operation';

/** Settings that apply to every request the node makes in a run. */
const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: DEFAULT_CONCURRENCY,
			description:
				'How many requests the node has out to Hero at the same time. 1 sends items one after another. Output order always matches input order.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Cap on request starts per second, for the rate limit in your Hero partner agreement. 0 means no cap; 429 answers still slow the node down.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 5,
			description:
				'Retries after Hero’s rate limit (429) or a temporary outage (503). Sends that may have reached Hero are never retried.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
		},
	],
};

export const resources = {
	admin,
	apiKey,
	booking,
	bookingHca,
	careNavigation,
	consultation,
	customApiCall,
	episode,
	form,
	formResponse,
	invoicing,
	link,
	message,
	partner,
	patient,
	practiceGroup,
	prescription,
	subscription,
	task,
	utility,
	webhook,
	writeToRecord,
};

/** A resource's operations: every export of its `<Resource>.resource.ts` but its description. */
type OperationsOf<Module> = Omit<Module, 'description'>;

function withoutDescriptions<All extends Record<string, { description: INodeProperties[] }>>(
	all: All,
): { [R in keyof All]: OperationsOf<All[R]> } {
	const entries = Object.entries(all).map(([resource, module]) => [
		resource,
		Object.fromEntries(Object.entries(module).filter(([name]) => name !== 'description')),
	]);
	return Object.fromEntries(entries) as { [R in keyof All]: OperationsOf<All[R]> };
}

/**
 * Resource → operation → its file's exports. Typed: an operation file registered in a resource
 * without `description` and `execute` of the right shape (or with a malformed `endpoint`) does not compile.
 */
export const operations: Readonly<Record<string, Readonly<Record<string, HeroOperation>>>> =
	withoutDescriptions(resources);

export interface OperationEndpoint {
	/** `<resource>.<operation>`, with the suffix of a second export (`patient.getV2` for `endpointV2`). */
	key: string;
	resource: string;
	operation: string;
	endpoint: Endpoint;
}

/**
 * Every endpoint the node calls, from the operation files' `endpoint` exports (and `endpoint<Suffix>`
 * where an operation has a second one), in resource and operation order. The editor notices, the
 * README tables and the sandbox's routes are made from this list.
 */
export const operationEndpoints: OperationEndpoint[] = Object.entries(operations).flatMap(
	([resource, byName]) =>
		Object.entries(byName).flatMap(([operation, module]) =>
			Object.entries(module)
				.filter(([name]) => name.startsWith('endpoint'))
				.map(([name, endpoint]) => ({
					key: `${resource}.${operation}${name.slice('endpoint'.length)}`,
					resource,
					operation,
					endpoint: endpoint as Endpoint,
				})),
		),
);

/**
 * The Resource choice, every resource's operations and fields (with a notice on each operation
 * whose endpoint is inferred), and the request options.
 */
export const resourceProperties: INodeProperties[] = withInferredEndpointNotices(
	operationEndpoints,
	[
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Admin', value: 'admin' },
				{ name: 'API Key', value: 'apiKey' },
				{ name: 'Booking', value: 'booking' },
				{
					name: 'Booking (HCA Consultants)',
					value: 'bookingHca',
					description: 'Consultants of Hero’s HCA (Healthcare Assistant) diary, by GMC number',
				},
				{ name: 'Care Navigation', value: 'careNavigation' },
				{ name: 'Consultation', value: 'consultation' },
				{ name: 'Custom API Call', value: 'customApiCall' },
				{
					name: 'Episode',
					value: 'episode',
					description: 'Hero inbox episodes: a patient’s request with its tasks',
				},
				{ name: 'Form', value: 'form' },
				{ name: 'Form Response', value: 'formResponse' },
				{ name: 'Invoicing', value: 'invoicing' },
				{ name: 'Link', value: 'link' },
				{ name: 'Message', value: 'message' },
				{ name: 'Partner', value: 'partner', description: 'Partner integrations such as Heidi' },
				{ name: 'Patient', value: 'patient' },
				{ name: 'Practice Group', value: 'practiceGroup' },
				{ name: 'Prescription', value: 'prescription' },
				{ name: 'Subscription', value: 'subscription' },
				{ name: 'Task', value: 'task' },
				{ name: 'Utility', value: 'utility' },
				{ name: 'Webhook', value: 'webhook' },
				{ name: 'Write to Record', value: 'writeToRecord' },
			],
			default: 'message',
		},
		...admin.description,
		...apiKey.description,
		...booking.description,
		...bookingHca.description,
		...careNavigation.description,
		...consultation.description,
		...customApiCall.description,
		...episode.description,
		...form.description,
		...formResponse.description,
		...invoicing.description,
		...link.description,
		...message.description,
		...partner.description,
		...patient.description,
		...practiceGroup.description,
		...prescription.description,
		...subscription.description,
		...task.description,
		...utility.description,
		...webhook.description,
		...writeToRecord.description,
		requestOptions,
	],
);
