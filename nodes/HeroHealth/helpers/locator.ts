/**
 * The ID in a resource locator that sits inside a collection (Additional Fields, Update Fields,
 * Filters), where n8n hands over the whole `{ __rl, mode, value }` object; a plain value passes through.
 */
export function locatorValue(value: unknown): string {
	if (value && typeof value === 'object' && 'value' in value) {
		return String((value as { value: unknown }).value ?? '').trim();
	}
	return String(value ?? '').trim();
}
