import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Base URLs of the named environments; `custom` uses the credential's own Base URL. */
export const HERO_BASE_URLS: Record<string, string> = {
	production: 'https://api.herohealth.net',
	staging: 'https://api.staging.htech.app',
	mock: 'https://developer.herohealth.net/_mock/apis/public-api/openapi',
};

/** 127.0.0.0/8, localhost and [::1]: traffic that never leaves this machine. */
function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The Environment values, exactly as the credential stores them. */
const ENVIRONMENTS = new Set(['production', 'staging', 'mock', 'custom']);

/**
 * The base URL the credential stands for, or why it must not be used. The environment is matched
 * exactly (a value stored as "Custom" by an import or a direct edit is refused, not guessed at), and
 * the URL the requests would go to must be https://, or http:// only to this machine (a local
 * sandbox or proxy), whatever the environment: else the API key and patient data would travel
 * unencrypted.
 */
export function credentialBaseUrl(
	credentials: ICredentialDataDecryptedObject,
): { baseUrl: string; problem?: undefined } | { baseUrl?: undefined; problem: string } {
	const stored = credentials.environment;
	const environment =
		stored === undefined || stored === null || stored === '' ? 'production' : stored;
	if (typeof environment !== 'string' || !ENVIRONMENTS.has(environment)) {
		const shown = JSON.stringify(
			typeof environment === 'string' ? environment.slice(0, 40) : environment,
		);
		return {
			problem: `The Environment of the Hero Health credential is ${shown}, which is none of production, staging, mock or custom: open the credential and choose the Environment again.`,
		};
	}
	const baseUrl =
		HERO_BASE_URLS[environment] ??
		String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		// Not a URL at all: the request fails on its own, with the network error saying why.
		return { baseUrl };
	}
	if (url.protocol === 'https:') return { baseUrl };
	if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { baseUrl };
	return {
		problem: `The Base URL of the Hero Health credential uses ${url.protocol}// to ${url.hostname}: the API key and patient data would travel unencrypted. Use https://, or http:// only to this machine (localhost, 127.0.0.1, [::1]).`,
	};
}

export class HeroHealthApi implements ICredentialType {
	name = 'heroHealthApi';

	displayName = 'Hero Health API';

	icon: Icon = {
		light: 'file:../nodes/HeroHealth/herohealth.svg',
		dark: 'file:../nodes/HeroHealth/herohealth.dark.svg',
	};

	documentationUrl = 'https://github.com/herohealth-n8n/n8n-nodes-herohealth#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API key Hero issued for your practice group (Hero app: Settings → My Practice → API Key)',
		},
		{
			displayName: 'Practice Group ID',
			name: 'practiceGroupId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '731',
			description:
				'The Hero practice group to act for. Sent as x-practice-group-id on every request.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: 'https://api.herohealth.net' },
				{ name: 'Staging', value: 'staging', description: 'https://api.staging.htech.app' },
				{
					name: 'Hero Docs Mock',
					value: 'mock',
					description: 'Hero’s stateless documentation mock server',
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Any other base URL, e.g. a local sandbox',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description:
				'Base URL of the Hero API, without the /v1 part. Must be https://, except to this machine (http://localhost, http://127.0.0.1, http://[::1]).',
		},
	];

	// Headers only: the same credential then also works in n8n's HTTP Request node. A function, not
	// `={{$credentials.x}}` expressions: n8n would evaluate those in its expression sandbox on
	// every request, which costs more CPU than the rest of a message send.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		// Also what n8n's credential test and the HTTP Request node run, so they refuse it too.
		const { problem } = credentialBaseUrl(credentials);
		if (problem) throw new Error(problem);
		requestOptions.headers = {
			...requestOptions.headers,
			'x-api-key': String(credentials.apiKey ?? ''),
			'x-practice-group-id': String(credentials.practiceGroupId ?? ''),
		};
		return requestOptions;
	};

	// GET /v1/me needs both headers to be right, so a wrong key or a wrong practice group fails the test.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ (${JSON.stringify(HERO_BASE_URLS)})[$credentials.environment] ?? String($credentials.baseUrl).replace(/\\/+$/, '') }}`,
			url: '/v1/me',
			method: 'GET',
		},
	};
}
