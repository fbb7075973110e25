/**
 * A query string for Hero's array parameters (`status[]=open&status[]=closed`). n8n's HTTP helper
 * writes arrays as `status[0]=open` by default, so these are built here and appended to the path.
 */
export function arrayQuery(params: Record<string, string[] | undefined>): string {
	const parts: string[] = [];
	for (const [name, values] of Object.entries(params)) {
		for (const value of values ?? []) {
			parts.push(`${encodeURIComponent(`${name}[]`)}=${encodeURIComponent(value)}`);
		}
	}
	return parts.join('&');
}
