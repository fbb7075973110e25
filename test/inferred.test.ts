import { load } from 'js-yaml';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import ts from 'typescript';

import { HeroHealth } from '../nodes/HeroHealth/HeroHealth.node';
import { endpointRequest, HeroClient } from '../nodes/HeroHealth/transport';
import { notFoundKind } from '../nodes/HeroHealth/transport/errors';
import { endpoint as webhookDelete } from '../nodes/HeroHealth/actions/webhook/delete.operation';
import { operationEndpoints } from '../nodes/HeroHealth/actions/resources';
import type { Endpoint } from '../nodes/HeroHealth/transport/endpoints';
import { locator } from './helpers/constants';
import { createHookContext } from './helpers/hookContext';
import { hero, useHeroMocks } from './helpers/hero';
import { runNode } from './helpers/run';
import { control, credentials } from './helpers/sandbox';

/**
 * Inferred endpoints (issue 14): the editor notice of each, the run-time hint when Hero has no such
 * route, and the lists whose page parameters are inferred. Files are read with the TypeScript
 * compiler's `sys` (tests may not import `fs`).
 */

useHeroMocks();

const ROOT = (expect.getState().testPath ?? '').replace(/[\\/]test[\\/][^\\/]+$/, '');
const ACTIONS = `${ROOT}/nodes/HeroHealth/actions`;
const table: Record<string, Endpoint> = Object.fromEntries(
	operationEndpoints.map(({ key, endpoint }) => [key, endpoint]),
);
const properties = new HeroHealth().description.properties;

/** Every operation file with the endpoints it exports, e.g. patient/get → patient.get, patient.getV2. */
const operationFiles = ts.sys
	.readDirectory(ACTIONS, ['.ts'])
	.filter((file) => file.endsWith('.operation.ts'))
	.map((file) => {
		const [, resource, operation] = /(\w+)[\\/](\w+)\.operation\.ts$/.exec(file) ?? [];
		const keys = operationEndpoints
			.filter((entry) => entry.resource === resource && entry.operation === operation)
			.map((entry) => entry.key);
		return { resource, operation, keys };
	});

function noticesOf(resource: string, operation: string): INodeProperties[] {
	return properties.filter(
		(property) =>
			property.name === 'inferredEndpointNotice' &&
			(property.displayOptions?.show?.resource as string[]).includes(resource) &&
			(property.displayOptions?.show?.operation as string[]).includes(operation),
	);
}

describe('inferred endpoints: the endpoint table', () => {
	const inferred = Object.entries(table).filter(([, endpoint]) => endpoint.inferred);

	it('names the guessed parts of every inferred endpoint, and of no other', () => {
		// One editor notice per inferred declaration, counted from both sides.
		const notices = properties.filter((property) => property.name === 'inferredEndpointNotice');
		expect(inferred.length).toBeGreaterThan(0);
		expect(notices).toHaveLength(inferred.length);
		for (const [key, endpoint] of Object.entries(table)) {
			expect({ key, parts: endpoint.inferredParts?.length ?? 0 }).toEqual({
				key,
				parts: endpoint.inferred ? expect.any(Number) : 0,
			});
			if (endpoint.inferred) expect(endpoint.inferredParts?.length).toBeGreaterThan(0);
		}
	});
});

describe('inferred endpoints: in the editor', () => {
	it.each(operationFiles.map((file) => [`${file.resource}.${file.operation}`, file] as const))(
		'%s shows a notice exactly when its endpoint is inferred, naming method and path',
		(_name, { resource, operation, keys }) => {
			const inferredKeys = keys.filter((key) => table[key].inferred);
			const notices = noticesOf(resource, operation);
			expect(notices).toHaveLength(inferredKeys.length);
			for (const [index, key] of inferredKeys.entries()) {
				const { method, path } = table[key];
				expect(notices[index].type).toBe('notice');
				expect(notices[index].displayName).toContain(`${method} ${path}`);
				expect(notices[index].displayName).toMatch(/^Inferred endpoint:/);
				expect(notices[index].displayName).toContain('Custom API Call');
			}
		},
	);

	it('says which parts were guessed', () => {
		const [confirm] = noticesOf('booking', 'confirm');
		expect(confirm.displayName).toContain('method, path and body');
		const [status] = noticesOf('booking', 'getStatus');
		expect(status.displayName).toContain('this request’s method, so');
		const [webhookDelete] = noticesOf('webhook', 'delete');
		expect(webhookDelete.displayName).toContain('DELETE /v1/webhooks/{id}');
		// Hero's page shows the signature's method and body; only its URL was cut.
		const [signature] = noticesOf('admin', 'upsertSignature');
		expect(signature.displayName).toContain(
			'this request’s path, so the node sends POST /v1/admins/signature',
		);
		const [videoLink] = noticesOf('link', 'createVideoLink');
		expect(videoLink.displayName).toContain('this request’s body, so');
	});

	it('puts the notices right after the Operation parameter of their resource', () => {
		const operationIndex = properties.findIndex(
			(property) =>
				property.name === 'operation' &&
				(property.displayOptions?.show?.resource as string[]).includes('invoicing'),
		);
		const following = properties.slice(operationIndex + 1, operationIndex + 5);
		expect(following.map((property) => property.displayOptions?.show?.operation)).toEqual([
			['createInvoice'],
			['getMembershipSchemes'],
			['getProducts'],
			['updateInvoice'],
		]);
		expect(following.every((property) => property.name === 'inferredEndpointNotice')).toBe(true);
	});
});

describe('inferred endpoints: what a 404 body says', () => {
	it.each([
		[
			{ statusCode: 404, message: 'Cannot PATCH /v1/appointments/1/book', error: 'Not Found' },
			'route',
		],
		['Cannot GET /v1/x', 'route'],
		[undefined, 'unnamed'],
		['', 'unnamed'],
		[{ statusCode: 404, message: 'Not Found' }, 'unnamed'],
		[{ error: '404 Not Found' }, 'unnamed'],
		['<html><body>404</body></html>', 'unnamed'],
		[{ message: 'Appointment not found' }, 'record'],
		[{ message: 'No patient found' }, 'record'],
		[{ message: '404 No patient found' }, 'record'],
	])('%j is %s', (body, kind) => {
		expect(notFoundKind(body)).toBe(kind);
	});
});

describe('inferred endpoints: at run time (Hero faked)', () => {
	const confirm = {
		resource: 'booking',
		operation: 'confirm',
		appointmentId: '48213',
		additionalFields: {},
	};

	async function failure(parameters: IDataObject) {
		const { output } = await runNode({ parameters, continueOnFail: true });
		// n8n keeps only { error } in a failed item's JSON; the description stays on the item's error.
		return { error: String(output[0].json.error), errorDescription: output[0].error?.description };
	}

	it('a route 404 says the method and path tried (without IDs), that they were inferred, and Custom API Call', async () => {
		hero().patch('/v1/appointments/48213/book').reply(404, {
			statusCode: 404,
			message: 'Cannot PATCH /v1/appointments/48213/book',
			error: 'Not Found',
		});
		const error = await failure(confirm);
		expect(error.error).toBe(
			'Hero has no PATCH /v1/appointments/{id}/book (404): the node’s endpoint for this operation was inferred',
		);
		expect(error.errorDescription).toContain('did not show this request’s method, path and body');
		expect(`${error.error} ${error.errorDescription}`).not.toContain('48213');
		expect(error.errorDescription).toContain('PATCH /v1/appointments/{id}/book');
		expect(error.errorDescription).toContain('Custom API Call');
	});

	it('a 405 says the same', async () => {
		hero().delete('/v1/webhooks/77').reply(405, { statusCode: 405, message: 'Method Not Allowed' });
		const error = await failure({
			resource: 'webhook',
			operation: 'delete',
			webhookId: locator('77'),
		});
		expect(error.error).toBe(
			'Hero has no DELETE /v1/webhooks/{id} (405): the node’s endpoint for this operation was inferred',
		);
		expect(error.errorDescription).toContain('this request’s path');
		expect(error.errorDescription).toContain('Custom API Call');
	});

	it('a 404 that names nothing keeps its headline (the ID may be wrong) and gets the hint', async () => {
		hero().get('/v1/messages/M1/status').reply(404);
		const error = await failure({ resource: 'message', operation: 'getStatus', messageId: 'M1' });
		expect(error.error).toBe(
			'Hero found nothing at GET /v1/messages/M1/status (404): check the ID',
		);
		expect(error.errorDescription).toContain('Custom API Call');
	});

	it('a 404 whose body names the missing record gets no hint', async () => {
		hero()
			.patch('/v1/appointments/48213/book')
			.reply(404, { statusCode: 404, message: 'Appointment not found' });
		const error = await failure(confirm);
		expect(error.error).toBe(
			'Hero found nothing at PATCH /v1/appointments/48213/book (404): check the ID',
		);
		expect(error.errorDescription).toBe('Hero said: Appointment not found');
	});

	it('an endpoint from the reference gets no hint, whatever the 404 says', async () => {
		hero()
			.get('/v1/appointments/48213')
			.reply(404, { statusCode: 404, message: 'Cannot GET /v1/appointments/48213' });
		const error = await failure({ resource: 'booking', operation: 'get', appointmentId: '48213' });
		expect(error.error).toBe(
			'Hero found nothing at GET /v1/appointments/48213 (404): check the ID',
		);
		expect(error.errorDescription).not.toContain('Custom API Call');
	});

	it('a "no such route" 404 is never read as "already gone"', async () => {
		// The trigger's deactivation reads a 404 as "already gone"; through n8n-core's hook context.
		const { context } = createHookContext({ parameters: { events: ['appointment.confirmed'] } });
		const client = new HeroClient(context);
		const deleteWebhook = (id: string) =>
			client.requestOrNull(
				endpointRequest(context.getNode(), webhookDelete, { pathParams: { id } }),
			);
		hero().delete('/v1/webhooks/12').reply(404, { message: 'Webhook not found' });
		await expect(deleteWebhook('12')).resolves.toBeNull();
		hero().delete('/v1/webhooks/13').reply(404, { message: 'Cannot DELETE /v1/webhooks/13' });
		await expect(deleteWebhook('13')).rejects.toThrow('Hero has no DELETE /v1/webhooks/{id} (404)');
	});
});

describe('inferred endpoints: at run time (sandbox, inferredRouteStatus knob)', () => {
	beforeEach(async () => {
		await control.reset();
	});
	afterAll(async () => {
		await control.reset();
	});

	async function sandboxFailure(parameters: IDataObject) {
		const { output } = await runNode({
			parameters,
			credentials: credentials(),
			continueOnFail: true,
		});
		return {
			error: output[0].json.error as string | undefined,
			errorDescription: output[0].error?.description ?? undefined,
		};
	}

	const cases: Array<[string, string, IDataObject]> = [
		[
			'Booking → Confirm',
			'PATCH /v1/appointments/{id}/book',
			{ resource: 'booking', operation: 'confirm', appointmentId: '40002', additionalFields: {} },
		],
		[
			'Webhook → Delete',
			'DELETE /v1/webhooks/{id}',
			{ resource: 'webhook', operation: 'delete', webhookId: locator('5') },
		],
		[
			'Message → Get Status',
			'GET /v1/messages/{id}/status',
			{ resource: 'message', operation: 'getStatus', messageId: '3001' },
		],
		[
			'API Key → Get Many',
			'GET /v1/api_keys',
			{ resource: 'apiKey', operation: 'getAll', returnAll: true },
		],
		[
			'Subscription → Get Many Subscribers',
			'GET /v1/subscribers',
			{ resource: 'subscription', operation: 'getAllSubscribers', returnAll: true },
		],
	];

	it.each(cases)(
		'%s: 404 and 405 name %s, say it was inferred, and point to Custom API Call',
		async (_name, request, parameters) => {
			for (const status of [404, 405]) {
				await control.config({ inferredRouteStatus: status });
				const error = await sandboxFailure(parameters);
				expect(error.error).toBe(
					`Hero has no ${request} (${status}): the node’s endpoint for this operation was inferred`,
				);
				expect(error.errorDescription).toContain('Custom API Call');
			}
		},
	);

	it('leaves the endpoints from the reference alone, and those whose body alone is a guess', async () => {
		await control.config({ inferredRouteStatus: 404 });
		const { json } = await runNode({
			parameters: { resource: 'booking', operation: 'get', appointmentId: '40001' },
			credentials: credentials(),
		});
		expect(json[0]).toMatchObject({ id: '40001' });
		const video = await runNode({
			parameters: { resource: 'link', operation: 'createVideoLink', additionalFields: {} },
			credentials: credentials(),
		});
		expect(video.json[0]).toMatchObject({ url: expect.stringContaining('/video/') });
	});

	it('gives no hint when the sandbox names the missing record', async () => {
		const error = await sandboxFailure({
			resource: 'booking',
			operation: 'confirm',
			appointmentId: '99999',
			additionalFields: {},
		});
		expect(error.error).toBe(
			'Hero found nothing at PATCH /v1/appointments/99999/book (404): check the ID',
		);
		expect(error.errorDescription).toBe('Hero said: Appointment not found');
	});
});

describe('lists with inferred page parameters', () => {
	const specText = ts.sys.readFile(`${ROOT}/spec/hero-openapi.yaml`) ?? '';
	const spec = load(specText) as {
		paths: Record<string, Record<string, { parameters?: Array<{ $ref?: string; name?: string }> }>>;
	};
	const showsPageIndex = (endpoint: Endpoint) =>
		(spec.paths[endpoint.path]?.[endpoint.method.toLowerCase()]?.parameters ?? []).some(
			(parameter) => parameter.name === 'page_index' || /PageIndex$/.test(parameter.$ref ?? ''),
		);
	const pagingInferred = Object.entries(table)
		.filter(([, endpoint]) => endpoint.pagingInferred)
		.map(([key]) => key);

	it('are exactly the paged lists whose reference shows no page_index', () => {
		const expected = Object.entries(table)
			.filter(([, endpoint]) => endpoint.paged && !showsPageIndex(endpoint))
			.map(([key]) => key);
		expect(pagingInferred).toEqual(expected);
		expect(pagingInferred).toEqual(
			expect.arrayContaining(['patient.getAll', 'booking.getSlots', 'webhook.getAll']),
		);
	});

	/** Parameters of each list with inferred paging, beyond Return All. */
	const listParameters: Record<string, IDataObject> = {
		'patient.getAll': { filters: {} },
		'message.getAll': {},
		'message.getAutomatedMessages': { options: {} },
		'booking.getSlots': { filters: {} },
		'booking.getBookingLinks': {},
		'episode.getAllV2': { filters: {}, options: {} },
		'careNavigation.getPathways': {},
		'careNavigation.getSubmissions': {},
		'consultation.getAll': {},
		'apiKey.getAll': {},
		'subscription.getAllSubscribers': {},
		'webhook.getAll': { filters: {} },
	};

	it('are all run below', () => {
		expect(Object.keys(listParameters).sort()).toEqual([...pagingInferred].sort());
	});

	// Only the transport's one paging function adds page_index and page_size to a request.
	it.each(pagingInferred)('%s is read by the one paging function (sandbox)', async (key) => {
		const [resource, operation] = key.split('.');
		const { requests } = await runNode({
			parameters: { resource, operation, returnAll: true, ...listParameters[key] },
			credentials: credentials(),
		});
		expect(requests.length).toBeGreaterThan(0);
		for (const request of requests) {
			expect(request.query).toMatch(/(^|&)page_index=\d+(&|$)/);
			expect(request.query).toMatch(/(^|&)page_size=100(&|$)/);
		}
	});

	it.each([
		['patient', 'getAll', '/v1/patients', { filters: {} }],
		['booking', 'getSlots', '/v1/slots', { filters: {} }],
		['webhook', 'getAll', '/v1/webhooks', { filters: {} }],
	])('%s → %s walks page_index 0, 1 with Return All', async (resource, operation, path, extra) => {
		const records = (page: number, count: number) =>
			Array.from({ length: count }, (_, i) => ({ id: String(page * 100 + i) }));
		hero()
			.get(path)
			.query({ page_index: 0, page_size: 100 })
			.reply(200, { data: records(0, 100) });
		hero()
			.get(path)
			.query({ page_index: 1, page_size: 100 })
			.reply(200, { data: records(1, 3) });
		const { json } = await runNode({
			parameters: { resource, operation, returnAll: true, ...extra },
		});
		expect(json).toHaveLength(103);
	});
});
