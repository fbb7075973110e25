import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { inferredPartsText, type Endpoint } from './endpoints';
import { RETRY_AFTER_MAX_MS } from './retry';
import { cleanErrorText, cleanErrorValue, maskByField } from './scrub';

interface HeroValidationIssue {
	code?: string;
	expected?: string;
	received?: string;
	message?: string;
	path?: Array<string | number>;
}

/**
 * Hero's 400 body is `{error, statusCode, message: [{code, expected, path}]}` (a Zod issue list);
 * other errors carry a plain string `message`. Renders either as one line, e.g. `nhs_number: expected string`.
 */
export function describeHeroErrorBody(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() || undefined;
	if (!body || typeof body !== 'object') return undefined;
	const { message, error } = body as { message?: unknown; error?: unknown };
	if (Array.isArray(message)) {
		const parts = (message as Array<HeroValidationIssue | string>).map((issue) => {
			if (typeof issue === 'string') return issue;
			const field =
				Array.isArray(issue.path) && issue.path.length ? issue.path.join('.') : 'request';
			if (issue.message) return `${field}: ${issue.message}`;
			if (issue.expected) {
				const received = issue.received ? `, received ${maskByField(field, issue.received)}` : '';
				return `${field}: expected ${issue.expected}${received}`;
			}
			return `${field}: ${issue.code ?? 'invalid'}`;
		});
		return parts.join('; ') || undefined;
	}
	if (typeof message === 'string' && message.trim()) return message.trim();
	if (typeof error === 'string' && error.trim()) return error.trim();
	return undefined;
}

/** What the user is told per status, so a practice administrator knows what to fix. */
function headlineFor(status: number, request: string): string {
	switch (status) {
		case 400:
			return `Hero rejected the request (${request})`;
		case 401:
			return 'Hero did not accept the API key (401): check the API key in the Hero Health credential';
		case 403:
			return 'Hero refused access (403): the API key lacks the scope for this operation, or the practice group ID does not belong to it';
		case 404:
			return `Hero found nothing at ${request} (404): check the ID`;
		case 409:
			return `Hero reported a conflict (409) for ${request}`;
		case 429:
			return 'Hero’s rate limit was reached (429) and retries ran out';
		default:
			return status >= 500
				? `Hero had a server error (${status}) for ${request}`
				: `Hero answered ${status} for ${request}`;
	}
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNRESET: 'connection dropped',
	EPIPE: 'connection dropped',
	ECONNABORTED: 'timed out',
	ETIMEDOUT: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host not found',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
};

/** Ends the message of every failure whose request may have reached Hero. */
export const POSSIBLY_SENT = 'possibly sent, check in Hero before sending it again';

export interface HeroErrorDetails {
	status?: number;
	body?: unknown;
	/** `<method> <path>` of the request, to show where it failed. */
	request: string;
	itemIndex?: number;
	secrets: Array<string | undefined>;
	/** Set for failures without an HTTP answer (timeouts, dropped connections). */
	networkCode?: string;
	networkMessage?: string;
	/** For a write that may have reached Hero: tells the user it was not sent again. */
	mayHaveBeenProcessed?: boolean;
	/** Set when Hero's Retry-After asked for a longer wait than the node takes (ms asked). */
	cappedRetryAfterMs?: number;
	/** The endpoint table entry the request was made for, if any. */
	endpoint?: Endpoint;
}

/**
 * What a 404 body says: `route` when the web framework found no route ("Cannot GET /path"),
 * `unnamed` when nothing names a missing record (no message, a bare "Not Found", an HTML page),
 * `record` when Hero names what it did not find (e.g. "No patient found").
 */
export function notFoundKind(body: unknown): 'route' | 'unnamed' | 'record' {
	const text = describeHeroErrorBody(body);
	if (text !== undefined && /\bCannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \//.test(text)) {
		return 'route';
	}
	if (
		text === undefined ||
		/^(404( not found)?|not found)\.?$/i.test(text) ||
		text.startsWith('<')
	) {
		return 'unnamed';
	}
	return 'record';
}

/**
 * For an inferred endpoint that Hero answered 405, or 404 without naming a missing record: what to
 * say instead, that the request was a guess and how to send it another way. A 404 that names no
 * route keeps its headline (the ID may be wrong) and gets the hint as description. The texts name
 * the table's path (`{id}`), not the request's, so they add no identifier.
 */
function inferredEndpointHint(
	details: HeroErrorDetails,
	headline: string,
): { message: string; description: string } | undefined {
	const { status, endpoint } = details;
	if (!endpoint?.inferred) return undefined;
	const kind = status === 404 ? notFoundKind(details.body) : undefined;
	if (status !== 405 && (kind === undefined || kind === 'record')) return undefined;
	const { method, path } = endpoint;
	return {
		message:
			kind === 'unnamed'
				? headline
				: `Hero has no ${method} ${path} (${status}): the node’s endpoint for this operation was inferred`,
		description: `Hero’s API reference did not show this request’s ${inferredPartsText(endpoint)}, so the node tried ${method} ${path}, the most likely one (see Inferred endpoints in the node’s README). If Hero has it under another method or path, send the request with Custom API Call (Resource: Custom API Call) and that method and path.`,
	};
}

/**
 * Builds the NodeApiError for a failed Hero call. Only clean, redacted values go in: never the raw
 * HTTP client error, whose request config would carry the x-api-key header.
 */
export function heroApiError(node: INode, details: HeroErrorDetails): NodeApiError {
	const { status, secrets } = details;
	let message: string;
	let description: string;
	if (status === undefined) {
		const code = details.networkCode ?? 'no response';
		// Plain words, not the code: n8n would replace a message naming ECONNRESET & co with its own.
		message = `Could not reach Hero for ${details.request} (${NETWORK_FAILURES[code] ?? 'no response'})`;
		description = details.mayHaveBeenProcessed
			? `The connection failed after the request was sent (${code}), so Hero may have processed it. It was not sent again, to avoid doing it twice: check in Hero before retrying.`
			: `${details.networkMessage ?? 'No answer'} (${code}). Check the network and the Base URL of the credential.`;
	} else {
		const heroText = describeHeroErrorBody(details.body);
		message = headlineFor(status, details.request);
		if (status === 400 && heroText) message = `${message}: ${heroText}`;
		description =
			heroText && status !== 400 ? `Hero said: ${heroText}` : `Request: ${details.request}`;
		({ message, description } = inferredEndpointHint(details, message) ?? { message, description });
		if (details.mayHaveBeenProcessed) {
			description = `${description}\nHero may have processed this request before the error (a ${status} can come after part of the work), so it was not sent again, to avoid doing it twice: check in Hero before retrying.`;
		}
	}
	if (details.cappedRetryAfterMs !== undefined) {
		description = `${description}\nHero asked to wait ${Math.round(details.cappedRetryAfterMs / 1000)} s before retrying (Retry-After); the node waits at most ${RETRY_AFTER_MAX_MS / 1000} s between tries.`;
	}
	// The mark a workflow can test for (n8n keeps only the message in a failed item's JSON).
	if (details.mayHaveBeenProcessed) message = `${message}: ${POSSIBLY_SENT}`;
	const errorResponse: JsonObject = {
		message: cleanErrorText(message, secrets),
		description: cleanErrorText(description, secrets),
		httpCode: status === undefined ? null : String(status),
		request: cleanErrorText(details.request, secrets),
	};
	if (details.body !== undefined) {
		errorResponse.heroResponse = cleanErrorValue(details.body, secrets) as JsonObject;
	}
	return new NodeApiError(node, errorResponse, {
		message: cleanErrorText(message, secrets),
		description: cleanErrorText(description, secrets),
		httpCode: status === undefined ? undefined : String(status),
		itemIndex: details.itemIndex,
	});
}
