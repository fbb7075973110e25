import type { IDataObject } from 'n8n-workflow';

/**
 * The record Hero answered, or `fallback` when it answered nothing useful (an empty body, `true`,
 * `"OK"`), so that every operation outputs an item that says what happened.
 */
export function recordOr(response: unknown, fallback: IDataObject): IDataObject {
	if (
		response &&
		typeof response === 'object' &&
		!Array.isArray(response) &&
		Object.keys(response).length
	) {
		return response as IDataObject;
	}
	return fallback;
}
