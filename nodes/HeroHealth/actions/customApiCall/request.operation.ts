import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INode,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { itemError } from '../../helpers/validation';
import type { HeroClient, HeroRequest } from '../../transport';
import type { ParameterReader } from '../../helpers/parameterReader';
import type { OperationRun, RunSetup } from '../operation';
import { scrubError } from '../../transport/scrub';
import { signingKeysIn, withoutSigningKeys } from '../webhook/common';

const properties: INodeProperties[] = [
	{
		displayName:
			'Calls any Hero endpoint with the credential’s API key and practice group, retries and error handling. Check the Hero API reference for paths and bodies.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'GET',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /v1/me',
		description:
			'Path under the base URL of the credential’s environment, starting with /. Full URLs are refused.',
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Query Parameter',
		default: {},
		options: [
			{
				displayName: 'Parameter',
				name: 'parameters',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
		description:
			'A name given twice is sent twice (name=a&name=b). For a filter Hero takes as name[], type the brackets, e.g. status[].',
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '',
		displayOptions: { show: { method: ['DELETE', 'PATCH', 'POST', 'PUT'] } },
		description: 'The request body as JSON; leave empty to send none',
	},
	{
		displayName: 'Return All Pages',
		name: 'returnAllPages',
		type: 'boolean',
		default: false,
		displayOptions: { show: { method: ['GET'] } },
		description:
			'Whether to read every page (page_index from 0, 100 a page) and output one item per record. Otherwise one request is sent and its response is output as it is.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customApiCall'], operation: ['request'] } },
	properties,
);

/** Decodes percent-escapes, or answers undefined for a malformed one. */
function decoded(text: string): string | undefined {
	try {
		return decodeURIComponent(text);
	} catch {
		return undefined;
	}
}

/**
 * A path with its dot segments resolved as lenient servers do: `\\` taken as `/`, and a segment's
 * `;parameters` ignored (Java servers read `..;` as `..`); every other character literal.
 */
function withoutDotSegments(path: string): string {
	const segments: string[] = [];
	for (const segment of path.split(/[\\/]/).slice(1)) {
		const name = segment.split(';')[0];
		if (name === '..') segments.pop();
		else if (name !== '.') segments.push(segment);
	}
	return `/${segments.join('/')}`;
}

/**
 * Whether the request for `path` stays under the base URL's path, checked on the URL as it is sent
 * (base and path joined as n8n's HTTP client joins them, then resolved by the URL parser) and again
 * after every decoding a server or proxy in between may still apply (`%2e%2e`, `%252e`, a `%3F`
 * taken for a plain character): each decoded form has its dot segments resolved and is compared.
 */
export function staysUnderBaseUrl(baseUrl: string, path: string): boolean {
	const base = baseUrl.trim().replace(/\/+$/, '');
	let root: URL;
	let sent: URL;
	try {
		root = new URL(`${base}/`);
		sent = new URL(`${base}/${path.replace(/^\/+/, '')}`);
	} catch {
		return false;
	}
	if (sent.origin !== root.origin) return false;
	let form = sent.pathname;
	// Each decoding that changes the text shortens it, so this ends; ten layers is beyond any server.
	for (let layer = 0; layer < 10; layer++) {
		if (!`${withoutDotSegments(form)}/`.startsWith(root.pathname)) return false;
		const next = decoded(form);
		if (next === undefined) return false;
		if (next === form) return true;
		form = next;
	}
	return false;
}

/**
 * The path must stay under the credential's base URL: a full URL, a protocol-relative `//host`,
 * a backslash or a `.`/`..` segment (plain or encoded) could send the API key somewhere else, so
 * they are refused; then the URL as it would be sent, and every decoded form of it, must still be
 * under the base URL's path.
 */
export function checkPath(node: INode, itemIndex: number, value: unknown, baseUrl: string): string {
	const path = String(value ?? '').trim();
	const shown = JSON.stringify(path.length > 60 ? `${path.slice(0, 57)}...` : path);
	const hint = 'Give the path under the base URL, e.g. /v1/patients/98765';
	if (!path) throw itemError(node, itemIndex, 'Path is empty', hint);
	const fullyDecoded = decoded(path);
	if (fullyDecoded === undefined) {
		throw itemError(node, itemIndex, `Path ${shown} is not a valid URL path`, hint);
	}
	if (path.includes('://') || fullyDecoded.includes('://')) {
		throw itemError(
			node,
			itemIndex,
			`Path ${shown} is a full URL; only a path under the credential’s base URL is allowed`,
			hint,
		);
	}
	// The path part ends at the first real `?` or `#`, not at an encoded one (`%3F`).
	const pathPart = decoded(path.split(/[?#]/)[0]) ?? '';
	if (
		!path.startsWith('/') ||
		path.startsWith('//') ||
		pathPart.includes('\\') ||
		pathPart.split(/[/?#]/).some((segment) => segment === '..' || segment === '.') ||
		[...path].some((char) => char.charCodeAt(0) <= 32) ||
		!staysUnderBaseUrl(baseUrl, path)
	) {
		throw itemError(
			node,
			itemIndex,
			`Path ${shown} must start with a single "/" and stay under the credential’s base URL`,
			hint,
		);
	}
	return path;
}

function parseBody(
	node: INode,
	itemIndex: number,
	value: unknown,
): IDataObject | IDataObject[] | undefined {
	if (value === undefined || value === null) return undefined;
	let parsed = value;
	if (typeof value === 'string') {
		if (!value.trim()) return undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw itemError(
				node,
				itemIndex,
				'JSON Body is not valid JSON',
				error instanceof Error ? error.message : undefined,
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null) {
		throw itemError(node, itemIndex, 'JSON Body must be a JSON object or array');
	}
	return parsed as IDataObject | IDataObject[];
}

/** A response as n8n items: arrays give one item each, empty answers a success marker. */
function toItems(response: unknown): IDataObject | IDataObject[] {
	if (Array.isArray(response)) {
		return response.map((entry) =>
			entry && typeof entry === 'object' && !Array.isArray(entry)
				? (entry as IDataObject)
				: { value: entry as IDataObject[keyof IDataObject] },
		);
	}
	if (response && typeof response === 'object') return response as IDataObject;
	if (response === null || response === undefined || response === '') return { success: true };
	return { value: response as IDataObject[keyof IDataObject] };
}

export function prepareRun(this: IExecuteFunctions, { client }: RunSetup): CustomCallRun {
	return new CustomCallRun(client);
}

/** Local checks: the path (under the credential's base URL), query parameters and JSON body. */
export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
	parameters: ParameterReader,
	run?: OperationRun,
): Promise<HeroRequest & { returnAllPages: boolean }> {
	const node = this.getNode();
	const method = this.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
	const baseUrl = run instanceof CustomCallRun ? await run.baseUrl() : '';
	const path = checkPath(node, itemIndex, this.getNodeParameter('path', itemIndex), baseUrl);
	const returnAllPages =
		method === 'GET' && (this.getNodeParameter('returnAllPages', itemIndex, false) as boolean);
	const collection = this.getNodeParameter('queryParameters', itemIndex, {}) as {
		parameters?: Array<{ name?: string; value?: unknown }>;
	};
	// A name given twice becomes an array, which the client sends as `name=a&name=b`.
	const qs: Record<string, string | string[]> = {};
	for (const { name, value } of collection.parameters ?? []) {
		const key = String(name ?? '').trim();
		if (!key) continue;
		// Paging sets these itself when reading every page.
		if (returnAllPages && (key === 'page_index' || key === 'page_size')) continue;
		const previous = qs[key];
		const text = String(value ?? '');
		qs[key] =
			previous === undefined ? text : [...(Array.isArray(previous) ? previous : [previous]), text];
	}
	const body =
		method === 'GET'
			? undefined
			: parseBody(node, itemIndex, this.getNodeParameter('jsonBody', itemIndex, ''));
	return { method, path, qs, body, itemIndex, paged: returnAllPages, returnAllPages };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: HeroClient,
	request: HeroRequest & { returnAllPages: boolean },
): Promise<IDataObject | IDataObject[]> {
	const { returnAllPages, ...sent } = request;
	try {
		// Signing keys never reach the next node, whatever the path (GET /v1/webhooks lists them).
		if (returnAllPages) {
			// A path of the user's choice may count something else than it lists: a list shorter than
			// Hero's count is output with a warning, not refused.
			const warn = (text: string) =>
				this.addExecutionHints({
					message: `${text}. The records read are output.`,
					type: 'warning',
					location: 'outputPane',
				});
			return withoutSigningKeys(await client.requestAll(sent, warn)) as IDataObject[];
		}
		return toItems(withoutSigningKeys(await client.send(sent)));
	} catch (error) {
		// A signing key typed into the body must not come back in Hero's echo of it.
		throw scrubError(error as Error, signingKeysIn(request.body));
	}
}

/** The credential's base URL, read once for the run (no request), to check each item's path. */
class CustomCallRun implements OperationRun {
	constructor(private readonly client: HeroClient) {}

	async baseUrl(): Promise<string> {
		return (await this.client.credential()).baseUrl;
	}

	async beforeSend(): Promise<void> {}

	extraItems(): INodeExecutionData[] {
		return [];
	}
}
