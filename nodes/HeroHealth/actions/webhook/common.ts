import type { IDataObject } from 'n8n-workflow';

/**
 * A webhook as Hero answers it, minus its signing key: the key stays with whoever set it and never
 * reaches the next node. `has_signing_key` says whether deliveries are signed.
 */
export function withoutSigningKey(webhook: IDataObject): IDataObject {
	const { signing_key: signingKey, ...rest } = webhook;
	return { ...rest, has_signing_key: typeof signingKey === 'string' && signingKey !== '' };
}
