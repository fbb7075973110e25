import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

// Distinctive, so tests can prove it never shows up in an output or error.
export const FAKE_CREDENTIAL_VALUE = ['hero', 'test', 'credential', '5f0c9a7e2b'].join('-');
export const PRACTICE_GROUP_ID = '731';
export const BASE_URL = 'https://api.herohealth.net';

export const DEFAULT_CREDENTIALS: ICredentialDataDecryptedObject = {
	apiKey: FAKE_CREDENTIAL_VALUE,
	practiceGroupId: PRACTICE_GROUP_ID,
	environment: 'production',
};

/** A resource locator value as n8n stores it. */
export function locator(value: string, mode = 'id') {
	return { __rl: true, mode, value };
}

/** The action node as plain data, for the checks that take a node (validation helpers). */
export const NODE: INode = {
	id: 'hero-node-id',
	name: 'Hero Health',
	type: 'CUSTOM.heroHealth',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
