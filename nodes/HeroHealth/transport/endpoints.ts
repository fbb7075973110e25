import type { IHttpRequestMethods } from 'n8n-workflow';

/** A part of a request Hero's reference did not show, so the node guessed it. */
export type InferredPart = 'method' | 'path' | 'query' | 'body';

export interface Endpoint {
	method: IHttpRequestMethods;
	/** Path under the credential's base URL; `{name}` segments are filled from path parameters. */
	path: string;
	/** Whether the list endpoint takes page_index/page_size (otherwise it answers everything at once). */
	paged?: boolean;
	/**
	 * A paged list whose reference page shows no page_index/page_size: the node sends them as the
	 * lists that do show them take them (the README marks these lists).
	 */
	pagingInferred?: boolean;
	/**
	 * Set when Hero's reference did not show this method or path: what the guess is based on.
	 * The README lists every inferred endpoint; correcting one is a change to this line only.
	 */
	inferred?: string;
	/** With `inferred`: the parts of the request that are guesses (the editor notice names them). */
	inferredParts?: readonly InferredPart[];
}

/**
 * Every Hero API call the node makes, in one table, keyed `<resource>.<name>`.
 * Operations refer to endpoints only by key, so a corrected path or method is a one-line change here.
 */
export const ENDPOINTS = {
	// Practice Group
	'practiceGroup.get': { method: 'GET', path: '/v1/me' },
	'practiceGroup.update': { method: 'PATCH', path: '/v1/me' },
	'practiceGroup.getCapabilities': { method: 'GET', path: '/v1/me/capabilities' },
	'practiceGroup.getConfiguration': { method: 'GET', path: '/v1/me/configuration' },
	'practiceGroup.getElements': { method: 'GET', path: '/v1/me/elements' },
	'practiceGroup.getSmsCredits': { method: 'GET', path: '/v1/me/sms-credits' },
	'practiceGroup.getNetwork': { method: 'GET', path: '/v1/network' },
	'practiceGroup.createAccessToken': { method: 'POST', path: '/v1/access_token' },
	'practiceGroup.getAppointmentTypes': { method: 'GET', path: '/v1/appointment_types' },
	'practiceGroup.getLocations': { method: 'GET', path: '/v1/locations' },
	'practiceGroup.getPractitioners': { method: 'GET', path: '/v1/practitioners' },
	'practiceGroup.getPractitioner': { method: 'GET', path: '/v1/practitioners/{id}' },

	// Patients
	'patient.pdsLookup': { method: 'POST', path: '/v1/patients/register_pds' },
	'patient.register': { method: 'POST', path: '/v1/patients/register' },
	'patient.get': { method: 'GET', path: '/v1/patients/{id}' },
	'patient.getV2': { method: 'GET', path: '/v2/patients/{id}' },
	'patient.getAll': { method: 'GET', path: '/v1/patients', paged: true, pagingInferred: true },
	'patient.getAttachments': { method: 'GET', path: '/v1/patients/{id}/attachments' },
	'patient.getEhrCandidates': { method: 'GET', path: '/v1/patients/{id}/ehr/candidates' },
	'patient.connectEhr': { method: 'POST', path: '/v1/patients/{id}/ehr/connect' },
	'patient.previewMerge': { method: 'POST', path: '/v1/patients/{id}/merge/preview' },
	'patient.merge': { method: 'POST', path: '/v1/patients/{id}/merge' },
	'patient.getBillingInfo': {
		method: 'GET',
		path: '/v1/patients/{id}/billing_info',
		inferred:
			'Only the page title "Get patient billing info" was seen; path follows /v1/patients/{id}/attachments',
		inferredParts: ['method', 'path'],
	},
	'patient.getPaymentMethods': {
		method: 'GET',
		path: '/v1/patients/{id}/payment_methods',
		inferred:
			'Only the page slug listpatientpaymentmethods was seen; path follows /v1/patients/{id}/attachments',
		inferredParts: ['method', 'path'],
	},

	// Messages
	'message.send': { method: 'POST', path: '/v1/messages/send' },
	'message.get': { method: 'GET', path: '/v1/messages/{id}' },
	'message.getAll': {
		method: 'GET',
		path: '/v1/messages',
		paged: true,
		pagingInferred: true,
		inferred:
			'Only the page slug listsentmessages was seen; path is the collection of /v1/messages/{id}',
		inferredParts: ['method', 'path'],
	},
	'message.getStatus': {
		method: 'GET',
		path: '/v1/messages/{id}/status',
		inferred:
			'Only the page slug messages/getstatus was seen; path follows /v1/appointments/{id}/status',
		inferredParts: ['method', 'path'],
	},
	'message.createBatch': { method: 'POST', path: '/v1/batch_message' },
	'message.getAllBatches': { method: 'GET', path: '/v1/batch_message', paged: true },
	'message.getBatch': { method: 'GET', path: '/v1/batch_message/{id}' },
	'message.sendBatch': { method: 'PATCH', path: '/v1/batch_message/{id}/send' },
	'message.getBatchRecipients': {
		method: 'GET',
		path: '/v1/batch_message/{id}/recipients',
		paged: true,
	},
	'message.getBatchMessages': {
		method: 'GET',
		path: '/v1/batch_message/{id}/messages',
		paged: true,
	},
	'message.getTemplates': { method: 'GET', path: '/v1/templates' },
	'message.getAutomatedMessages': {
		method: 'GET',
		path: '/v2/automated_messages',
		paged: true,
		pagingInferred: true,
	},
	'message.getAutomatedMessage': { method: 'GET', path: '/v2/automated_messages/{id}' },

	// Booking
	'booking.getSlots': { method: 'GET', path: '/v1/slots', paged: true, pagingInferred: true },
	'booking.getSlot': { method: 'GET', path: '/v1/slots/{id}' },
	'booking.countSlots': { method: 'GET', path: '/v1/slots/count' },
	'booking.reserve': { method: 'POST', path: '/v1/appointments' },
	'booking.confirm': {
		method: 'PATCH',
		path: '/v1/appointments/{id}/book',
		inferred:
			'The "Book Appointment" page was cut before its URL; path and method follow PATCH /v1/appointments/{id}/cancel and /reschedule',
		inferredParts: ['method', 'path', 'body'],
	},
	'booking.get': { method: 'GET', path: '/v1/appointments/{id}' },
	'booking.update': { method: 'PUT', path: '/v1/appointments/{id}' },
	'booking.cancel': { method: 'PATCH', path: '/v1/appointments/{id}/cancel' },
	'booking.reschedule': {
		method: 'PATCH',
		path: '/v1/appointments/{id}/reschedule',
		inferred:
			'The reschedule page shows the URL /v1/appointments/{id}/reschedule but not its method or body: PATCH follows /v1/appointments/{id}/cancel, and the body (start_time, duration, practitioner_id and the suppress options) follows Edit Appointment',
		inferredParts: ['method', 'body'],
	},
	'booking.getStatus': {
		method: 'GET',
		path: '/v1/appointments/{id}/status',
		inferred: 'The page showed the URL but not the method; a status read is a GET',
		inferredParts: ['method'],
	},
	'booking.getBookingLinks': {
		method: 'GET',
		path: '/v2/bookinglinks',
		paged: true,
		pagingInferred: true,
	},

	// Booking - HCA
	'bookingHca.searchConsultants': { method: 'GET', path: '/v1/booking-hca/consultants' },
	'bookingHca.getConsultant': { method: 'GET', path: '/v1/booking-hca/consultants/{gmc_number}' },

	// Links
	'link.createBookingLink': {
		method: 'POST',
		path: '/v1/booking_links',
		inferred:
			'The "Create a Booking Link" page shows its body fields but not its URL or method; POST on the collection of PATCH /v1/booking_links/{id}',
		inferredParts: ['method', 'path'],
	},
	'link.updateBookingLink': { method: 'PATCH', path: '/v1/booking_links/{id}' },
	'link.createAttachmentLink': { method: 'POST', path: '/v1/attachment_links' },
	'link.createFormLink': {
		method: 'POST',
		path: '/v1/form_links',
		inferred:
			'Only the page title "Create a Form Link" was seen; path follows /v1/booking_links and /v1/attachment_links',
		inferredParts: ['method', 'path', 'body'],
	},

	// Episodes and notes
	'episode.getAll': { method: 'GET', path: '/v1/episodes', paged: true },
	'episode.getAllV2': {
		method: 'GET',
		path: '/v2/episodes',
		paged: true,
		pagingInferred: true,
		inferred: 'Only the page title "List episodes (v2)" was seen; path is the v2 of /v1/episodes',
		inferredParts: ['method', 'path'],
	},
	'episode.get': { method: 'GET', path: '/v1/episodes/{id}' },
	'episode.createNote': { method: 'POST', path: '/v1/notes' },

	// Care Navigation (no operation was retrieved for this tag)
	'careNavigation.getPathways': {
		method: 'GET',
		path: '/v1/care_navigation/pathways',
		paged: true,
		pagingInferred: true,
		inferred:
			'Tag "Care Navigation" seen without operations; path follows the /v1/<collection> convention',
		inferredParts: ['method', 'path'],
	},
	'careNavigation.getSubmissions': {
		method: 'GET',
		path: '/v1/care_navigation/submissions',
		paged: true,
		pagingInferred: true,
		inferred:
			'Tag "Care Navigation" seen without operations; path follows the /v1/<collection> convention',
		inferredParts: ['method', 'path'],
	},
	'careNavigation.getSubmission': {
		method: 'GET',
		path: '/v1/care_navigation/submissions/{id}',
		inferred:
			'Tag "Care Navigation" seen without operations; path follows the /v1/<collection>/{id} convention',
		inferredParts: ['method', 'path'],
	},

	// Consultations (no operation was retrieved for this tag)
	'consultation.getAll': {
		method: 'GET',
		path: '/v1/consultations',
		paged: true,
		pagingInferred: true,
		inferred:
			'Tag "Consultations" seen without operations; path follows the /v1/<collection> convention',
		inferredParts: ['method', 'path'],
	},
	'consultation.get': {
		method: 'GET',
		path: '/v1/consultations/{id}',
		inferred:
			'Tag "Consultations" seen without operations; path follows the /v1/<collection>/{id} convention',
		inferredParts: ['method', 'path'],
	},

	// Prescriptions, prescribers and pharmacies
	'prescription.getPrescriber': {
		method: 'GET',
		path: '/v1/prescriber/{id}',
		inferred:
			'Only the title "Get a prescriber" was seen; path is the parent of /v1/prescriber/{id}/pharmacies',
		inferredParts: ['method', 'path'],
	},
	'prescription.getPrescriberPharmacies': {
		method: 'GET',
		path: '/v1/prescriber/{id}/pharmacies',
	},
	'prescription.createPharmacy': { method: 'POST', path: '/v1/pharmacies' },
	'prescription.get': {
		method: 'GET',
		path: '/v1/prescriptions/{id}',
		inferred:
			'No get-prescription page was seen; the prescription.issued webhook names a Prescription by ID, so the path follows /v1/<collection>/{id}',
		inferredParts: ['method', 'path'],
	},

	// Write to record (data lives on the message)
	'writeToRecord.getStatus': { method: 'GET', path: '/v1/messages/{id}' },

	// Admins
	'admin.getAll': { method: 'GET', path: '/v1/admins', paged: true },
	'admin.update': { method: 'PATCH', path: '/v1/admins/{id}' },
	'admin.upsertSignature': {
		method: 'POST',
		path: '/v1/admins/signature',
		inferred:
			'The "Upsert admin signature" page shows POST and the body { signature } but was cut before its URL; path is a sub-resource of /v1/admins',
		inferredParts: ['path'],
	},

	// API keys (no operation was retrieved for this tag)
	'apiKey.getAll': {
		method: 'GET',
		path: '/v1/api_keys',
		paged: true,
		pagingInferred: true,
		inferred:
			'Tag "ApiKey" seen without operations; path follows the /v1/<snake_case collection> convention',
		inferredParts: ['method', 'path'],
	},
	'apiKey.revoke': {
		method: 'DELETE',
		path: '/v1/api_keys/{id}',
		inferred: 'Tag "ApiKey" seen without operations; path follows DELETE /v1/webhooks/{id}',
		inferredParts: ['method', 'path'],
	},

	// Tasks
	'task.get': { method: 'GET', path: '/v2/tasks/{id}' },
	'task.update': { method: 'PATCH', path: '/v1/tasks/{id}' },

	// Partners
	'partner.getHeidiToken': { method: 'GET', path: '/v1/partners/heidi/token' },

	// Forms and form responses
	'form.getAll': { method: 'GET', path: '/v1/forms' },
	'form.get': { method: 'GET', path: '/v1/forms/{id}' },
	'formResponse.get': { method: 'GET', path: '/v1/form_response/{id}' },
	'formResponse.create': {
		method: 'POST',
		path: '/v1/form_response',
		inferred:
			'The "Form Response" tag promises create; only GET /v1/form_response/{id} was seen, so create is POST on its collection. The body uses the FormResponse schema\'s names (form_id, client_id for the patient, appointment_id; IDs as numbers, as in Hero\'s FormResponse example); that schema comes from a response example that shows no answers, so they go as answers: [{form_question_id, value}], keyed as Get Form lists the questions',
		inferredParts: ['method', 'path', 'body'],
	},
	'formResponse.update': {
		method: 'PATCH',
		path: '/v1/form_response/{id}',
		inferred:
			'The "Form Response" tag promises update; PATCH on GET /v1/form_response/{id}, as /v1/tasks/{id} and /v1/admins/{id}. The FormResponse schema comes from a response example that shows no answers, so the body is answers: [{form_question_id, value}], as Create sends them',
		inferredParts: ['method', 'body'],
	},

	// Subscriptions: patients' membership-scheme subscriptions (FINDINGS-2026-12)
	'subscription.getAll': { method: 'GET', path: '/v1/subscriptions', paged: true },

	// Webhooks
	'webhook.create': { method: 'POST', path: '/v1/webhooks' },
	'webhook.getAll': { method: 'GET', path: '/v1/webhooks', paged: true, pagingInferred: true },
	'webhook.delete': {
		method: 'DELETE',
		path: '/v1/webhooks/{id}',
		inferred:
			'Only the page slug deletewebhook was seen; DELETE on the item of the /v1/webhooks collection',
		inferredParts: ['path'],
	},

	// Invoicing
	'invoicing.getCoupons': { method: 'GET', path: '/v1/invoicing/coupons' },
	'invoicing.getCustomers': { method: 'GET', path: '/v1/invoicing/customers' },
	'invoicing.createCustomer': { method: 'POST', path: '/v1/invoicing/customers' },
	'invoicing.getProducts': {
		method: 'GET',
		path: '/v1/invoicing/products',
		inferred: 'The "Invoicing" tag names products; path follows /v1/invoicing/coupons',
		inferredParts: ['method', 'path'],
	},
	'invoicing.getMembershipSchemes': {
		method: 'GET',
		path: '/v1/invoicing/membership_schemes',
		inferred: 'The "Invoicing" tag names membership schemes; path follows /v1/invoicing/coupons',
		inferredParts: ['method', 'path'],
	},

	// Utilities (no operation was retrieved for this tag)
	'utility.lookupAddress': {
		method: 'GET',
		path: '/v1/utilities/address_lookup',
		inferred:
			'Tag "Utilities" seen without operations; address lookup by postcode on a /v1/utilities path',
		inferredParts: ['method', 'path', 'query'],
	},
	'utility.validateSnomedCode': {
		method: 'GET',
		path: '/v1/utilities/snomed_codes/{code}',
		inferred:
			'Tag "Utilities" seen without operations; SNOMED code validation on a /v1/utilities path',
		inferredParts: ['method', 'path'],
	},

	// Issue 24: operations from the second pass over Hero's reference (FINDINGS-2026-12), one
	// contiguous block so each entry can move to its operation file.
	'subscription.getAllSubscribers': {
		method: 'GET',
		path: '/v1/subscribers',
		paged: true,
		pagingInferred: true,
		inferred:
			'The List Subscriptions page names /v1/subscribers as the next operation but was cut before its method; a list read is a GET',
		inferredParts: ['method'],
	},
	'link.getStatus': { method: 'GET', path: '/v1/links/status' },
	'link.createVideoLink': {
		method: 'POST',
		path: '/v1/video_links',
		inferred:
			'The "Create video link" page shows POST /v1/video_links but was cut before its body; patient_id, appointment_id and expiry_date follow the other link bodies',
		inferredParts: ['body'],
	},
	'episode.update': { method: 'PATCH', path: '/v1/episodes/{id}' },
	'invoicing.getDefaultCustomer': { method: 'GET', path: '/v1/invoicing/customers/default' },
	'invoicing.createInvoice': {
		method: 'POST',
		path: '/v1/invoicing/invoices',
		inferred:
			'The "Create invoice" page shows issuer_id, collection_method, mode and invoice_items_attributes[] but not the fields of an item, nor how the patient, memo, footer and coupons are named: product_id, quantity, description, unit_amount, patient_id, memo, footer and coupons are guesses',
		inferredParts: ['body'],
	},
	'invoicing.updateInvoice': {
		method: 'PATCH',
		path: '/v1/invoicing/invoices/{id}',
		inferred:
			'The "Update invoice" page shows the URL and that a finalised invoice can change only its memo, footer and coupons; the body names memo, footer and coupons (and collection_method, invoice_items_attributes as Create Invoice) are guesses',
		inferredParts: ['body'],
	},
	'invoicing.linkInvoice': { method: 'POST', path: '/v1/invoicing/invoices/link' },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/** The table entry of an endpoint, typed as the general shape. */
export function endpoint(name: EndpointName): Endpoint {
	return ENDPOINTS[name];
}

/**
 * The first path parameter of the endpoint that cannot go in a URL, with what is wrong with it:
 * empty, `.` or `..` after trimming (encoding leaves dots as they are, and a dot segment would send
 * the request to another path). Undefined when every one is fine.
 */
export function badPathParameter(
	name: EndpointName,
	pathParams: Record<string, string> = {},
): { parameter: string; problem: string } | undefined {
	for (const [, parameter] of endpoint(name).path.matchAll(/\{(\w+)\}/g)) {
		const value = String(pathParams[parameter] ?? '').trim();
		if (value === '') return { parameter, problem: 'is empty' };
		if (value === '.' || value === '..') return { parameter, problem: `is "${value}"` };
	}
	return undefined;
}

/** Fills `{name}` segments with the trimmed value, URL-encoded; see badPathParameter. */
export function endpointPath(name: EndpointName, pathParams: Record<string, string> = {}): string {
	const bad = badPathParameter(name, pathParams);
	if (bad) throw new Error(`Endpoint ${name}: path parameter "${bad.parameter}" ${bad.problem}`);
	return endpoint(name).path.replace(/\{(\w+)\}/g, (_, key: string) =>
		encodeURIComponent(String(pathParams[key]).trim()),
	);
}

/** The inferred parts of an endpoint in words, e.g. "method and path"; undefined when none. */
export function inferredPartsText(name: EndpointName): string | undefined {
	const { inferred, inferredParts = [] } = endpoint(name);
	if (!inferred) return undefined;
	const parts = inferredParts.length ? [...inferredParts] : ['request'];
	const last = parts.pop() as string;
	return parts.length ? `${parts.join(', ')} and ${last}` : last;
}
