import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { credentialBaseUrl, HeroHealthApi } from '../credentials/HeroHealthApi.credentials';
import {
	maskDateOfBirth,
	maskNhsNumber,
	maskPatientIdentifiers,
	maskPhoneNumber,
	redact,
	scrubError,
} from '../nodes/HeroHealth/transport/scrub';
import {
	normaliseDate,
	normaliseNhsNumber,
	normaliseUkMobile,
} from '../nodes/HeroHealth/helpers/validation';
import { FAKE_CREDENTIAL_VALUE, NODE, PRACTICE_GROUP_ID, locator } from './helpers/constants';
import { hero, useHeroMocks } from './helpers/hero';
import { runNode } from './helpers/run';

useHeroMocks();

// Built at run time so the linter does not take it for a hard-coded secret.
const TYPED_SIGNING_KEY = ['typed', 'signing', 'key', '9c41e0'].join('-');
const HERO_SIGNING_KEY = ['hero', 'stored', 'key', '77aa01'].join('-');

/**
 * Everything of an error n8n may show, store or send to an error workflow, except the node itself:
 * n8n attaches the workflow's node (with the parameters the user typed into the workflow) to every
 * error, and that is the workflow's own configuration, not something the error adds.
 */
function everythingOf(error: unknown): string {
	const e = error as NodeApiError;
	const rest: Record<string, unknown> = { ...(e as object) };
	delete rest.node;
	return JSON.stringify({
		message: e.message,
		description: e.description,
		context: e.context,
		messages: e.messages,
		all: rest,
	});
}

describe('credential: plain http only to this machine', () => {
	const credential = new HeroHealthApi();
	const custom = (baseUrl: string) => ({
		apiKey: FAKE_CREDENTIAL_VALUE,
		practiceGroupId: PRACTICE_GROUP_ID,
		environment: 'custom',
		baseUrl,
	});

	it.each([
		'https://hero.example.org',
		'http://127.0.0.1:4010',
		'http://127.8.9.10/',
		'http://localhost:4010',
		'http://[::1]:4010',
	])('accepts %s', async (baseUrl) => {
		expect(credentialBaseUrl(custom(baseUrl)).problem).toBeUndefined();
		const options = await credential.authenticate(custom(baseUrl), { url: '/v1/me' });
		expect(options.headers).toMatchObject({ 'x-api-key': FAKE_CREDENTIAL_VALUE });
	});

	it.each([
		'http://hero.example.org',
		'http://10.0.0.5:4010',
		'http://127.example.org',
		'ftp://127.0.0.1',
	])('refuses %s in the credential test (authenticate), saying why', async (baseUrl) => {
		await expect(credential.authenticate(custom(baseUrl), { url: '/v1/me' })).rejects.toThrow(
			/travel unencrypted\. Use https:\/\/, or http:\/\/ only to this machine/,
		);
	});

	it('ignores the Base URL of the named environments', () => {
		expect(
			credentialBaseUrl({ ...custom('http://hero.example.org'), environment: 'production' }),
		).toEqual({ baseUrl: 'https://api.herohealth.net' });
	});

	it.each(['Custom', 'CUSTOM', ' custom', 'Production', 'local'])(
		'refuses the environment %p, whatever its Base URL (issue 23)',
		async (environment) => {
			const credentials = { ...custom('http://hero-proxy.example.org'), environment };
			const problem = `The Environment of the Hero Health credential is ${JSON.stringify(environment)}, which is none of production, staging, mock or custom: open the credential and choose the Environment again.`;
			expect(credentialBaseUrl(credentials)).toEqual({ problem });
			await expect(credential.authenticate(credentials, { url: '/v1/me' })).rejects.toThrow(
				problem,
			);
		},
	);

	it('"Custom" over http is refused by the node before any request leaves', async () => {
		const { output, requests } = await runNode({
			credentials: { ...custom('http://hero-proxy.example.org'), environment: 'Custom' },
			continueOnFail: true,
			parameters: { resource: 'patient', operation: 'get', patientId: locator('1'), options: {} },
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toMatch(
			/^The Environment of the Hero Health credential is "Custom"/,
		);
	});

	it('an environment left unset is production', () => {
		expect(credentialBaseUrl({ apiKey: 'k', practiceGroupId: '1' })).toEqual({
			baseUrl: 'https://api.herohealth.net',
		});
	});

	it('makes the node fail with the same reason before any request leaves', async () => {
		const { output, requests } = await runNode({
			credentials: custom('http://hero.example.org'),
			continueOnFail: true,
			parameters: { resource: 'patient', operation: 'get', patientId: locator('1'), options: {} },
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toMatch(
			/^The Base URL of the Hero Health credential uses http:\/\/ to hero\.example\.org: the API key and patient data would travel unencrypted/,
		);
	});
});

describe('no signing key in any output', () => {
	const webhooks = [
		{
			id: '1',
			event_type: 'appointment.confirmed',
			url: 'https://a.example/h',
			signing_key: HERO_SIGNING_KEY,
		},
		{ id: '2', event_type: 'prescription.issued', url: 'https://b.example/h' },
	];
	const customCall = (extra: IDataObject) => ({
		resource: 'customApiCall',
		operation: 'request',
		queryParameters: {},
		...extra,
	});

	it('Custom API Call GET /v1/webhooks outputs the webhooks without their keys', async () => {
		hero().get('/v1/webhooks').reply(200, { data: webhooks, count: 2 });
		const { json } = await runNode({
			parameters: customCall({ method: 'GET', path: '/v1/webhooks', returnAllPages: false }),
		});
		expect(JSON.stringify(json)).not.toContain(HERO_SIGNING_KEY);
		expect(json).toEqual([
			{
				data: [
					{
						id: '1',
						event_type: 'appointment.confirmed',
						url: 'https://a.example/h',
						has_signing_key: true,
					},
					{ id: '2', event_type: 'prescription.issued', url: 'https://b.example/h' },
				],
				count: 2,
			},
		]);
	});

	it('Custom API Call with Return All Pages and a bare array strips them too', async () => {
		hero().get('/v1/webhooks').query(true).reply(200, { data: webhooks, count: 2 });
		const paged = await runNode({
			parameters: customCall({ method: 'GET', path: '/v1/webhooks', returnAllPages: true }),
		});
		hero().get('/v1/webhooks/1').reply(200, [webhooks[0]]);
		const single = await runNode({
			parameters: customCall({ method: 'GET', path: '/v1/webhooks/1', returnAllPages: false }),
		});
		for (const { json } of [paged, single]) {
			expect(JSON.stringify(json)).not.toContain(HERO_SIGNING_KEY);
			expect(json[0]).toMatchObject({ id: '1', has_signing_key: true });
		}
	});

	it('Custom API Call POST /v1/webhooks outputs the created webhook without the key sent', async () => {
		hero()
			.post('/v1/webhooks', (body) => body.signing_key === TYPED_SIGNING_KEY)
			.reply(200, (_, body) => ({ id: '9', ...(body as IDataObject) }));
		const { json } = await runNode({
			parameters: customCall({
				method: 'POST',
				path: '/v1/webhooks',
				jsonBody: JSON.stringify({
					url: 'https://a.example/h',
					event_type: 'appointment.confirmed',
					signing_key: TYPED_SIGNING_KEY,
				}),
			}),
		});
		expect(JSON.stringify(json)).not.toContain(TYPED_SIGNING_KEY);
		expect(json[0]).toMatchObject({ id: '9', has_signing_key: true });
	});
});

describe('errors scrubbed of every secret', () => {
	it('Custom API Call: API key, practice group ID and the signing key typed in the body', async () => {
		hero()
			.post('/v1/webhooks')
			.reply(409, (_, body) => ({
				message: `Webhook exists for group ${PRACTICE_GROUP_ID} (key ${FAKE_CREDENTIAL_VALUE}): ${JSON.stringify(body)}`,
			}));
		const error = await runNode({
			parameters: {
				resource: 'customApiCall',
				operation: 'request',
				queryParameters: {},
				method: 'POST',
				path: '/v1/webhooks',
				jsonBody: JSON.stringify({ url: 'https://a.example/h', signing_key: TYPED_SIGNING_KEY }),
			},
		}).catch((e: unknown) => e);
		const text = everythingOf(error);
		expect((error as Error).message).toBe('Hero reported a conflict (409) for POST /v1/webhooks');
		expect(text).toContain('Webhook exists for group [redacted] (key [redacted])');
		expect(text).not.toContain(TYPED_SIGNING_KEY);
		expect(text).not.toContain(FAKE_CREDENTIAL_VALUE);
		expect(text).not.toMatch(/group 731\b/);
	});

	it('Webhook → Create: the signing key typed in the node, also in Continue On Fail output', async () => {
		hero()
			.post('/v1/webhooks')
			.reply(400, (_, body) => ({
				statusCode: 400,
				message: [
					{
						code: 'custom',
						path: ['signing_key'],
						message: `too short: ${(body as IDataObject).signing_key}`,
					},
				],
			}));
		const { output } = await runNode({
			continueOnFail: true,
			parameters: {
				resource: 'webhook',
				operation: 'create',
				url: 'https://a.example/h',
				eventType: 'appointment.confirmed',
				additionalFields: { signingKey: TYPED_SIGNING_KEY },
			},
		});
		expect(output[0].json.error).toBe(
			'Hero rejected the request (POST /v1/webhooks): signing_key: too short: [redacted]',
		);
		expect(JSON.stringify(output)).not.toContain(TYPED_SIGNING_KEY);
	});

	it('redacts a short secret (a practice group ID) only where it stands alone', () => {
		expect(redact('group 731, patient 17310, id=731.', ['731'])).toBe(
			'group [redacted], patient 17310, id=[redacted].',
		);
		expect(redact(`x${FAKE_CREDENTIAL_VALUE}y`, [FAKE_CREDENTIAL_VALUE])).toBe('x[redacted]y');
	});

	it('scrubs an error in every field, nested bodies included, without breaking numbers', () => {
		const error = Object.assign(new Error(`bad key ${FAKE_CREDENTIAL_VALUE}`), {
			description: 'practice 731',
			context: { body: { practice_group_id: 731, other: 7310, key: FAKE_CREDENTIAL_VALUE } },
		});
		scrubError(error, [FAKE_CREDENTIAL_VALUE, '731']);
		expect(error.message).toBe('bad key [redacted]');
		expect(error.description).toBe('practice [redacted]');
		expect(error.context).toEqual({
			body: { practice_group_id: '[redacted]', other: 7310, key: '[redacted]' },
		});
	});
});

describe('patient identifiers masked in errors', () => {
	const registerPatient = async () =>
		await runNode({
			parameters: {
				resource: 'patient',
				operation: 'register',
				nhsNumber: '9990000018',
				dateOfBirth: '1992-01-31',
				additionalFields: {},
			},
		});

	it('masks an NHS number as *** *** 4194, a phone number and a date of birth likewise', () => {
		expect(maskNhsNumber('9434764194')).toBe('*** *** 4194');
		expect(maskNhsNumber('943 476 4194')).toBe('*** *** 4194');
		expect(maskPhoneNumber('07700 900123')).toBe('***** **0123');
		expect(maskPhoneNumber('+447700900123')).toBe('+********0123');
		expect(maskDateOfBirth('1992-01-31')).toBe('****-**-31');
		expect(maskDateOfBirth('31/02/1992')).toBe('**/**/**92');
	});

	it('names the field and the item but never the full value in validation errors', () => {
		const messageOf = (run: () => unknown) => {
			try {
				run();
			} catch (error) {
				return (error as Error).message;
			}
			throw new Error('no error');
		};
		expect(messageOf(() => normaliseNhsNumber(NODE, 3, '943 476 4195'))).toBe(
			'NHS Number *** *** 4195 is not a valid NHS number (item 3)',
		);
		expect(messageOf(() => normaliseUkMobile(NODE, 1, '07700 90012'))).toBe(
			'Recipient ***** *0012 is not a UK mobile number (item 1)',
		);
		expect(messageOf(() => normaliseDate(NODE, 2, '31/02/1992'))).toBe(
			'Date of Birth **/**/**92 is not a real date (item 2)',
		);
		expect(
			messageOf(() => normaliseDate(NODE, 2, '2999-01-01', 'Date of Birth', { notInFuture: true })),
		).toBe('Date of Birth ****-**-01 is in the future (item 2)');
		// Other dates are not about a patient: quoted as typed.
		expect(messageOf(() => normaliseDate(NODE, 0, '31/02/2026', 'Expiry Date'))).toBe(
			'Expiry Date "31/02/2026" is not a real date (item 0)',
		);
	});

	it('masks them in the node’s output on Continue On Fail', async () => {
		const { output, requests } = await runNode({
			continueOnFail: true,
			parameters: {
				resource: 'patient',
				operation: 'register',
				nhsNumber: '9990000019',
				dateOfBirth: '1992-01-31',
				additionalFields: {},
			},
		});
		expect(requests).toEqual([]);
		expect(output[0].json.error).toBe('NHS Number *** *** 0019 is not a valid NHS number (item 0)');
	});

	it('masks what Hero quotes back: NHS numbers and mobiles in texts, identifier fields in bodies', async () => {
		hero()
			.post('/v1/patients/register')
			.reply(409, {
				message: 'Patient 9990000018 (mobile 07700 900123) is already registered',
				patient: { nhs_number: '9990000018', dob: '1992-01-31', phone: '+447700900123' },
			});
		const error = await registerPatient().catch((e: unknown) => e);
		const text = everythingOf(error);
		expect((error as NodeApiError).description).toBe(
			'Hero said: Patient *** *** 0018 (mobile ***** **0123) is already registered',
		);
		expect(text).not.toMatch(/9990000018|999 000 0018|1992-01-31|900123/);
		expect(text).toContain('****-**-31');
	});

	it('masks the value Hero quotes in a validation issue of a date-of-birth field', async () => {
		hero()
			.post('/v1/patients/register')
			.reply(400, {
				statusCode: 400,
				message: [
					{ code: 'invalid_date', path: ['dob'], expected: 'date', received: '1992-01-31' },
				],
			});
		const error = await registerPatient().catch((e: unknown) => e);
		expect((error as Error).message).toBe(
			'Hero rejected the request (POST /v1/patients/register): dob: expected date, received ****-**-31',
		);
	});

	it('leaves numbers that are not NHS numbers or mobiles alone', () => {
		expect(maskPatientIdentifiers('appointment 1717171717 at 2026-03-15, id 48213')).toBe(
			'appointment 1717171717 at 2026-03-15, id 48213',
		);
	});
});
