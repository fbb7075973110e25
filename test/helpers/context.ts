import axios, { type AxiosRequestConfig } from 'axios';
import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';

import { DEFAULT_CREDENTIALS } from './constants';

export {
	BASE_URL,
	DEFAULT_CREDENTIALS,
	FAKE_CREDENTIAL_VALUE,
	locator,
	PRACTICE_GROUP_ID,
} from './constants';

export const NODE: INode = {
	id: 'hero-node-id',
	name: 'Hero Health',
	type: 'CUSTOM.heroHealth',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A parameter value, or a function giving it per item (as an expression would). */
type ParameterValue = unknown | ((itemIndex: number) => unknown);

export interface FakeContextOptions {
	parameters: Record<string, ParameterValue>;
	items?: INodeExecutionData[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
}

export interface RecordedRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	qs?: IDataObject;
	/** The query string as it goes on the wire, e.g. `ids=1&ids=2`. */
	query: string;
	body?: unknown;
	/** performance.now() when the node handed the request to n8n. */
	startedAt: number;
	/** The node's requests out at that moment, this one included. */
	inFlight: number;
}

function readPath(source: Record<string, unknown>, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => {
		if (value && typeof value === 'object') return (value as Record<string, unknown>)[key];
		return undefined;
	}, source);
}

/** Serialises a query as n8n does with the request's arrayFormat (`qs` semantics for flat values). */
function serializeQuery(params: Record<string, unknown>, arrayFormat = 'indices'): string {
	const parts: string[] = [];
	const add = (name: string, value: unknown) =>
		parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
	for (const [name, value] of Object.entries(params ?? {})) {
		if (value === undefined) continue;
		if (!Array.isArray(value)) {
			add(name, value);
		} else if (arrayFormat === 'comma') {
			add(name, value.join(','));
		} else {
			value.forEach((entry, index) => {
				const key =
					arrayFormat === 'repeat'
						? name
						: arrayFormat === 'brackets'
							? `${name}[]`
							: `${name}[${index}]`;
				add(key, entry);
			});
		}
	}
	return parts.join('&');
}

/** The headers the credential's authenticate() adds, as n8n calls it before each request. */
async function authenticationHeaders(
	credentials: ICredentialDataDecryptedObject,
): Promise<Record<string, string>> {
	const authenticated = await new HeroHealthApi().authenticate(credentials, {
		url: '',
		headers: {},
	});
	return (authenticated.headers ?? {}) as Record<string, string>;
}

/**
 * A stand-in for n8n's IExecuteFunctions with a real HTTP layer: requests go out through axios
 * (intercepted by nock in tests, or reaching a local server), authenticated the way n8n applies the
 * credential's generic authentication, with n8n's IHttpRequestOptions semantics and its habit of
 * wrapping transport failures in a NodeApiError whose cause is the client error.
 */
export function createExecuteContext(options: FakeContextOptions) {
	const items = options.items ?? [{ json: {} }];
	const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
	const requests: RecordedRequest[] = [];
	let inFlight = 0;

	async function httpRequestWithAuthentication(
		_credentialType: string,
		request: IHttpRequestOptions,
		additionalCredentialOptions?: IAdditionalCredentialOptions,
	): Promise<unknown> {
		// As n8n does: credentials handed in with the request are used instead of reading them again.
		const used = additionalCredentialOptions?.credentialsDecrypted?.data ?? credentials;
		const headers = {
			...(request.headers as Record<string, string>),
			...(await authenticationHeaders(used)),
		};
		const config: AxiosRequestConfig = {
			method: request.method ?? 'GET',
			baseURL: request.baseURL,
			url: request.url,
			params: request.qs,
			paramsSerializer: (params: Record<string, unknown>) =>
				serializeQuery(params, request.arrayFormat),
			data: request.body,
			headers,
			timeout: request.timeout,
			validateStatus: request.ignoreHttpStatusErrors ? () => true : undefined,
		};
		requests.push({
			method: String(config.method).toUpperCase(),
			url: `${request.baseURL ?? ''}${request.url}`,
			headers,
			qs: request.qs,
			query: serializeQuery(request.qs ?? {}, request.arrayFormat),
			body: request.body,
			startedAt: performance.now(),
			inFlight: ++inFlight,
		});
		try {
			const response = await axios.request(config);
			if (request.returnFullResponse) {
				return { statusCode: response.status, headers: response.headers, body: response.data };
			}
			return response.data;
		} catch (error) {
			throw new NodeApiError(NODE, error as never);
		} finally {
			inFlight--;
		}
	}

	// As n8n's getNode(): the node with its parameters as stored (expressions unresolved).
	const node: INode = { ...NODE, parameters: options.parameters as INode['parameters'] };
	const context = {
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async () => credentials,
		getNodeParameter(
			name: string,
			itemIndex: number,
			fallback?: unknown,
			extra?: { extractValue?: boolean },
		) {
			let value = readPath(options.parameters as Record<string, unknown>, name);
			if (typeof value === 'function') value = (value as (i: number) => unknown)(itemIndex);
			if (value === undefined) {
				if (arguments.length >= 3) return fallback;
				throw new Error(`Test did not set the parameter "${name}"`);
			}
			if (extra?.extractValue && value && typeof value === 'object' && '__rl' in value) {
				return (value as unknown as { value: unknown }).value;
			}
			return value;
		},
		helpers: {
			httpRequestWithAuthentication,
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};
	return { context: context as unknown as IExecuteFunctions, requests };
}
