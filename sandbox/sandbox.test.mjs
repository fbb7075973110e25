// @ts-check
// The sandbox's own tests: `node --test sandbox/` (npm run test:sandbox). No network: the sandbox and
// the webhook receiver both listen on 127.0.0.1.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { loadEndpoints } from './endpoints.mjs';
import { handlers } from './handlers.mjs';
import { isValidNhsNumber, PATIENTS, SPINE_ONLY } from './seed.mjs';
import { startSandbox } from './server.mjs';
import { loadSpec, operationKey } from './spec.mjs';

/** @typedef {Awaited<ReturnType<typeof startSandbox>>} Sandbox */

/**
 * @param {Sandbox} sandbox
 * @param {string} method
 * @param {string} path
 * @param {{ body?: unknown, rawBody?: string, query?: Record<string, string | string[]>, headers?: Record<string, string>, auth?: boolean }} [options]
 */
async function call(sandbox, method, path, options = {}) {
	const url = new URL(path, sandbox.url);
	for (const [name, value] of Object.entries(options.query ?? {})) {
		for (const item of [].concat(/** @type {any} */ (value))) url.searchParams.append(name, item);
	}
	/** @type {Record<string, string>} */
	const headers = { ...(options.headers ?? {}) };
	if (options.auth !== false) {
		headers['x-api-key'] ??= sandbox.apiKey;
		headers['x-practice-group-id'] ??= sandbox.practiceGroupId;
	}
	let body = options.rawBody;
	if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] = 'application/json';
	}
	const response = await fetch(url, { method, headers, body });
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: text ? JSON.parse(text) : undefined,
	};
}

/** A local webhook receiver that records what it gets. @param {number} [status] */
async function startReceiver(status = 200) {
	/** @type {Array<{ path: string, headers: http.IncomingHttpHeaders, rawBody: string }>} */
	const received = [];
	const server = http.createServer((req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				path: String(req.url),
				headers: req.headers,
				rawBody: Buffer.concat(chunks).toString('utf8'),
			});
			res.writeHead(status).end('ok');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		stop: () => new Promise((resolve) => server.close(() => resolve(undefined))),
	};
}

/** The first free slot (optionally of one practitioner). @param {Sandbox} sandbox @param {Record<string, string>} [query] */
async function firstSlot(sandbox, query = {}) {
	const { body } = await call(sandbox, 'GET', '/v1/slots', {
		query: { page_index: '0', page_size: '1', ...query },
	});
	assert.ok(body.data.length, 'the seed has free slots');
	return body.data[0];
}

/** @param {Sandbox} sandbox @param {{ id: string, practitioner_id: string, location_id: string, appointment_type_id: string, start_time: string, duration: number }} slot @param {string} [patientId] */
async function reserve(sandbox, slot, patientId = '1001') {
	const response = await call(sandbox, 'POST', '/v1/appointments', {
		body: {
			appointment_type_id: slot.appointment_type_id,
			location_id: slot.location_id,
			practitioner_id: slot.practitioner_id,
			duration: slot.duration,
			start_time: slot.start_time,
			patient_id: patientId,
		},
	});
	assert.equal(response.status, 200, JSON.stringify(response.body));
	return response.body;
}

/** @param {() => boolean} condition */
async function waitFor(condition, timeoutMs = 2000) {
	const until = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > until) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** @type {Sandbox} */
let sandbox;
before(async () => {
	sandbox = await startSandbox();
});
after(async () => {
	await sandbox.stop();
});
beforeEach(() => {
	sandbox.reset();
});

describe('seed', () => {
	it('has 20 practice patients and 3 PDS-only people, all with valid NHS numbers and dates of birth', () => {
		assert.equal(PATIENTS.length, 20);
		assert.equal(SPINE_ONLY.length, 3);
		for (const person of [...PATIENTS, ...SPINE_ONLY]) {
			assert.ok(isValidNhsNumber(person.nhs_number), person.nhs_number);
			assert.match(person.dob, /^\d{4}-\d{2}-\d{2}$/);
		}
		const numbers = new Set([...PATIENTS, ...SPINE_ONLY].map((person) => person.nhs_number));
		assert.equal(numbers.size, 23);
	});

	it('rejects an NHS number whose check digit is wrong', () => {
		assert.equal(isValidNhsNumber('9990001007'), false);
		assert.equal(isValidNhsNumber('943476591'), false);
	});

	it('is the same after every reset, apart from slot times', async () => {
		const first = (await call(sandbox, 'GET', '/__sandbox/state', { auth: false })).body;
		sandbox.reset();
		const second = (await call(sandbox, 'GET', '/__sandbox/state', { auth: false })).body;
		assert.deepEqual(second.patients, first.patients);
		assert.equal(first.slotCount, second.slotCount);
		assert.ok(first.slotCount > 300);
		assert.deepEqual(
			first.locations.map((/** @type {any} */ item) => item.id),
			['11', '12', '13'],
		);
		assert.deepEqual(
			first.practitioners.map((/** @type {any} */ item) => item.id),
			['21', '22', '23', '24'],
		);
		assert.deepEqual(
			first.appointmentTypes.map((/** @type {any} */ item) => item.id),
			['31', '32', '33', '34'],
		);
	});
});

describe('authentication', () => {
	it('answers 401 without an API key', async () => {
		const response = await call(sandbox, 'GET', '/v1/me', {
			auth: false,
			headers: { 'x-practice-group-id': '731' },
		});
		assert.equal(response.status, 401);
		assert.deepEqual(response.body, { error: true, statusCode: 401, message: 'Unauthorised' });
	});

	it('answers 401 for a wrong API key', async () => {
		const response = await call(sandbox, 'GET', '/v1/me', {
			headers: { 'x-api-key': 'not-the-key' },
		});
		assert.equal(response.status, 401);
	});

	it('answers 403 for another practice group, and without one', async () => {
		const other = await call(sandbox, 'GET', '/v1/me', {
			headers: { 'x-practice-group-id': '999' },
		});
		assert.equal(other.status, 403);
		assert.equal(other.body.error, true);
		assert.equal(other.body.statusCode, 403);
		assert.match(other.body.message, /999/);
		const missing = await call(sandbox, 'GET', '/v1/me', {
			auth: false,
			headers: { 'x-api-key': sandbox.apiKey },
		});
		assert.equal(missing.status, 403);
	});

	it('answers 200 with both headers right, and the control API needs none', async () => {
		const me = await call(sandbox, 'GET', '/v1/me');
		assert.equal(me.status, 200);
		assert.equal(me.body.id, '731');
		assert.equal(me.body.name, 'Riverside Sandbox Practice');
		assert.equal(me.body.address.postcode, 'LS5 3AA');
		const counters = await call(sandbox, 'GET', '/__sandbox/counters', { auth: false });
		assert.equal(counters.status, 200);
	});

	it('answers 404 in Hero’s shape for a path the API does not have', async () => {
		const response = await call(sandbox, 'GET', '/v1/nothing-here');
		assert.equal(response.status, 404);
		assert.deepEqual(response.body, {
			error: true,
			statusCode: 404,
			message: 'Cannot GET /v1/nothing-here',
		});
	});

	it('takes the key and practice group from the options', async () => {
		const custom = await startSandbox({ apiKey: 'other-key', practiceGroupId: '42' });
		try {
			assert.equal((await call(custom, 'GET', '/v1/me')).status, 200);
			assert.equal(
				(await call(custom, 'GET', '/v1/me', { headers: { 'x-api-key': 'sandbox-api-key' } }))
					.status,
				401,
			);
		} finally {
			await custom.stop();
		}
	});
});

describe('spec validation', () => {
	it('answers 400 in Hero’s shape for a body that breaks the spec', async () => {
		const response = await call(sandbox, 'POST', '/v1/messages/send', {
			body: { patient_id: 'abc', message_type: 'fax', message_string: '' },
		});
		assert.equal(response.status, 400);
		assert.equal(response.body.error, true);
		assert.equal(response.body.statusCode, 400);
		assert.ok(Array.isArray(response.body.message));
		for (const issue of response.body.message) {
			assert.equal(typeof issue.code, 'string');
			assert.equal(typeof issue.expected, 'string');
			assert.ok(Array.isArray(issue.path));
		}
		const byField = Object.fromEntries(
			response.body.message.map((/** @type {any} */ issue) => [issue.path.join('.'), issue.code]),
		);
		assert.deepEqual(byField, {
			patient_id: 'invalid_string',
			message_type: 'invalid_enum_value',
			message_string: 'too_small',
		});
		assert.equal(
			(await call(sandbox, 'GET', '/__sandbox/state', { auth: false })).body.messages.length,
			0,
		);
	});

	it('names a missing required field', async () => {
		const response = await call(sandbox, 'POST', '/v1/messages/send', {
			body: { patient_id: '1001', message_type: 'sms' },
		});
		assert.equal(response.status, 400);
		assert.deepEqual(response.body.message, [
			{
				code: 'invalid_type',
				expected: 'string',
				received: 'undefined',
				path: ['message_string'],
				message: 'Required',
				location: 'body',
			},
		]);
	});

	it('accepts both register_pds body shapes (oneOf), and a body that fits both', async () => {
		const byNumber = await call(sandbox, 'POST', '/v1/patients/register_pds', {
			body: { nhs_number: '9990001006', dob: '1985-03-14' },
		});
		assert.equal(byNumber.status, 200);
		const byName = await call(sandbox, 'POST', '/v1/patients/register_pds', {
			body: { forename: 'Olivia', surname: 'Bennett', dob: '1985-03-14', postcode: 'LS6 2AB' },
		});
		assert.equal(byName.status, 200);
		const both = await call(sandbox, 'POST', '/v1/patients/register_pds', {
			body: {
				nhs_number: '9990001006',
				forename: 'Olivia',
				surname: 'Bennett',
				dob: '1985-03-14',
				postcode: 'LS6 2AB',
			},
		});
		assert.equal(both.status, 200);
	});

	it('explains a register_pds body that fits neither shape', async () => {
		const response = await call(sandbox, 'POST', '/v1/patients/register_pds', {
			body: { forename: 'Olivia', dob: '1985-03-14' },
		});
		assert.equal(response.status, 400);
		assert.equal(response.body.message[0].code, 'invalid_union');
		assert.match(response.body.message[0].expected, /nhs_number \+ dob/);
	});

	it('accepts YYYY-MM-DD and full date-times in date-time fields, and rejects impossible dates', async () => {
		for (const dob of ['1985-03-14', '1985-03-14T00:00:00Z', '1985-03-14T00:00:00.000Z']) {
			const response = await call(sandbox, 'POST', '/v1/patients/register_pds', {
				body: { nhs_number: '9990001006', dob },
			});
			assert.equal(response.status, 200, dob);
			assert.deepEqual(response.body, { patient_id: '1001' });
		}
		for (const dob of ['1985-02-30', '14/03/1985', '1985-03-14T10:00:00']) {
			const response = await call(sandbox, 'POST', '/v1/patients/register_pds', {
				body: { nhs_number: '9990001006', dob },
			});
			assert.equal(response.status, 400, dob);
			assert.ok(
				response.body.message.some(
					(/** @type {any} */ issue) => issue.path[0] === 'dob' && issue.code === 'invalid_string',
				),
			);
		}
	});

	it('checks query parameters against their types, and required ones', async () => {
		const bad = await call(sandbox, 'GET', '/v1/appointment_types', {
			query: { has_availability: 'maybe' },
		});
		assert.equal(bad.status, 400);
		assert.deepEqual(bad.body.message[0].path, ['has_availability']);
		assert.equal(bad.body.message[0].location, 'query');
		assert.equal(
			(await call(sandbox, 'GET', '/v1/appointment_types', { query: { has_availability: 'true' } }))
				.status,
			200,
		);
		const missing = await call(sandbox, 'GET', '/v1/invoicing/customers');
		assert.equal(missing.status, 400);
		assert.deepEqual(missing.body.message[0].path, ['query']);
		const badEnum = await call(sandbox, 'GET', '/v1/episodes', {
			query: { 'status[]': ['open', 'snoozed'] },
		});
		assert.equal(badEnum.status, 400);
		assert.deepEqual(badEnum.body.message[0].path, ['status', 1]);
	});

	it('answers 400 for a body that is not JSON', async () => {
		const response = await call(sandbox, 'POST', '/v1/webhooks', {
			rawBody: '{nope',
			headers: { 'content-type': 'application/json' },
		});
		assert.equal(response.status, 400);
		assert.equal(response.body.message[0].code, 'invalid_json');
	});

	it('accepts the webhook event types Hero’s newer docs add, and rejects others', async () => {
		const newer = await call(sandbox, 'POST', '/v1/webhooks', {
			body: { event_type: 'write-to-record.failed', url: 'http://127.0.0.1:9/hook' },
		});
		assert.equal(newer.status, 200);
		const unknown = await call(sandbox, 'POST', '/v1/webhooks', {
			body: { event_type: 'appointment.created', url: 'http://127.0.0.1:9/hook' },
		});
		assert.equal(unknown.status, 400);
		assert.equal(unknown.body.message[0].code, 'invalid_enum_value');
		const badUrl = await call(sandbox, 'POST', '/v1/webhooks', {
			body: { event_type: 'appointment.confirmed', url: 'not a url' },
		});
		assert.equal(badUrl.status, 400);
		assert.deepEqual(badUrl.body.message[0].path, ['url']);
	});

	it('records body fields the spec does not name, and rejects them when asked to', async () => {
		const body = { patient_id: '1001', message_type: 'sms', message_string: 'Hi', colour: 'blue' };
		assert.equal((await call(sandbox, 'POST', '/v1/messages/send', { body })).status, 200);
		assert.deepEqual(sandbox.counters().unknownFields, { 'POST /v1/messages/send': ['colour'] });
		sandbox.setConfig({ rejectUnknownFields: true });
		const rejected = await call(sandbox, 'POST', '/v1/messages/send', { body });
		assert.equal(rejected.status, 400);
		assert.equal(rejected.body.message[0].code, 'unrecognized_keys');
		// Partial schemas (x-partial) are not held to their listed fields.
		const partial = await call(sandbox, 'POST', '/v1/patients/register', {
			body: { nhs_number: '9990001006', dob: '1985-03-14', first_name: 'Olivia' },
		});
		assert.equal(partial.status, 200);
	});

	it('validates the inferred endpoints lightly', async () => {
		const response = await call(sandbox, 'POST', '/v1/admins/signature', { body: {} });
		assert.equal(response.status, 400);
		assert.deepEqual(response.body.message[0].path, ['signature']);
		const confirm = await call(sandbox, 'PATCH', '/v1/appointments/40001/book', {
			body: { patient_id: 7 },
		});
		assert.equal(confirm.status, 400);
	});
});

describe('paging', () => {
	it('pages from page_index 0 with count = the total', async () => {
		/** @type {string[]} */
		const ids = [];
		for (let pageIndex = 0; pageIndex < 5; pageIndex++) {
			const response = await call(sandbox, 'GET', '/v1/patients', {
				query: { page_index: String(pageIndex), page_size: '6' },
			});
			assert.equal(response.status, 200);
			assert.equal(response.body.count, 20);
			ids.push(...response.body.data.map((/** @type {any} */ patient) => patient.id));
			if (pageIndex === 3) assert.equal(response.body.data.length, 2);
			if (pageIndex === 4) assert.equal(response.body.data.length, 0);
		}
		assert.equal(ids.length, 20);
		assert.equal(new Set(ids).size, 20);
		assert.equal(ids[0], '1001');
	});

	it('pageSizeCap gives shorter pages than asked, counted in pages of the cap, count unchanged', async () => {
		sandbox.setConfig({ pageSizeCap: 6 });
		try {
			/** @type {string[]} */
			const ids = [];
			for (let pageIndex = 0; pageIndex < 4; pageIndex++) {
				const response = await call(sandbox, 'GET', '/v1/patients', {
					query: { page_index: String(pageIndex), page_size: '100' },
				});
				assert.equal(response.status, 200);
				assert.equal(response.body.count, 20);
				assert.equal(response.body.data.length, pageIndex < 3 ? 6 : 2);
				ids.push(...response.body.data.map((/** @type {any} */ patient) => patient.id));
			}
			assert.equal(new Set(ids).size, 20);
		} finally {
			sandbox.setConfig({ pageSizeCap: 0 });
		}
	});

	it('rejects a bad page_index or page_size', async () => {
		/** @type {Array<Record<string, string>>} */
		const queries = [
			{ page_index: '-1', page_size: '10' },
			{ page_index: '0', page_size: '0' },
			{ page_index: '0', page_size: '101' },
			{ page_index: 'x' },
		];
		for (const query of queries) {
			const response = await call(sandbox, 'GET', '/v1/patients', { query });
			assert.equal(response.status, 400, JSON.stringify(query));
		}
	});

	it('answers lists that are not paged in one go', async () => {
		const response = await call(sandbox, 'GET', '/v1/appointment_types', {
			query: { page_index: '1', page_size: '1' },
		});
		assert.equal(response.body.count, 4);
		assert.equal(response.body.data.length, 4);
	});

	it('pages slots, which are filtered and free only', async () => {
		const all = await call(sandbox, 'GET', '/v1/slots', {
			query: { practitioner_id: '24', page_index: '0', page_size: '100' },
		});
		assert.ok(all.body.count > 50);
		assert.ok(
			all.body.data.every(
				(/** @type {any} */ slot) => slot.practitioner_id === '24' && slot.location_id === '13',
			),
		);
		const counted = await call(sandbox, 'GET', '/v1/slots/count', {
			query: { practitioner_id: '24' },
		});
		assert.equal(counted.body.count, all.body.count);
	});
});

describe('PDS lookup', () => {
	it('finds a patient by NHS number (spaces allowed) and date of birth', async () => {
		const response = await call(sandbox, 'POST', '/v1/patients/register_pds', {
			body: { nhs_number: '999 000 1073', dob: '1972-11-02' },
		});
		assert.deepEqual(response.body, { patient_id: '1002' });
	});

	it('finds a patient by name, date of birth and postcode, ignoring case and spaces', async () => {
		const response = await call(sandbox, 'POST', '/v1/patients/register_pds', {
			body: { forename: 'amira', surname: 'HUSSAIN', dob: '1998-07-21', postcode: 'ls71ef' },
		});
		assert.deepEqual(response.body, { patient_id: '1003' });
	});

	it('asks Samuel Baker to verify his identity, until he does', async () => {
		const response = await call(sandbox, 'POST', '/v1/patients/register_pds', {
			body: { nhs_number: '9990002401', dob: '1987-06-06' },
		});
		assert.equal(response.status, 200);
		assert.equal(response.body.message, 'Patient must verify their identity before proceeding');
		assert.match(response.body.login_url, /^http:\/\/127\.0\.0\.1:\d+\/__sandbox\/verify\//);
		assert.equal('patient_id' in response.body, false);
		const verified = await fetch(response.body.login_url);
		assert.equal(verified.status, 200);
		const again = await call(sandbox, 'POST', '/v1/patients/register_pds', {
			body: { nhs_number: '9990002401', dob: '1987-06-06' },
		});
		assert.deepEqual(again.body, { patient_id: '1020' });
	});

	it('answers 404 "No patient found" for an unknown patient or a wrong date of birth', async () => {
		for (const body of [
			{ nhs_number: '9990002827', dob: '1990-01-01' },
			{ nhs_number: '9990001006', dob: '1985-03-15' },
			{ forename: 'Olivia', surname: 'Bennett', dob: '1985-03-14', postcode: 'LS1 1AA' },
		]) {
			const response = await call(sandbox, 'POST', '/v1/patients/register_pds', { body });
			assert.equal(response.status, 404, JSON.stringify(body));
			assert.deepEqual(response.body, {
				error: true,
				statusCode: 404,
				message: 'No patient found',
			});
		}
	});

	it('answers 400 for an NHS number that fails the Modulus 11 check', async () => {
		const response = await call(sandbox, 'POST', '/v1/patients/register_pds', {
			body: { nhs_number: '9990001007', dob: '1985-03-14' },
		});
		assert.equal(response.status, 400);
		assert.deepEqual(response.body.message[0].path, ['nhs_number']);
	});

	it('registers a person PDS knows but the practice does not, once', async () => {
		const first = await call(sandbox, 'POST', '/v1/patients/register_pds', {
			body: { nhs_number: '9990002541', dob: '1999-09-09' },
		});
		assert.deepEqual(first.body, { patient_id: '1021' });
		const second = await call(sandbox, 'POST', '/v1/patients/register_pds', {
			body: { nhs_number: '9990002541', dob: '1999-09-09' },
		});
		assert.deepEqual(second.body, { patient_id: '1021' });
		const patient = await call(sandbox, 'GET', '/v1/patients/1021');
		assert.equal(patient.body.first_name, 'Isla');
		assert.equal(patient.body.data_source, 'pds');
		assert.equal(sandbox.counters().effects.patientsCreated.total, 1);
	});
});

describe('booking with webhooks', () => {
	/** @type {Awaited<ReturnType<typeof startReceiver>>} */
	let receiver;
	before(async () => {
		receiver = await startReceiver();
	});
	after(async () => {
		await receiver.stop();
	});
	beforeEach(() => {
		receiver.received.length = 0;
	});

	/** @param {string} eventType @param {Record<string, unknown>} [extra] */
	async function subscribe(eventType, extra = {}) {
		const response = await call(sandbox, 'POST', '/v1/webhooks', {
			body: { event_type: eventType, url: `${receiver.url}/${eventType}`, ...extra },
		});
		assert.equal(response.status, 200);
		return response.body;
	}

	it('reserves, confirms and cancels, with a signed delivery for each event', async () => {
		const signingKey = 'whsec-sandbox-test';
		const confirmedHook = await subscribe('appointment.confirmed', {
			signing_key: signingKey,
			headers: { 'X-Source': 'hero' },
		});
		await subscribe('appointment.cancelled', { signing_key: signingKey });
		assert.equal(confirmedHook.signing_key, signingKey);

		const slot = await firstSlot(sandbox, { practitioner_id: '22' });
		const before = Date.now();
		const reservation = await reserve(sandbox, slot);
		assert.match(reservation.id, /^\d+$/);
		const holdMs = Date.parse(reservation.reserved_until) - before;
		assert.ok(holdMs > 14 * 60_000 && holdMs <= 15 * 60_000 + 1000, `held for ${holdMs} ms`);
		const stillFree = await call(sandbox, 'GET', '/v1/slots', {
			query: { practitioner_id: '22', page_index: '0', page_size: '100' },
		});
		assert.ok(
			!stillFree.body.data.some((/** @type {any} */ item) => item.id === slot.id),
			'a reserved slot is not listed',
		);
		assert.equal(receiver.received.length, 0, 'reserving sends no event');

		const confirmed = await call(sandbox, 'PATCH', `/v1/appointments/${reservation.id}/book`, {
			body: {},
		});
		assert.equal(confirmed.status, 200);
		assert.equal(confirmed.body.status, 'confirmed');
		assert.equal(confirmed.body.reserved_until, null);
		assert.ok(confirmed.body.booking_confirmed_at);
		await sandbox.settled();
		assert.equal(receiver.received.length, 1);
		const delivery = receiver.received[0];
		assert.equal(delivery.path, '/appointment.confirmed');
		assert.deepEqual(JSON.parse(delivery.rawBody), {
			object: 'Appointment',
			id: reservation.id,
			practice_group_id: '731',
			event: 'appointment.confirmed',
		});
		const timestamp = String(delivery.headers['x-herohealth-timestamp']);
		assert.match(timestamp, /^\d{10}$/);
		assert.ok(Math.abs(Number(timestamp) - Date.now() / 1000) < 5);
		const expected = createHmac('sha256', signingKey)
			.update(`${timestamp}.${delivery.rawBody}`)
			.digest('hex');
		assert.equal(delivery.headers['x-herohealth-signature'], expected);
		assert.equal(delivery.headers['x-source'], 'hero');
		assert.equal(delivery.headers['content-type'], 'application/json');

		const twice = await call(sandbox, 'PATCH', `/v1/appointments/${reservation.id}/book`, {
			body: {},
		});
		assert.equal(twice.status, 400, 'a confirmed appointment cannot be confirmed again');

		const cancelled = await call(sandbox, 'PATCH', `/v1/appointments/${reservation.id}/cancel`, {
			body: { suppress_mail: true },
		});
		assert.equal(cancelled.status, 200);
		assert.equal(cancelled.body.status, 'cancelled');
		await sandbox.settled();
		assert.equal(receiver.received.length, 2);
		assert.equal(JSON.parse(receiver.received[1].rawBody).event, 'appointment.cancelled');
		const status = await call(sandbox, 'GET', `/v1/appointments/${reservation.id}/status`);
		assert.equal(status.body.status, 'cancelled');
		const freeAgain = await call(sandbox, 'GET', `/v1/slots/${slot.id}`);
		assert.equal(freeAgain.body.available, true);

		const deliveries = (await call(sandbox, 'GET', '/__sandbox/deliveries', { auth: false })).body;
		assert.equal(deliveries.count, 2);
		assert.deepEqual(
			deliveries.data.map((/** @type {any} */ item) => [item.event, item.status, item.signed]),
			[
				['appointment.confirmed', 200, true],
				['appointment.cancelled', 200, true],
			],
		);
		const counters = sandbox.counters();
		assert.deepEqual(counters.webhookDeliveries['appointment.confirmed'], {
			total: 1,
			byStatus: { 200: 1 },
		});
		assert.equal(counters.effects.appointmentsConfirmed.byPatient['1001'], 1);
	});

	it('sends unsigned deliveries for a webhook without a signing key, or with signing off', async () => {
		await subscribe('appointment.confirmed');
		const slot = await firstSlot(sandbox);
		const reservation = await reserve(sandbox, slot);
		await call(sandbox, 'PATCH', `/v1/appointments/${reservation.id}/book`);
		await sandbox.settled();
		assert.equal(receiver.received[0].headers['x-herohealth-signature'], undefined);

		sandbox.setConfig({ webhookSigning: false });
		await subscribe('appointment.cancelled', { signing_key: 'k' });
		await call(sandbox, 'PATCH', `/v1/appointments/${reservation.id}/cancel`);
		await sandbox.settled();
		assert.equal(receiver.received[1].headers['x-herohealth-signature'], undefined);
		assert.equal(receiver.received[1].headers['x-herohealth-timestamp'], undefined);
	});

	it('does not confirm an expired reservation', async () => {
		await subscribe('appointment.confirmed');
		const reservation = await reserve(sandbox, await firstSlot(sandbox));
		const expired = await call(
			sandbox,
			'POST',
			`/__sandbox/appointments/${reservation.id}/expire`,
			{ auth: false },
		);
		assert.equal(expired.status, 200);
		const response = await call(sandbox, 'PATCH', `/v1/appointments/${reservation.id}/book`);
		assert.equal(response.status, 400);
		assert.deepEqual(response.body.message[0].path, ['reserved_until']);
		assert.equal(
			(await call(sandbox, 'GET', `/v1/appointments/${reservation.id}`)).body.status,
			'expired',
		);
		await sandbox.settled();
		assert.equal(receiver.received.length, 0);
	});

	it('holds a reservation for reservationSeconds', async () => {
		sandbox.setConfig({ reservationSeconds: 0.05 });
		const reservation = await reserve(sandbox, await firstSlot(sandbox));
		await new Promise((resolve) => setTimeout(resolve, 80));
		assert.equal(
			(await call(sandbox, 'PATCH', `/v1/appointments/${reservation.id}/book`)).status,
			400,
		);
	});

	it('refuses a slot that is taken or does not exist', async () => {
		const slot = await firstSlot(sandbox);
		await reserve(sandbox, slot);
		const again = await call(sandbox, 'POST', '/v1/appointments', {
			body: {
				appointment_type_id: slot.appointment_type_id,
				location_id: slot.location_id,
				practitioner_id: slot.practitioner_id,
				duration: slot.duration,
				start_time: slot.start_time,
			},
		});
		assert.equal(again.status, 400);
		assert.deepEqual(again.body.message[0].path, ['start_time']);
		const nowhere = await call(sandbox, 'POST', '/v1/appointments', {
			body: {
				appointment_type_id: '31',
				location_id: '11',
				practitioner_id: '21',
				duration: 15,
				start_time: '2099-01-01T03:00:00Z',
			},
		});
		assert.equal(nowhere.status, 400);
	});

	it('edits only non-confirmed appointments', async () => {
		const [first, second] = (
			await call(sandbox, 'GET', '/v1/slots', {
				query: { practitioner_id: '21', page_index: '0', page_size: '2' },
			})
		).body.data;
		const reservation = await reserve(sandbox, first);
		const edited = await call(sandbox, 'PUT', `/v1/appointments/${reservation.id}`, {
			body: { start_time: second.start_time, duration: 15, practitioner_id: '21' },
		});
		assert.equal(edited.status, 200);
		assert.equal(edited.body.start_time, second.start_time);
		const confirmedEdit = await call(sandbox, 'PUT', '/v1/appointments/40001', {
			body: { start_time: second.start_time, duration: 15, practitioner_id: '21' },
		});
		assert.equal(confirmedEdit.status, 400);
	});

	it('reschedules a confirmed appointment and says so by webhook', async () => {
		await subscribe('appointment.rescheduled', { signing_key: 'k2' });
		const slot = await firstSlot(sandbox, { practitioner_id: '21' });
		const partial = await call(sandbox, 'PATCH', '/v1/appointments/40001/reschedule', {
			body: { start_time: slot.start_time },
		});
		assert.equal(partial.status, 400, 'Edit Appointment’s fields are required');
		assert.deepEqual(
			partial.body.message.map((/** @type {any} */ issue) => issue.path.join('.')),
			['practitioner_id', 'duration'],
		);
		const response = await call(sandbox, 'PATCH', '/v1/appointments/40001/reschedule', {
			body: { start_time: slot.start_time, duration: slot.duration, practitioner_id: '21' },
		});
		assert.equal(response.status, 200, JSON.stringify(response.body));
		assert.equal(response.body.start_time, slot.start_time);
		await sandbox.settled();
		assert.equal(JSON.parse(receiver.received[0].rawBody).event, 'appointment.rescheduled');
	});

	it('fires the same events for practice-side changes made through the control API', async () => {
		await subscribe('appointment.confirmed');
		await subscribe('appointment.rescheduled');
		await subscribe('appointment.cancelled');
		const reservation = await reserve(sandbox, await firstSlot(sandbox, { practitioner_id: '23' }));
		for (const action of ['confirm', 'reschedule', 'cancel']) {
			const response = await call(
				sandbox,
				'POST',
				`/__sandbox/appointments/${reservation.id}/${action}`,
				{ auth: false },
			);
			assert.equal(response.status, 200, `${action}: ${JSON.stringify(response.body)}`);
		}
		await sandbox.settled();
		assert.deepEqual(
			receiver.received.map((item) => JSON.parse(item.rawBody).event),
			['appointment.confirmed', 'appointment.rescheduled', 'appointment.cancelled'],
		);
		const state = (await call(sandbox, 'GET', '/__sandbox/state', { auth: false })).body;
		const row = state.appointments.find((/** @type {any} */ item) => item.id === reservation.id);
		assert.deepEqual(
			row.history.map((/** @type {any} */ item) => `${item.event}:${item.by}`),
			['reserved:api', 'confirmed:practice', 'rescheduled:practice', 'cancelled:practice'],
		);
	});

	it('records the status a webhook answered, and skips hosts that are not this machine', async () => {
		const failing = await startReceiver(500);
		try {
			await call(sandbox, 'POST', '/v1/webhooks', {
				body: { event_type: 'appointment.cancelled', url: `${failing.url}/hook` },
			});
			await call(sandbox, 'POST', '/v1/webhooks', {
				body: { event_type: 'appointment.cancelled', url: 'https://hooks.example.com/hero' },
			});
			await call(sandbox, 'PATCH', '/v1/appointments/40001/cancel');
			await sandbox.settled();
			const outcomes = sandbox
				.deliveries()
				.map((item) => [
					item.url.startsWith('https') ? 'external' : 'local',
					item.status,
					item.skipped !== null,
				]);
			assert.deepEqual(outcomes, [
				['local', 500, false],
				['external', null, true],
			]);
		} finally {
			await failing.stop();
		}
	});
});

describe('messages', () => {
	it('stores a sent message and shows its write-to-record status', async () => {
		const sent = await call(sandbox, 'POST', '/v1/messages/send', {
			body: {
				patient_id: '1001',
				message_type: 'sms',
				message_string: 'Your results are ready',
				write_to_record: true,
			},
		});
		assert.equal(sent.status, 200);
		assert.match(sent.body.message_id, /^\d+$/);
		assert.equal(sent.body.content, 'Your results are ready');
		assert.equal(sent.body.snomed_code, '279991000000102');
		assert.equal(sent.body.write_to_record, true);
		assert.ok(sent.body.created_at);
		const message = await call(sandbox, 'GET', `/v1/messages/${sent.body.message_id}`);
		assert.equal(message.body.patient.id, '1001');
		assert.equal(message.body.write_to_record.status, 'awaiting_approval');
		assert.equal(message.body.status, 'delivered');
		await call(sandbox, 'POST', `/__sandbox/messages/${sent.body.message_id}/write-to-record`, {
			auth: false,
			body: { outcome: 'succeeded' },
		});
		const written = await call(sandbox, 'GET', `/v1/messages/${sent.body.message_id}`);
		assert.equal(written.body.write_to_record.status, 'succeeded');
		assert.ok(written.body.write_to_record.write_to_record_at);
	});

	it('takes the mobile from the record, and says when there is none', async () => {
		const ok = await call(sandbox, 'POST', '/v1/messages/send', {
			body: { patient_id: '1002', message_type: 'sms', message_string: 'Hi' },
		});
		assert.equal(
			(await call(sandbox, 'GET', `/v1/messages/${ok.body.message_id}`)).body
				.recipient_contact_detail,
			'07700900002',
		);
		const none = await call(sandbox, 'POST', '/v1/messages/send', {
			body: { patient_id: '1019', message_type: 'sms', message_string: 'Hi' },
		});
		assert.equal(none.status, 400);
		assert.deepEqual(none.body.message[0].path, ['recipient_contact_detail']);
		const unknown = await call(sandbox, 'POST', '/v1/messages/send', {
			body: { patient_id: '9999', message_type: 'sms', message_string: 'Hi' },
		});
		assert.equal(unknown.status, 404);
	});

	it('counts messages sent, per patient', async () => {
		for (const patientId of ['1001', '1001', '1005']) {
			await call(sandbox, 'POST', '/v1/messages/send', {
				body: { patient_id: patientId, message_type: 'hero', message_string: 'Hello' },
			});
		}
		assert.deepEqual(sandbox.counters().messagesSent, {
			total: 3,
			byPatient: { 1001: 2, 1005: 1 },
		});
	});
});

describe('rate limit', () => {
	it('answers 429 with Retry-After once the bucket is empty', async () => {
		sandbox.setConfig({ rateLimitPerSecond: 5, retryAfterSeconds: 2 });
		const responses = await Promise.all(
			Array.from({ length: 10 }, () => call(sandbox, 'GET', '/v1/me')),
		);
		const limited = responses.filter((response) => response.status === 429);
		assert.equal(responses.filter((response) => response.status === 200).length, 5);
		assert.equal(limited.length, 5);
		assert.equal(limited[0].headers.get('retry-after'), '2');
		assert.deepEqual(limited[0].body, {
			error: true,
			statusCode: 429,
			message: 'Too Many Requests',
		});
		assert.equal(sandbox.counters().rateLimited, 5);
		await new Promise((resolve) => setTimeout(resolve, 450));
		assert.equal((await call(sandbox, 'GET', '/v1/me')).status, 200, 'the bucket refills');
	});

	it('answers 429 without Retry-After when retryAfterSeconds is null', async () => {
		sandbox.setConfig({ rateLimitPerSecond: 1, retryAfterSeconds: null });
		await call(sandbox, 'GET', '/v1/me');
		const limited = await call(sandbox, 'GET', '/v1/me');
		assert.equal(limited.status, 429);
		assert.equal(limited.headers.get('retry-after'), null);
	});

	it('does not process a rate-limited request', async () => {
		sandbox.setConfig({ rateLimitPerSecond: 1 });
		const body = { patient_id: '1001', message_type: 'hero', message_string: 'Hello' };
		const statuses = [];
		for (let i = 0; i < 3; i++)
			statuses.push((await call(sandbox, 'POST', '/v1/messages/send', { body })).status);
		assert.deepEqual(statuses, [200, 429, 429]);
		assert.equal(sandbox.counters().messagesSent.total, 1);
	});
});

describe('faults and dropped connections', () => {
	it('answers 503 before processing', async () => {
		sandbox.setConfig({ faultRate: 1 });
		const response = await call(sandbox, 'POST', '/v1/messages/send', {
			body: { patient_id: '1001', message_type: 'hero', message_string: 'Hello' },
		});
		assert.equal(response.status, 503);
		assert.deepEqual(response.body, {
			error: true,
			statusCode: 503,
			message: 'Service temporarily unavailable',
		});
		assert.equal(sandbox.counters().messagesSent.total, 0);
		assert.equal(sandbox.counters().faults, 1);
	});

	it('drops the connection after processing: the work is done, the client gets no answer', async () => {
		sandbox.setConfig({ dropRate: 1 });
		await assert.rejects(
			call(sandbox, 'POST', '/v1/messages/send', {
				body: { patient_id: '1001', message_type: 'hero', message_string: 'Hello' },
			}),
		);
		sandbox.setConfig({ dropRate: 0 });
		const counters = sandbox.counters();
		assert.equal(counters.messagesSent.total, 1);
		assert.equal(counters.dropped, 1);
		assert.equal(counters.requests['POST /v1/messages/send'].dropped, 1);
		const list = await call(sandbox, 'GET', '/v1/messages', {
			query: { page_index: '0', page_size: '10' },
		});
		assert.equal(list.body.count, 1);
	});

	it('faults and drops exactly the next N requests with faultNext / dropNext', async () => {
		sandbox.setConfig({ faultNext: 2 });
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await call(sandbox, 'GET', '/v1/me')).status);
		assert.deepEqual(statuses, [503, 503, 200]);
		sandbox.setConfig({ dropNext: 1 });
		await assert.rejects(call(sandbox, 'GET', '/v1/me'));
		assert.equal((await call(sandbox, 'GET', '/v1/me')).status, 200);
	});

	it('repeats the same random fault pattern for the same seed', async () => {
		/** @returns {Promise<number[]>} */
		const pattern = async () => {
			sandbox.reset();
			sandbox.setConfig({ faultRate: 0.5, seed: 7 });
			const statuses = [];
			for (let i = 0; i < 12; i++) statuses.push((await call(sandbox, 'GET', '/v1/me')).status);
			return statuses;
		};
		const first = await pattern();
		assert.deepEqual(await pattern(), first);
		assert.ok(first.includes(503) && first.includes(200));
	});
});

describe('counters', () => {
	it('counts per route and status, and the most requests in flight at once', async () => {
		sandbox.setConfig({ latencyMs: 60 });
		const started = Date.now();
		await Promise.all(Array.from({ length: 6 }, () => call(sandbox, 'GET', '/v1/me')));
		assert.ok(Date.now() - started >= 55, 'latency is added');
		await call(sandbox, 'GET', '/v1/patients/9999');
		await call(sandbox, 'GET', '/v1/patients/1001');
		const counters = (await call(sandbox, 'GET', '/__sandbox/counters', { auth: false })).body;
		assert.deepEqual(counters.requests['GET /v1/me'], {
			received: 6,
			answered: { 200: 6 },
			dropped: 0,
		});
		assert.deepEqual(counters.requests['GET /v1/patients/{id}'], {
			received: 2,
			answered: { 200: 1, 404: 1 },
			dropped: 0,
		});
		assert.equal(counters.received, 8);
		assert.equal(counters.maxInFlight, 6);
		assert.equal(counters.inFlight, 0);
		// Timed by the sandbox's clock: six at once for 60 ms, then two one after the other.
		const { firstReceivedMs, lastAnsweredMs, inFlightMs, serverMs, connections } = counters.timing;
		const window = lastAnsweredMs - firstReceivedMs;
		assert.ok(window >= 3 * 55, `window ${window} ms covers three rounds of 60 ms`);
		assert.ok(
			serverMs >= 8 * 55 && serverMs <= inFlightMs + 1,
			`serverMs ${serverMs}, inFlightMs ${inFlightMs}`,
		);
		assert.ok(
			Math.abs(inFlightMs - serverMs) < 1,
			'the integral of in flight is the sum of request times',
		);
		assert.ok(connections >= 1 && connections <= 8, `connections ${connections}`);
	});

	it('changes knobs through the control API and refuses unknown ones', async () => {
		const changed = await call(sandbox, 'POST', '/__sandbox/config', {
			auth: false,
			body: { latencyMs: 5, retryAfterSeconds: null },
		});
		assert.equal(changed.status, 200);
		assert.equal(changed.body.latencyMs, 5);
		assert.equal(changed.body.retryAfterSeconds, null);
		const unknown = await call(sandbox, 'POST', '/__sandbox/config', {
			auth: false,
			body: { latency: 5 },
		});
		assert.equal(unknown.status, 400);
		const bad = await call(sandbox, 'POST', '/__sandbox/config', {
			auth: false,
			body: { faultRate: 2 },
		});
		assert.equal(bad.status, 400);
	});
});

describe('reset', () => {
	it('puts the state back to the seed, zeroes the counters and restores the knobs', async () => {
		await call(sandbox, 'POST', '/v1/messages/send', {
			body: { patient_id: '1001', message_type: 'hero', message_string: 'Hello' },
		});
		await call(sandbox, 'POST', '/v1/patients/register_pds', {
			body: { nhs_number: '9990002479', dob: '2015-04-22' },
		});
		await reserve(sandbox, await firstSlot(sandbox));
		await call(sandbox, 'POST', '/v1/webhooks', {
			body: { event_type: 'appointment.confirmed', url: 'http://127.0.0.1:9/x' },
		});
		sandbox.setConfig({ latencyMs: 10, faultRate: 0.1 });
		const reset = await call(sandbox, 'POST', '/__sandbox/reset', { auth: false });
		assert.equal(reset.status, 200);
		const state = (await call(sandbox, 'GET', '/__sandbox/state', { auth: false })).body;
		assert.equal(state.messages.length, 0);
		assert.equal(state.webhooks.length, 0);
		assert.equal(state.patients.length, 20);
		assert.deepEqual(
			state.appointments.map((/** @type {any} */ item) => item.id),
			['40001', '40002'],
		);
		const counters = sandbox.counters();
		assert.equal(counters.received, 0);
		assert.equal(counters.messagesSent.total, 0);
		assert.deepEqual(counters.requests, {});
		assert.equal(reset.body.config.latencyMs, 0);
		assert.equal(reset.body.config.faultRate, 0);
		// IDs start again from the seed's.
		const sent = await call(sandbox, 'POST', '/v1/messages/send', {
			body: { patient_id: '1001', message_type: 'hero', message_string: 'Hello' },
		});
		assert.equal(sent.body.message_id, '70001');
	});

	it('keeps the state object the same across resets', () => {
		const { state } = sandbox;
		sandbox.reset();
		assert.equal(sandbox.state, state);
		assert.equal(state.patients.size, 20);
	});
});

const spec = await loadSpec();

describe('subscriptions, links and invoices (December 2026 reference)', () => {
	it('lists patients’ subscriptions filtered by patient, scheme and status, sorted by created_at', async () => {
		const page = { page_index: '0', page_size: '10' };
		const byPatient = await call(sandbox, 'GET', '/v1/subscriptions', {
			query: { ...page, patient_id: '1001' },
		});
		assert.deepEqual(
			byPatient.body.data.map((/** @type {any} */ item) => item.id),
			['1501'],
		);
		const cancelled = await call(sandbox, 'GET', '/v1/subscriptions', {
			query: { ...page, status: 'cancelled', scheme_name: 'family membership' },
		});
		assert.deepEqual(
			cancelled.body.data.map((/** @type {any} */ item) => item.id),
			['1502'],
		);
		const newest = await call(sandbox, 'GET', '/v1/subscriptions', {
			query: { ...page, 'order_by[]': 'created_at', 'order_descending[]': 'true' },
		});
		assert.deepEqual(
			newest.body.data.map((/** @type {any} */ item) => item.id),
			['1503', '1502', '1501'],
		);
		assert.equal(newest.body.count, 3);
	});

	it('says whether a link was used, found by URL or ID', async () => {
		const link = (
			await call(sandbox, 'POST', '/v1/booking_links', { body: { appointment_type_id: '31' } })
		).body;
		const byUrl = await call(sandbox, 'GET', '/v1/links/status', { query: { url: link.url } });
		assert.equal(byUrl.status, 200);
		assert.deepEqual([byUrl.body.status, byUrl.body.type], ['unused', 'booking']);
		const byId = await call(sandbox, 'GET', '/v1/links/status', { query: { id: link.id } });
		assert.equal(byId.body.reference[0].id, link.id);
		const missing = await call(sandbox, 'GET', '/v1/links/status', { query: { id: '9' } });
		assert.equal(missing.status, 404);
	});

	it('creates an invoice with 201; a finalised one refuses changes other than memo, footer and coupons', async () => {
		const created = await call(sandbox, 'POST', '/v1/invoicing/invoices', {
			body: {
				issuer_id: '731',
				collection_method: 'request_payment',
				mode: 'finalize',
				invoice_items_attributes: [{ product_id: 'prod_001', quantity: 1 }],
			},
		});
		assert.equal(created.status, 201);
		assert.equal(created.body.status, 'open');
		const path = `/v1/invoicing/invoices/${created.body.id}`;
		const refused = await call(sandbox, 'PATCH', path, {
			body: { memo: 'Thanks', collection_method: 'charge_automatically' },
		});
		assert.equal(refused.status, 400);
		assert.deepEqual(refused.body.message[0].path, ['collection_method']);
		assert.equal(sandbox.state.invoices.get(created.body.id).memo, null, 'nothing changed');
		const allowed = await call(sandbox, 'PATCH', path, {
			body: { memo: 'Thanks', footer: 'Riverside', coupons: ['coupon_10OFF'] },
		});
		assert.equal(allowed.status, 200);
		assert.deepEqual(
			[allowed.body.memo, allowed.body.footer, allowed.body.coupons],
			['Thanks', 'Riverside', ['coupon_10OFF']],
		);
		const noIssuer = await call(sandbox, 'POST', '/v1/invoicing/invoices', { body: {} });
		assert.equal(noIssuer.status, 400);
		assert.equal(sandbox.counters().effects.invoicesCreated.total, 1);
	});

	it('a draft invoice takes any change; an unknown one is a 404', async () => {
		const created = await call(sandbox, 'POST', '/v1/invoicing/invoices', {
			body: { issuer_id: '731', mode: 'draft', invoice_items_attributes: [] },
		});
		assert.equal(created.body.status, 'draft');
		const changed = await call(sandbox, 'PATCH', `/v1/invoicing/invoices/${created.body.id}`, {
			body: { collection_method: 'charge_automatically' },
		});
		assert.equal(changed.body.collection_method, 'charge_automatically');
		const missing = await call(sandbox, 'PATCH', '/v1/invoicing/invoices/1', { body: {} });
		assert.equal(missing.status, 404);
	});
});

describe('every endpoint the node calls', () => {
	const today = new Date().toISOString().slice(0, 10);
	const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
	const send = {
		patient_id: '1001',
		message_type: 'sms',
		message_string: 'Hello',
		write_to_record: true,
	};
	const batch = {
		name: 'Flu',
		channel: 'SMS',
		content: 'Book your flu jab',
		recipients: [
			{ nhs_number: '9990001006', dob: '1985-03-14' },
			{ nhs_number: '9990002827', dob: '1990-01-01' },
		],
	};

	/**
	 * A valid request for each endpoint key, against a freshly reset sandbox.
	 * @type {Record<string, (sandbox: Sandbox) => Promise<{ params?: Record<string, string>, query?: Record<string, string | string[]>, body?: unknown }> | { params?: Record<string, string>, query?: Record<string, string | string[]>, body?: unknown }>}
	 */
	const samples = {
		'practiceGroup.get': () => ({}),
		'practiceGroup.update': () => ({
			body: { name: 'Renamed Practice', address: { postcode: 'LS5 3AA' } },
		}),
		'practiceGroup.getCapabilities': () => ({}),
		'practiceGroup.getConfiguration': () => ({}),
		'practiceGroup.getElements': () => ({}),
		'practiceGroup.getSmsCredits': () => ({}),
		'practiceGroup.getNetwork': () => ({}),
		'practiceGroup.createAccessToken': () => ({}),
		'practiceGroup.getAppointmentTypes': () => ({
			query: { 'location_ids[]': ['11', '12'], has_availability: 'true' },
		}),
		'practiceGroup.getLocations': () => ({ query: { appointment_type_ids: '31' } }),
		'practiceGroup.getPractitioners': () => ({ query: { location_ids: '11' } }),
		'practiceGroup.getPractitioner': () => ({ params: { id: '21' } }),
		'patient.pdsLookup': () => ({ body: { nhs_number: '9990001006', dob: '1985-03-14' } }),
		'patient.register': () => ({
			body: { nhs_number: '9990001073', dob: '1972-11-02', first_name: 'James' },
		}),
		'patient.get': () => ({ params: { id: '1001' } }),
		'patient.getV2': () => ({ params: { id: '1001' }, query: { data_source: 'hero' } }),
		'patient.getAll': () => ({
			query: { search: 'Bennett', field: 'last_name', page_index: '0', page_size: '10' },
		}),
		'patient.getAttachments': () => ({ params: { id: '1001' } }),
		'patient.getEhrCandidates': () => ({ params: { id: '1001' } }),
		'patient.connectEhr': () => ({ params: { id: '1001' }, body: { ehr_partner_id: 'EMIS-1' } }),
		'patient.previewMerge': () => ({ params: { id: '1002' }, body: { patient_id: '1003' } }),
		'patient.merge': () => ({ params: { id: '1002' }, body: { merge_token: 'merge_1002_1003' } }),
		'patient.getBillingInfo': () => ({ params: { id: '1001' } }),
		'patient.getPaymentMethods': () => ({ params: { id: '1001' } }),
		'message.send': () => ({ body: send }),
		'message.get': async (sb) => ({
			params: { id: (await call(sb, 'POST', '/v1/messages/send', { body: send })).body.message_id },
		}),
		'message.getAll': async (sb) => {
			await call(sb, 'POST', '/v1/messages/send', { body: send });
			return { query: { page_index: '0', page_size: '10' } };
		},
		'message.getStatus': async (sb) => ({
			params: { id: (await call(sb, 'POST', '/v1/messages/send', { body: send })).body.message_id },
		}),
		'message.createBatch': () => ({ body: batch }),
		'message.getAllBatches': async (sb) => {
			await call(sb, 'POST', '/v1/batch_message', { body: batch });
			return { query: { page_index: '0', page_size: '10', status: 'CREATED' } };
		},
		'message.getBatch': async (sb) => ({
			params: { id: (await call(sb, 'POST', '/v1/batch_message', { body: batch })).body.id },
		}),
		'message.sendBatch': async (sb) => ({
			params: { id: (await call(sb, 'POST', '/v1/batch_message', { body: batch })).body.id },
		}),
		'message.getBatchRecipients': async (sb) => ({
			params: { id: (await call(sb, 'POST', '/v1/batch_message', { body: batch })).body.id },
			query: { page_index: '0', page_size: '10' },
		}),
		'message.getBatchMessages': async (sb) => {
			const id = (await call(sb, 'POST', '/v1/batch_message', { body: batch })).body.id;
			await call(sb, 'PATCH', `/v1/batch_message/${id}/send`);
			return { params: { id }, query: { page_index: '0', page_size: '10' } };
		},
		'message.getTemplates': () => ({ query: { has_follow_up: 'false' } }),
		'message.getAutomatedMessages': () => ({
			query: { orderBy: 'name', order_descending: 'true', page_index: '0', page_size: '10' },
		}),
		'message.getAutomatedMessage': () => ({ params: { id: '351' } }),
		'booking.getSlots': () => ({
			query: {
				location_id: '11',
				start_date: today,
				end_date: nextMonth,
				page_index: '0',
				page_size: '10',
			},
		}),
		'booking.getSlot': () => ({ params: { id: '50001' } }),
		'booking.countSlots': () => ({ query: { appointment_type_id: '31' } }),
		'booking.reserve': async (sb) => {
			const slot = await firstSlot(sb);
			return {
				body: {
					appointment_type_id: slot.appointment_type_id,
					location_id: slot.location_id,
					practitioner_id: slot.practitioner_id,
					duration: slot.duration,
					start_time: slot.start_time,
					patient_id: '1001',
				},
			};
		},
		'booking.confirm': async (sb) => ({
			params: { id: (await reserve(sb, await firstSlot(sb))).id },
			body: {},
		}),
		'booking.get': () => ({ params: { id: '40001' } }),
		'booking.update': async (sb) => {
			const [first, second] = (
				await call(sb, 'GET', '/v1/slots', {
					query: { practitioner_id: '22', page_index: '0', page_size: '2' },
				})
			).body.data;
			const { id } = await reserve(sb, first);
			return {
				params: { id },
				body: { start_time: second.start_time, duration: second.duration, practitioner_id: '22' },
			};
		},
		'booking.cancel': () => ({ params: { id: '40001' }, body: { suppress_mail: true } }),
		'booking.reschedule': async (sb) => {
			const slot = await firstSlot(sb, { practitioner_id: '21' });
			return {
				params: { id: '40001' },
				body: { start_time: slot.start_time, duration: slot.duration, practitioner_id: '21' },
			};
		},
		'booking.getStatus': () => ({ params: { id: '40001' } }),
		'booking.getBookingLinks': async (sb) => {
			await call(sb, 'POST', '/v1/booking_links', { body: { appointment_type_id: '31' } });
			return { query: { page_index: '0', page_size: '10' } };
		},
		'bookingHca.searchConsultants': () => ({
			query: { search: 'finch', fields: ['first_name', 'last_name'] },
		}),
		'bookingHca.getConsultant': () => ({ params: { gmc_number: '7000001' } }),
		'link.createBookingLink': () => ({
			body: {
				appointment_type_id: '31',
				location_id: '11',
				patient_id: '1001',
				from_date: today,
				to_date: nextMonth,
				expiry_date: nextMonth,
				maximum_use_count: 1,
			},
		}),
		'link.updateBookingLink': async (sb) => ({
			params: {
				id: (await call(sb, 'POST', '/v1/booking_links', { body: { appointment_type_id: '31' } }))
					.body.id,
			},
			body: { to_date: nextMonth },
		}),
		'link.createAttachmentLink': () => ({
			body: {
				ehr_file_id: 'EHR-FILE-1601',
				patient_id: '1001',
				expiry_date: nextMonth,
				maximum_use_count: 1,
			},
		}),
		'link.createFormLink': () => ({ body: { form_id: '401', patient_id: '1001' } }),
		'episode.getAll': () => ({
			query: {
				'status[]': ['open', 'in_progress'],
				'order_by[]': 'priority',
				'order_descending[]': 'true',
				page_index: '0',
				page_size: '10',
			},
		}),
		'episode.getAllV2': () => ({ query: { page_index: '0', page_size: '10' } }),
		'episode.get': () => ({ params: { id: '901' } }),
		'episode.createNote': () => ({
			body: { episode_id: '901', description: 'Called the patient back' },
		}),
		'careNavigation.getPathways': () => ({ query: { page_index: '0', page_size: '10' } }),
		'careNavigation.getSubmissions': () => ({ query: { page_index: '0', page_size: '10' } }),
		'careNavigation.getSubmission': () => ({ params: { id: '1301' } }),
		'consultation.getAll': () => ({ query: { page_index: '0', page_size: '10' } }),
		'consultation.get': () => ({ params: { id: '1401' } }),
		'prescription.get': () => ({ params: { id: '9921' } }),
		'prescription.getPrescriber': () => ({ params: { id: '602' } }),
		'prescription.getPrescriberPharmacies': () => ({ params: { id: '602' } }),
		'prescription.createPharmacy': () => ({
			body: {
				name: 'Town Pharmacy',
				email: 'town@example.com',
				mobile: '07700900600',
				prescriber_id: '602',
			},
		}),
		'writeToRecord.getStatus': async (sb) => ({
			params: { id: (await call(sb, 'POST', '/v1/messages/send', { body: send })).body.message_id },
		}),
		'admin.getAll': () => ({
			query: {
				order_by: 'first_name',
				order_descending: 'false',
				page_index: '0',
				page_size: '10',
			},
		}),
		'admin.update': () => ({ params: { id: '601' }, body: { external_prescriber_id: 'RX-601' } }),
		'admin.upsertSignature': () => ({ body: { signature: 'data:image/png;base64,AAAA' } }),
		'apiKey.getAll': () => ({ query: { page_index: '0', page_size: '10' } }),
		'apiKey.revoke': () => ({ params: { id: '82' } }),
		'task.get': () => ({ params: { id: '7001' } }),
		'task.update': () => ({
			params: { id: '7001' },
			body: { status: 'closed', assignee_type: 'admin', assignee_id: '601' },
		}),
		'partner.getHeidiToken': () => ({}),
		'form.getAll': () => ({ query: { form_type: 'questionnaire', reply_form: 'false' } }),
		'form.get': () => ({ params: { id: '401' } }),
		'formResponse.get': () => ({ params: { id: '801' } }),
		'formResponse.create': () => ({
			body: {
				form_id: 401,
				client_id: 1001,
				answers: [{ form_question_id: '4011', value: 'Never' }],
			},
		}),
		'formResponse.update': () => ({ params: { id: '801' }, body: { hidden: true } }),
		'subscription.getAll': () => ({
			query: {
				patient_id: '1001',
				status: 'active',
				'order_by[]': 'created_at',
				'order_descending[]': 'true',
				page_index: '0',
				page_size: '10',
			},
		}),
		'subscription.getAllSubscribers': () => ({ query: { page_index: '0', page_size: '10' } }),
		'link.getStatus': async (sb) => ({
			query: {
				url: (await call(sb, 'POST', '/v1/booking_links', { body: { appointment_type_id: '31' } }))
					.body.url,
			},
		}),
		'link.createVideoLink': () => ({ body: { patient_id: '1001', appointment_id: '40001' } }),
		'episode.update': () => ({
			params: { id: '901' },
			body: {
				status: 'in_progress',
				assignees: [{ type: 'Admin', id: '601', name: 'Helen Marsh' }],
			},
		}),
		'invoicing.getDefaultCustomer': () => ({ query: { patient_id: '1001' } }),
		'invoicing.createInvoice': () => ({
			body: {
				issuer_id: '731',
				collection_method: 'request_payment',
				mode: 'draft',
				invoice_items_attributes: [{ product_id: 'prod_001', quantity: 1 }],
			},
		}),
		'invoicing.updateInvoice': async (sb) => ({
			params: {
				id: (
					await call(sb, 'POST', '/v1/invoicing/invoices', {
						body: { issuer_id: '731', mode: 'draft', invoice_items_attributes: [] },
					})
				).body.id,
			},
			body: { memo: 'Thank you' },
		}),
		'invoicing.linkInvoice': () => ({
			body: { stripe_invoice_id: 'in_1', appointment_id: '40001', issuer_id: '731' },
		}),
		'webhook.create': () => ({
			body: {
				event_type: 'appointment.confirmed',
				url: 'http://127.0.0.1:9/hook',
				signing_key: 'k',
				headers: { 'X-A': 'b' },
			},
		}),
		'webhook.getAll': async (sb) => {
			await call(sb, 'POST', '/v1/webhooks', {
				body: { event_type: 'appointment.confirmed', url: 'http://127.0.0.1:9/hook' },
			});
			return { query: { event_type: 'appointment.confirmed', page_index: '0', page_size: '10' } };
		},
		'webhook.delete': async (sb) => ({
			params: {
				id: (
					await call(sb, 'POST', '/v1/webhooks', {
						body: { event_type: 'appointment.confirmed', url: 'http://127.0.0.1:9/hook' },
					})
				).body.id,
			},
		}),
		'invoicing.getCoupons': () => ({}),
		'invoicing.getCustomers': () => ({ query: { query: 'olivia' } }),
		'invoicing.createCustomer': () => ({
			body: { name: 'Test Customer', email: 'test@example.com' },
		}),
		'invoicing.getProducts': () => ({}),
		'invoicing.getMembershipSchemes': () => ({}),
		'utility.lookupAddress': () => ({ query: { postcode: 'LS1 4AP' } }),
		'utility.validateSnomedCode': () => ({ params: { code: '279991000000102' } }),
	};

	it('has a sample request for every endpoint, and a handler wherever the spec cannot answer alone', async () => {
		const endpoints = await loadEndpoints();
		// A read the spec describes is answered from its response schema; a write (it changes state)
		// or an endpoint the spec does not describe (inferred) needs a handler.
		const missingHandlers = endpoints
			.filter(
				(endpoint) =>
					!handlers[endpoint.key] &&
					(endpoint.method !== 'GET' ||
						!spec.operations.has(operationKey(endpoint.method, endpoint.path))),
			)
			.map((endpoint) => endpoint.key);
		const missingSamples = endpoints
			.filter((endpoint) => !samples[endpoint.key])
			.map((endpoint) => endpoint.key);
		assert.deepEqual(missingHandlers, [], 'add a handler in sandbox/handlers/<resource>.mjs');
		assert.deepEqual(missingSamples, [], 'add a sample request in sandbox/sandbox.test.mjs');
	});

	it('answers a read without a handler from the spec’s response schema', async () => {
		const answered = await call(sandbox, 'GET', '/v1/me/capabilities');
		assert.equal(handlers['practiceGroup.getCapabilities'], undefined);
		assert.equal(answered.status, 200);
		assert.ok(Array.isArray(answered.body.capabilities));
		const operation = spec.operations.get(operationKey('GET', '/v1/me/capabilities'));
		assert.ok(operation);
		assert.deepEqual(spec.validateResponse(operation, answered.body), []);
		assert.notDeepEqual(spec.validateResponse(operation, { capabilities: 'sms' }), []);
	});

	/** Endpoints Hero answers 201 Created. */
	const CREATED = new Set(['invoicing.createInvoice']);

	it('answers each with 200 (201 where Hero does) and a body that fits the spec’s response schema', async () => {
		const endpoints = await loadEndpoints();
		/** @type {string[]} */
		const failures = [];
		for (const endpoint of endpoints) {
			const sample = samples[endpoint.key];
			if (!sample) continue;
			sandbox.reset();
			const request = await sample(sandbox);
			const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name) =>
				encodeURIComponent(String(request.params?.[name])),
			);
			const response = await call(sandbox, endpoint.method, path, {
				query: request.query,
				body: request.body,
			});
			const expected = CREATED.has(endpoint.key) ? 201 : 200;
			if (response.status !== expected) {
				failures.push(`${endpoint.key}: ${response.status} ${JSON.stringify(response.body)}`);
				continue;
			}
			if (endpoint.paged) {
				if (!Array.isArray(response.body?.data) || typeof response.body?.count !== 'number') {
					failures.push(`${endpoint.key}: paged answer is not {data, count}`);
				}
			}
			const operation = spec.operations.get(operationKey(endpoint.method, endpoint.path));
			if (operation) {
				const issues = spec.validateResponse(operation, response.body, expected);
				if (issues.length)
					failures.push(`${endpoint.key}: response breaks the spec: ${JSON.stringify(issues)}`);
			}
		}
		assert.deepEqual(failures, []);
	});

	it('serves the spec operations and lists its routes', async () => {
		const routes = (await call(sandbox, 'GET', '/__sandbox/endpoints', { auth: false })).body;
		const served = new Set(
			routes.map((/** @type {any} */ route) => operationKey(route.method, route.path)),
		);
		for (const key of spec.operations.keys()) assert.ok(served.has(key), key);
		assert.ok(
			routes.some(
				(/** @type {any} */ route) =>
					route.path === '/v1/appointments/{id}/book' && route.inferred && !route.inSpec,
			),
		);
	});
});

describe('cli', () => {
	it('prints {url, apiKey, practiceGroupId}, serves, logs requests and stops on SIGTERM', async () => {
		const cli = fileURLToPath(new URL('./cli.mjs', import.meta.url));
		const child = spawn(
			process.execPath,
			[cli, '--port', '0', '--latency', '1', '--rate-limit', '100', '--retry-after', 'none'],
			{
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		const exited = new Promise((resolve) =>
			child.on('exit', (code, signal) => resolve({ code, signal })),
		);
		try {
			const lines = createInterface({
				input: /** @type {import('node:stream').Readable} */ (child.stdout),
			})[Symbol.asyncIterator]();
			const first = JSON.parse(String((await lines.next()).value));
			assert.match(first.url, /^http:\/\/127\.0\.0\.1:\d+$/);
			assert.deepEqual(
				{ apiKey: first.apiKey, practiceGroupId: first.practiceGroupId },
				{ apiKey: 'sandbox-api-key', practiceGroupId: '731' },
			);
			const me = await fetch(`${first.url}/v1/me`, {
				headers: { 'x-api-key': first.apiKey, 'x-practice-group-id': first.practiceGroupId },
			});
			assert.equal(me.status, 200);
			assert.match(String((await lines.next()).value), /GET \/v1\/me 200 \d+ms$/);
			const config = await (await fetch(`${first.url}/__sandbox/config`)).json();
			assert.deepEqual(
				[config.latencyMs, config.rateLimitPerSecond, config.retryAfterSeconds],
				[1, 100, null],
			);
		} finally {
			child.kill('SIGTERM');
		}
		assert.deepEqual(await exited, { code: 0, signal: null });
	});

	it('refuses an unknown flag', async () => {
		const cli = fileURLToPath(new URL('./cli.mjs', import.meta.url));
		const child = spawn(process.execPath, [cli, '--latncy', '5'], { stdio: 'ignore' });
		const code = await new Promise((resolve) => child.on('exit', resolve));
		assert.equal(code, 2);
	});
});
