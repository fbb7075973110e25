import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { withoutSigningKeys } from '../HeroHealth/actions/webhook/common';
import { endpointRequest, HeroClient, type Endpoint } from '../HeroHealth/transport';
import { endpoint as bookingGet } from '../HeroHealth/actions/booking/get.operation';
import { endpoint as formResponseGet } from '../HeroHealth/actions/formResponse/get.operation';
import { endpoint as messageGet } from '../HeroHealth/actions/message/get.operation';
import { endpoint as patientGet } from '../HeroHealth/actions/patient/get.operation';
import { endpoint as prescriptionGet } from '../HeroHealth/actions/prescription/get.operation';

/**
 * Where to read the full record a thin Hero event names. Hero's events carry `object` (the record
 * type) and `id`; the reference shows Appointment, Patient, Prescription and FormSubmission.
 * Write-to-record events are about a message (its `write_to_record` status).
 */
const ENDPOINT_BY_OBJECT: Record<string, Endpoint> = {
	appointment: bookingGet,
	patient: patientGet,
	prescription: prescriptionGet,
	message: messageGet,
	formsubmission: formResponseGet,
	formresponse: formResponseGet,
};

/** Used when an event does not say which object it is about (the reference lost some payloads). */
const OBJECT_BY_EVENT_PREFIX: Record<string, string> = {
	appointment: 'appointment',
	patient: 'patient',
	prescription: 'prescription',
	'write-to-record': 'message',
	'form-submission': 'formsubmission',
};

/** The endpoint that returns the record an event is about, or undefined if Hero has none. */
export function recordEndpoint(event: IDataObject): Endpoint | undefined {
	const object = typeof event.object === 'string' ? event.object.replace(/[\s_-]/g, '') : '';
	if (object) return ENDPOINT_BY_OBJECT[object.toLowerCase()];
	const prefix = String(event.event ?? '').split('.')[0];
	const fallback = OBJECT_BY_EVENT_PREFIX[prefix];
	return fallback ? ENDPOINT_BY_OBJECT[fallback] : undefined;
}

/**
 * The event with `record`: the full record from Hero, or null when it no longer exists. When Hero
 * cannot give it, `record` is null and `recordError` says why, so the event itself is never lost.
 */
export async function withRecord(
	this: IWebhookFunctions,
	event: IDataObject,
): Promise<IDataObject> {
	const name = recordEndpoint(event);
	const id = event.id === undefined || event.id === null ? '' : String(event.id).trim();
	if (!name) {
		return {
			...event,
			record: null,
			recordError: { message: `Hero offers no way to read a "${String(event.object)}" record` },
		};
	}
	if (!id) {
		return { ...event, record: null, recordError: { message: 'The event names no record ID' } };
	}
	try {
		const client = new HeroClient(this);
		const record = await client.requestOrNull(
			endpointRequest(this.getNode(), name, { pathParams: { id } }),
		);
		return { ...event, record: withoutSigningKeys(record) as IDataObject | null };
	} catch (error) {
		const { message, description } = error as NodeApiError;
		const httpCode = error instanceof NodeApiError ? error.httpCode : null;
		return {
			...event,
			record: null,
			recordError: { message, description: description ?? null, httpCode },
		};
	}
}
