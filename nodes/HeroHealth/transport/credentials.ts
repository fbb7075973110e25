import type { IAdditionalCredentialOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialBaseUrl } from '../../../credentials/HeroHealthApi.credentials';
import type { HeroContext } from './context';

export const CREDENTIAL_NAME = 'heroHealthApi';

export interface CredentialInfo {
	baseUrl: string;
	/** Values no error may show (the API key and the practice group ID). */
	secrets: string[];
	/** Handed back to n8n with each request, so it does not decrypt the credential again. */
	decrypted: IAdditionalCredentialOptions;
}

/** Reads and checks the Hero credential: its base URL, its secrets, and the decrypted data. */
export async function readCredential(context: HeroContext): Promise<CredentialInfo> {
	const credentials = await context.getCredentials(CREDENTIAL_NAME);
	// Checked before any request, so it reads as what it is and not as a network failure.
	const { baseUrl, problem } = credentialBaseUrl(credentials);
	if (problem !== undefined) throw new NodeOperationError(context.getNode(), problem);
	return {
		baseUrl,
		secrets: [String(credentials.apiKey ?? ''), String(credentials.practiceGroupId ?? '')],
		decrypted: {
			credentialsDecrypted: {
				id: '',
				name: CREDENTIAL_NAME,
				type: CREDENTIAL_NAME,
				data: credentials,
			},
		},
	};
}
