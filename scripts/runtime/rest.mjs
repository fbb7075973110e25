// @ts-check
// Talking to a running n8n over HTTP: its internal REST API (owner setup, API key) and its public API.
import { randomBytes } from 'node:crypto';

/**
 * An answer's status and its body: JSON parsed, any other text as it is.
 * @param {Response} response
 * @returns {Promise<{ status: number, body: any }>}
 */
async function statusAndBody(response) {
	const text = await response.text();
	try {
		return { status: response.status, body: text ? JSON.parse(text) : undefined };
	} catch {
		return { status: response.status, body: text };
	}
}

/** A tiny cookie-keeping client for n8n's internal REST API (/rest/...). */
export class RestClient {
	/** @param {string} url */
	constructor(url) {
		this.url = url;
		/** @type {Map<string, string>} */
		this.cookies = new Map();
		this.browserId = randomBytes(8).toString('hex');
	}

	/**
	 * @param {string} method
	 * @param {string} path
	 * @param {unknown} [body]
	 * @returns {Promise<{ status: number, body: any }>}
	 */
	async request(method, path, body) {
		/** @type {Record<string, string>} */
		const headers = { 'browser-id': this.browserId, accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (this.cookies.size) {
			headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
		}
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const eq = pair.indexOf('=');
			if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
		}
		return await statusAndBody(response);
	}

	/**
	 * Like request(), but throws unless the answer is 2xx; returns the body's `data`.
	 * @param {string} method @param {string} path @param {unknown} [body]
	 */
	async call(method, path, body) {
		const { status, body: answer } = await this.request(method, path, body);
		if (status < 200 || status >= 300) {
			throw new Error(`${method} ${path} → ${status}: ${JSON.stringify(answer).slice(0, 500)}`);
		}
		return answer && typeof answer === 'object' && 'data' in answer ? answer.data : answer;
	}
}

export const DEMO_OWNER = {
	email: 'demo@herohealth.local',
	firstName: 'Demo',
	lastName: 'Admin',
	password: 'HeroHealth-demo-1',
};

/**
 * Creates the instance owner (or logs in when it exists) and a public API key with every scope
 * the owner may grant.
 * @param {string} url
 * @param {{ email: string, firstName: string, lastName: string, password: string }} [owner]
 * @param {{ apiKey?: boolean }} [options]
 * @returns {Promise<{ rest: RestClient, cookie: string, apiKey: string | undefined }>}
 */
export async function setupOwner(url, owner = DEMO_OWNER, { apiKey = true } = {}) {
	const rest = new RestClient(url);
	const setup = await rest.request('POST', '/rest/owner/setup', owner);
	if (setup.status !== 200) {
		const login = await rest.request('POST', '/rest/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
		if (login.status !== 200) {
			throw new Error(
				`Owner setup answered ${setup.status} (${JSON.stringify(setup.body).slice(0, 200)}) and login ${login.status}`,
			);
		}
	}
	let key;
	if (apiKey) {
		const scopes = await rest.call('GET', '/rest/api-keys/scopes');
		const created = await rest.call('POST', '/rest/api-keys', {
			label: `herohealth-${Date.now()}`,
			expiresAt: null,
			scopes,
		});
		key = created.rawApiKey;
	}
	const cookie = [...rest.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	return { rest, cookie, apiKey: key };
}

/**
 * Calls n8n's public API (/api/v1/...) with an API key.
 * @param {string} url @param {string} apiKey @param {string} method @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<{ status: number, body: any }>}
 */
export async function publicApi(url, apiKey, method, path, body) {
	const response = await fetch(`${url}/api/v1${path}`, {
		method,
		headers: {
			'X-N8N-API-KEY': apiKey,
			accept: 'application/json',
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return await statusAndBody(response);
}

/** @param {string} url @param {string} apiKey @param {string} workflowId */
export async function activate(url, apiKey, workflowId) {
	const answer = await publicApi(url, apiKey, 'POST', `/workflows/${workflowId}/activate`);
	if (answer.status !== 200) {
		throw new Error(`activate ${workflowId} → ${answer.status}: ${JSON.stringify(answer.body)}`);
	}
	return answer.body;
}

/** @param {string} url @param {string} apiKey @param {string} workflowId */
export async function deactivate(url, apiKey, workflowId) {
	const answer = await publicApi(url, apiKey, 'POST', `/workflows/${workflowId}/deactivate`);
	if (answer.status !== 200) {
		throw new Error(`deactivate ${workflowId} → ${answer.status}: ${JSON.stringify(answer.body)}`);
	}
	return answer.body;
}
