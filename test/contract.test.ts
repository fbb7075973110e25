import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { HeroHealthTrigger } from '../nodes/HeroHealthTrigger/HeroHealthTrigger.node';
import { locator } from './helpers/constants';
import { createHookContext, createWebhookContext, TRIGGER_NODE } from './helpers/hookContext';
import { itemsOf, runNode } from './helpers/run';
import { control, credentials, type Delivery, sandboxUrl } from './helpers/sandbox';

/**
 * Contract tests: the node's real requests against the local Hero sandbox (sandbox/), which checks
 * every request against spec/hero-openapi.yaml and answers 400 in Hero's shape when one breaks it.
 * jest's globalSetup (test/globalSetup.mjs) starts the sandbox; test/helpers/sandbox.ts reaches it.
 */

async function run(parameters: IDataObject, items?: IDataObject[], continueOnFail = false) {
	return await runNode({
		parameters,
		credentials: credentials(),
		items: items ? itemsOf(...items) : undefined,
		continueOnFail,
	});
}

/** Asserts the sandbox saw no request that broke the spec, nor any field the spec does not name. */
async function expectConformingRequests() {
	const counters = await control.counters();
	expect(counters.validationFailures).toBe(0);
	expect(counters.unknownFields).toEqual({});
}

beforeEach(async () => {
	await control.reset();
});

describe('contract: practice group', () => {
	it('reads the practice group with the credential’s headers', async () => {
		const { json } = await run({ resource: 'practiceGroup', operation: 'get' });
		expect(json[0]).toMatchObject({ id: '731', name: 'Riverside Sandbox Practice' });
	});

	it('lists locations, practitioners and appointment types', async () => {
		const locations = await run({
			resource: 'practiceGroup',
			operation: 'getLocations',
			returnAll: true,
			filters: {},
		});
		expect(locations.json.map((item) => item.id)).toEqual(['11', '12', '13']);
		const practitioners = await run({
			resource: 'practiceGroup',
			operation: 'getPractitioners',
			returnAll: true,
			filters: { locationIds: '11' },
		});
		expect(practitioners.json.map((item) => item.id)).toEqual(['21', '23']);
		const types = await run({
			resource: 'practiceGroup',
			operation: 'getAppointmentTypes',
			returnAll: true,
			filters: { hasAvailability: true },
		});
		expect(types.json.map((item) => item.id)).toEqual(['31', '32', '33', '34']);
		await expectConformingRequests();
	});
});

describe('contract: patients', () => {
	const lookup = { resource: 'patient', operation: 'pdsLookup', options: {} };

	it('traces a patient on PDS by NHS number or by name, date of birth and postcode', async () => {
		const byNumber = await run({
			...lookup,
			lookupBy: 'nhsNumber',
			nhsNumber: '999 000 1006',
			dateOfBirth: '14/03/1985',
		});
		expect(byNumber.json).toEqual([{ outcome: 'found', patient_id: '1001' }]);
		const byName = await run({
			...lookup,
			lookupBy: 'demographics',
			firstName: 'Amira',
			lastName: 'Hussain',
			postcode: 'ls7 1ef',
			dateOfBirth: '1998-07-21',
		});
		expect(byName.json[0]).toMatchObject({ outcome: 'found', patient_id: '1003' });
		await expectConformingRequests();
	});

	it('tells apart "must verify identity" and "not found"', async () => {
		const verify = await run({
			...lookup,
			lookupBy: 'nhsNumber',
			nhsNumber: '9990002401',
			dateOfBirth: '1987-06-06',
		});
		expect(verify.json[0]).toMatchObject({ outcome: 'mustVerifyIdentity', patient_id: null });
		const missing = await run({
			...lookup,
			lookupBy: 'nhsNumber',
			nhsNumber: '9990002827',
			dateOfBirth: '1990-01-01',
			options: { notFoundAsItem: true },
		});
		expect(missing.json[0]).toMatchObject({ outcome: 'notFound', patient_id: null });
	});

	it('reads every patient page by page, one output item each', async () => {
		const all = await run({
			resource: 'patient',
			operation: 'getAll',
			returnAll: true,
			filters: {},
		});
		expect(all.json).toHaveLength(20);
		expect(new Set(all.json.map((item) => item.id)).size).toBe(20);
		const some = await run({
			resource: 'patient',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			filters: {},
		});
		expect(some.json.map((item) => item.id)).toEqual(['1001', '1002', '1003']);
		await expectConformingRequests();
	});
});

describe('contract: messages', () => {
	const send = {
		resource: 'message',
		operation: 'send',
		patientId: locator('1001'),
		messageType: 'sms',
		messageText: 'Your blood test results are ready.',
		additionalFields: {},
	};

	it('sends a message the sandbox stores, then reads it back', async () => {
		const sent = await run(send);
		const messageId = String(sent.json[0].message_id);
		expect(messageId).toMatch(/^\d+$/);
		const read = await run({ resource: 'message', operation: 'get', messageId });
		expect(read.json[0]).toMatchObject({ id: messageId, patient: { id: '1001' } });
		const counters = await control.counters();
		expect(counters.messagesSent).toEqual({ total: 1, byPatient: { 1001: 1 } });
		await expectConformingRequests();
	});

	it('sends each item once under a rate limit, waiting as Retry-After says', async () => {
		await control.config({ rateLimitPerSecond: 2, retryAfterSeconds: 0 });
		const patients = ['1001', '1002', '1003', '1005', '1006', '1007'];
		const { json } = await run(
			{ ...send, patientId: locator('={{ $json.id }}') },
			patients.map((id) => ({ id })),
		);
		expect(json.every((item) => typeof item.message_id === 'string')).toBe(true);
		const counters = await control.counters();
		expect(counters.rateLimited).toBeGreaterThan(0);
		expect(counters.messagesSent.total).toBe(6);
		expect(Object.values(counters.messagesSent.byPatient)).toEqual([1, 1, 1, 1, 1, 1]);
	});

	// The faults and drops are aimed at the send: Send reads the SMS credits first.
	it('does not resend a send after a 503 without Retry-After, and says it is possibly sent', async () => {
		await control.config({ faultNext: 2, nextOnRoute: 'POST /v1/messages/send' });
		const { json, output } = await run(send, undefined, true);
		expect(json[0].message_id).toBeUndefined();
		expect(String(output[0].json.error)).toMatch(/\(503\).*: possibly sent, check in Hero/);
		const counters = await control.counters();
		expect(counters.faults).toBe(1);
		expect(counters.requests['POST /v1/messages/send'].received).toBe(1);
	});

	it('retries a read after a 503', async () => {
		await control.config({ faultNext: 2 });
		const { json } = await run({
			resource: 'patient',
			operation: 'get',
			patientId: locator('1001'),
			options: {},
		});
		expect(json).toHaveLength(1);
		expect(json[0].error).toBeUndefined();
		expect(JSON.stringify(json[0])).toContain('1001');
		expect((await control.counters()).faults).toBe(2);
	});

	it('does not resend a message whose connection dropped after Hero processed it', async () => {
		await control.config({ dropNext: 1, nextOnRoute: 'POST /v1/messages/send' });
		const { json, output } = await run(send, undefined, true);
		expect(json[0].message_id).toBeUndefined();
		expect(String(output[0].error?.description)).toMatch(/Hero may have processed it/);
		const counters = await control.counters();
		expect(counters.requests['POST /v1/messages/send'].received).toBe(1);
		expect(counters.messagesSent.total).toBe(1);
	});
});

describe('contract: booking', () => {
	it('finds a slot, reserves it, confirms it and cancels it', async () => {
		const slots = await run({
			resource: 'booking',
			operation: 'getSlots',
			returnAll: false,
			limit: 1,
			filters: { practitionerId: locator('22') },
		});
		const slot = slots.json[0];
		expect(slot).toMatchObject({ practitioner_id: '22', location_id: '12' });

		const reserved = await run({
			resource: 'booking',
			operation: 'reserve',
			appointmentTypeId: locator(String(slot.appointment_type_id)),
			locationId: locator(String(slot.location_id)),
			practitionerId: locator(String(slot.practitioner_id)),
			startTime: String(slot.start_time),
			duration: Number(slot.duration),
			additionalFields: { patientId: locator('1001') },
		});
		const appointmentId = String(reserved.json[0].id);
		expect(reserved.json[0].reserved_until).toEqual(expect.any(String));

		await run({ resource: 'booking', operation: 'confirm', appointmentId, additionalFields: {} });
		const confirmed = await run({ resource: 'booking', operation: 'get', appointmentId });
		expect(confirmed.json[0]).toMatchObject({ id: appointmentId, status: 'confirmed' });

		await run({ resource: 'booking', operation: 'cancel', appointmentId, options: {} });
		const state = await control.state();
		const appointment = (state.appointments as IDataObject[]).find(
			(item) => item.id === appointmentId,
		);
		expect(appointment).toMatchObject({ status: 'cancelled', patient_id: '1001' });
		await expectConformingRequests();
	});
});

describe('contract: Hero Health Trigger', () => {
	const trigger = new HeroHealthTrigger();
	const methods = trigger.webhookMethods.default;
	// Nothing listens there: the sandbox logs the delivery it tried, signature and all.
	const n8nUrl = 'http://127.0.0.1:9';
	const webhookUrl = `${n8nUrl}/webhook/${TRIGGER_NODE.webhookId}/webhook`;
	const events = ['appointment.cancelled', 'appointment.confirmed'];

	async function finishedDeliveries(count: number): Promise<Delivery[]> {
		for (let attempt = 0; attempt < 100; attempt++) {
			const deliveries = await control.deliveries();
			if (deliveries.length >= count && deliveries.every((item) => item.finished_at)) {
				return deliveries;
			}
			await sleep(20);
		}
		throw new Error(`The sandbox did not finish ${count} webhook deliveries`);
	}

	it('registers its webhooks, takes the sandbox’s signed delivery, refuses a tampered one, and unregisters', async () => {
		const staticData: IDataObject = {};
		const hook = createHookContext({
			parameters: { events },
			staticData,
			n8nUrl,
			credentials: credentials(),
		});
		await expect(methods.create.call(hook.context)).resolves.toBe(true);
		const webhooks = (await control.state()).webhooks as IDataObject[];
		expect(webhooks.map((item) => [item.event_type, item.url])).toEqual([
			['appointment.cancelled', webhookUrl],
			['appointment.confirmed', webhookUrl],
		]);
		expect(webhooks.every((item) => item.signing_key === staticData.signingKey)).toBe(true);
		await expect(methods.checkExists.call(hook.context)).resolves.toBe(true);

		// A receptionist cancels the seeded appointment 40001 in Hero.
		await axios.post(`${sandboxUrl()}/__sandbox/appointments/40001/cancel`);
		const [delivery] = await finishedDeliveries(1);
		expect(delivery.event).toBe('appointment.cancelled');

		const deliver = (rawBody: string) =>
			createWebhookContext({
				parameters: { events, options: {} },
				staticData,
				rawBody,
				headers: delivery.headers,
				credentials: credentials(),
			});
		const accepted = await trigger.webhook.call(deliver(delivery.body).context);
		expect(accepted.workflowData?.[0].map((item) => item.json)).toEqual([
			{
				object: 'Appointment',
				id: '40001',
				practice_group_id: '731',
				event: 'appointment.cancelled',
			},
		]);
		const tampered = deliver(delivery.body.replace('40001', '40002'));
		const refused = await trigger.webhook.call(tampered.context);
		expect(refused.workflowData).toBeUndefined();
		expect(tampered.response.statusCode).toBe(401);

		await methods.delete.call(hook.context);
		expect((await control.state()).webhooks).toEqual([]);
		await expectConformingRequests();
	});
});
