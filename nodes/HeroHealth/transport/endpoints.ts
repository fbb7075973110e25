import type { IDataObject, IHttpRequestMethods, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A part of a request Hero's reference did not show, so the node guessed it. */
export type InferredPart = 'method' | 'path' | 'query' | 'body';

/**
 * A Hero API call: each operation file exports the one it makes as `endpoint`, next to its
 * description (actions/endpointTable.ts lists them all).
 */
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
	 * The README lists every inferred endpoint; correcting one is a change to its declaration only.
	 */
	inferred?: string;
	/** With `inferred`: the parts of the request that are guesses (the editor notice names them). */
	inferredParts?: readonly InferredPart[];
}

/**
 * The first path parameter of the endpoint that cannot go in a URL, with what is wrong with it:
 * empty, `.` or `..` after trimming (encoding leaves dots as they are, and a dot segment would send
 * the request to another path). Undefined when every one is fine.
 */
export function badPathParameter(
	endpoint: Endpoint,
	pathParams: Record<string, string> = {},
): { parameter: string; problem: string } | undefined {
	for (const [, parameter] of endpoint.path.matchAll(/\{(\w+)\}/g)) {
		const value = String(pathParams[parameter] ?? '').trim();
		if (value === '') return { parameter, problem: 'is empty' };
		if (value === '.' || value === '..') return { parameter, problem: `is "${value}"` };
	}
	return undefined;
}

/** The inferred parts of an endpoint in words, e.g. "method and path"; undefined when none. */
export function inferredPartsText(endpoint: Endpoint): string | undefined {
	const { inferred, inferredParts = [] } = endpoint;
	if (!inferred) return undefined;
	const parts = inferredParts.length ? [...inferredParts] : ['request'];
	const last = parts.pop() as string;
	return parts.length ? `${parts.join(', ')} and ${last}` : last;
}

/** What an operation gives for one request to one of its endpoints. */
export interface EndpointRequest {
	pathParams?: Record<string, string>;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	/** Item the request is for, so errors name it. */
	itemIndex?: number;
	/** For a list: at most this many records (undefined reads every page). */
	limit?: number;
}

/** One request, ready to send: what an operation's prepare answers and HeroClient sends. */
export interface HeroRequest {
	method: IHttpRequestMethods;
	/** Path under the base URL, starting with `/`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	itemIndex?: number;
	/** Answer null for a 404 instead of failing, where "not found" is a normal outcome. */
	notFoundAsNull?: boolean;
	/** The endpoint this request is for, so an error can say when its path was a guess. */
	endpoint?: Endpoint;
	/** A list that takes page_index/page_size (see readList). */
	paged?: boolean;
	/** For a list: at most this many records (undefined reads every page). */
	limit?: number;
}

/**
 * The request for an endpoint with its path filled in: local work, so that an operation's prepare
 * can answer it before anything is sent. A path parameter that cannot go in a URL is an error naming
 * the field and the item.
 */
export function endpointRequest(
	node: INode,
	endpoint: Endpoint,
	request: EndpointRequest = {},
): HeroRequest {
	const { pathParams, itemIndex, ...rest } = request;
	const bad = badPathParameter(endpoint, pathParams);
	if (bad) {
		const where = itemIndex === undefined ? '' : ` (item ${itemIndex})`;
		throw new NodeOperationError(
			node,
			`Path parameter "${bad.parameter}" of ${endpoint.method} ${endpoint.path} ${bad.problem}${where}`,
			{
				itemIndex,
				description:
					'Give the Hero ID (or code) of the record. An empty value, "." or ".." would send the request to another path, so it is not sent.',
			},
		);
	}
	return {
		...rest,
		method: endpoint.method,
		// Each `{name}` segment: its trimmed value, URL-encoded (badPathParameter refused the rest).
		path: endpoint.path.replace(/\{(\w+)\}/g, (_, key: string) =>
			encodeURIComponent(String(pathParams?.[key]).trim()),
		),
		itemIndex,
		endpoint,
		paged: endpoint.paged === true,
	};
}
