// @ts-check
// Shared by the handlers: Hero's error bodies, light body checks for inferred endpoints (not in
// the spec), query reading, paging, and the patient lookups most resources need.
import { isDateOrDateTime } from '../spec.mjs';

/**
 * @typedef {import('../seed.mjs').State} State
 * @typedef {import('../seed.mjs').PatientRow} PatientRow
 * @typedef {import('../seed.mjs').AppointmentRow} AppointmentRow
 * @typedef {import('../spec.mjs').Issue} Issue
 *
 * @typedef {{
 *   key: string, method: string, path: string, paged: boolean, mock?: () => unknown,
 *   params: Record<string, string>, query: Map<string, string[]>, body: any,
 *   state: State, ctx: HandlerContext,
 * }} HandlerRequest
 *
 * @typedef {{
 *   now: () => number,
 *   url: string,
 *   practiceGroupId: string,
 *   actor: 'api' | 'practice',
 *   config: { reservationSeconds: number, maxPageSize: number, defaultPageSize: number, referenceWebhookEventsOnly: boolean, ignorePageIndex: boolean },
 *   effect: (name: string, patientId?: string | null) => void,
 *   emit: (eventType: string, object: string, id: string) => void,
 * }} HandlerContext
 *
 * @typedef {(req: HandlerRequest) => HttpAnswer | unknown} Handler
 */

/** An answer other than 200, thrown from a handler. */
export class HttpError extends Error {
	/** @param {number} status @param {unknown} body */
	constructor(status, body) {
		super(`HTTP ${status}`);
		this.status = status;
		this.body = body;
	}
}

/** A success other than 200 (e.g. 201 Created), returned from a handler. */
export class HttpAnswer {
	/** @param {number} status @param {unknown} body */
	constructor(status, body) {
		this.status = status;
		this.body = body;
	}
}

/** Hero's 401/403/404/... body. @param {number} status @param {string} message */
export function errorBody(status, message) {
	return { error: true, statusCode: status, message };
}

/** Hero's 400 body: a Zod-style issue list. @param {Issue[]} issues */
export function validationBody(issues) {
	return { error: true, statusCode: 400, message: issues };
}

/** @param {string} message */
export function notFound(message) {
	return new HttpError(404, errorBody(404, message));
}

/**
 * A 400 for a rule the schema cannot express (Zod's `custom` issue).
 * @param {Array<string|number>} path
 * @param {string} expected
 * @param {string} message
 * @param {unknown} [received]
 */
export function invalid(path, expected, message, received) {
	/** @type {Issue} */
	const issue = { code: 'custom', expected, path, message };
	if (received !== undefined)
		issue.received = typeof received === 'string' ? received : JSON.stringify(received);
	return new HttpError(400, validationBody([issue]));
}

/**
 * Light checks for the bodies of inferred endpoints (not in the spec).
 * @param {any} body
 * @param {Record<string, { type: 'string'|'number'|'boolean'|'array'|'object'|'id'|'date-time', required?: boolean }>} fields
 */
export function checkBody(body, fields) {
	/** @type {Issue[]} */
	const issues = [];
	const record = body && typeof body === 'object' && !Array.isArray(body) ? body : undefined;
	if (!record) {
		if (Object.values(fields).some((field) => field.required)) {
			throw new HttpError(
				400,
				validationBody([
					{
						code: 'invalid_type',
						expected: 'object',
						received:
							body === undefined ? 'undefined' : Array.isArray(body) ? 'array' : typeof body,
						path: [],
						message: body === undefined ? 'Required' : 'Expected object',
					},
				]),
			);
		}
		return {};
	}
	for (const [name, field] of Object.entries(fields)) {
		const value = record[name];
		if (value === undefined || value === null) {
			if (field.required) {
				issues.push({
					code: 'invalid_type',
					expected: field.type === 'id' ? 'string' : field.type,
					received: String(value),
					path: [name],
					message: 'Required',
				});
			}
			continue;
		}
		let ok;
		switch (field.type) {
			case 'id':
				ok = typeof value === 'string' && /^\d+$/.test(value);
				break;
			case 'date-time':
				ok = typeof value === 'string' && isDateOrDateTime(value);
				break;
			case 'array':
				ok = Array.isArray(value);
				break;
			case 'object':
				ok = typeof value === 'object' && !Array.isArray(value);
				break;
			case 'number':
				ok = typeof value === 'number' && Number.isFinite(value);
				break;
			default:
				ok = typeof value === field.type;
		}
		if (!ok) {
			const expected =
				{ id: 'string of digits', 'date-time': 'ISO 8601 date-time' }[
					/** @type {string} */ (field.type)
				] ?? field.type;
			issues.push({
				code: 'invalid_type',
				expected,
				received: Array.isArray(value) ? 'array' : typeof value,
				path: [name],
				message: `Expected ${expected}`,
			});
		} else if (field.required && typeof value === 'string' && value.trim() === '') {
			issues.push({
				code: 'too_small',
				expected: 'string of at least 1 character(s)',
				received: "''",
				path: [name],
				message: 'String must contain at least 1 character(s)',
			});
		}
	}
	if (issues.length) throw new HttpError(400, validationBody(issues));
	return record;
}

/** Last value of a query parameter (`name`, `name[]` and `name[0]` are one parameter). @param {HandlerRequest} req @param {string} name */
export function q(req, name) {
	const values = req.query.get(name);
	return values?.length ? values[values.length - 1] : undefined;
}

/**
 * A filter for list answers: keeps the records whose `field` equals the query parameter `name`,
 * or all of them when the request does not give it.
 * @param {HandlerRequest} req @param {string} name @param {string} [field]
 */
export function whereParam(req, name, field = name) {
	const wanted = q(req, name);
	return (/** @type {any} */ record) =>
		wanted === undefined || wanted === '' || record[field] === wanted;
}

/** Every value of a list parameter, repeated or comma separated. @param {HandlerRequest} req @param {string} name */
export function qList(req, name) {
	return (req.query.get(name) ?? [])
		.flatMap((value) => value.split(','))
		.map((value) => value.trim())
		.filter(Boolean);
}

/** @param {HandlerRequest} req @param {string} name */
export function qBool(req, name) {
	const value = q(req, name);
	if (value === undefined) return undefined;
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	throw invalid([name], 'boolean', `${name} must be true or false`, value);
}

/**
 * `{data, count}` with count = the total. Paged endpoints take page_index (from 0) and page_size.
 * @template T
 * @param {HandlerRequest} req
 * @param {T[]} items
 */
export function list(req, items) {
	if (!req.paged) return { data: items, count: items.length };
	const { maxPageSize, defaultPageSize } = req.ctx.config;
	/** @type {Issue[]} */
	const issues = [];
	const rawIndex = q(req, 'page_index');
	const rawSize = q(req, 'page_size');
	const pageIndex = rawIndex === undefined ? 0 : Number(rawIndex);
	const pageSize = rawSize === undefined ? defaultPageSize : Number(rawSize);
	if (!Number.isInteger(pageIndex) || pageIndex < 0) {
		issues.push({
			code: 'invalid_type',
			expected: 'integer >= 0',
			received: String(rawIndex),
			path: ['page_index'],
			message: 'page_index must be a whole number from 0',
			location: 'query',
		});
	}
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxPageSize) {
		issues.push({
			code: 'too_big',
			expected: `integer from 1 to ${maxPageSize}`,
			received: String(rawSize),
			path: ['page_size'],
			message: `page_size must be a whole number from 1 to ${maxPageSize}`,
			location: 'query',
		});
	}
	if (issues.length) throw new HttpError(400, validationBody(issues));
	// Knob: a list whose paging Hero does not honour (as an inferred one may not): always the first
	// page, and no count to tell where the list ends.
	if (req.ctx.config.ignorePageIndex) return { data: items.slice(0, pageSize) };
	// Knob: a server that quietly gives shorter pages than asked for.
	const { pageSizeCap } = req.ctx.config;
	const size = pageSizeCap > 0 ? Math.min(pageSize, pageSizeCap) : pageSize;
	return {
		data: items.slice(pageIndex * size, pageIndex * size + size),
		count: items.length,
	};
}

/** @param {string} text */
export function normalisePostcode(text) {
	return String(text ?? '')
		.replace(/\s+/g, '')
		.toUpperCase();
}

/** @param {string} text */
export function normaliseName(text) {
	return String(text ?? '')
		.trim()
		.toLowerCase();
}

/** `YYYY-MM-DD` of a date or date-time text. @param {unknown} value */
export function dateOf(value) {
	const text = String(value ?? '');
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(text);
	if (!match) return '';
	if (text.length === 10) return match[1];
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? '' : new Date(parsed).toISOString().slice(0, 10);
}

/** @param {State} state @param {string} id */
export function patientOr404(state, id) {
	const patient = state.patients.get(String(id));
	if (!patient) throw notFound('No patient found');
	return patient;
}

/** The patient as GET /v1/patients/{id} shows it (without the sandbox's own flags). @param {PatientRow} patient */
export function patientView(patient) {
	const { must_verify_identity: _flag, ...view } = patient;
	return view;
}
