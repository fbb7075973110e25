import type { IDataObject } from 'n8n-workflow';

/**
 * A webhook as Hero answers it, minus its signing key: the key stays with whoever set it and never
 * reaches the next node. `has_signing_key` says whether deliveries are signed.
 */
export function withoutSigningKey(webhook: IDataObject): IDataObject {
	const { signing_key: signingKey, ...rest } = webhook;
	return { ...rest, has_signing_key: typeof signingKey === 'string' && signingKey !== '' };
}

/**
 * A copy of any answer with the signing key taken out of every object that has one, however deep
 * (`{data: [webhook, ...]}`, a webhook inside an error...): for outputs that are not one webhook.
 */
export function withoutSigningKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutSigningKeys);
	if (!value || typeof value !== 'object') return value;
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		copy[key] = withoutSigningKeys(entry) as IDataObject[keyof IDataObject];
	}
	return 'signing_key' in copy ? withoutSigningKey(copy) : copy;
}

/** Every `signing_key` text a request body carries, however deep: to scrub from its errors. */
export function signingKeysIn(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(signingKeysIn);
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value as IDataObject).flatMap(([key, entry]) =>
		key === 'signing_key' && typeof entry === 'string' ? [entry] : signingKeysIn(entry),
	);
}
