/**
 * Appends query parameters to a path as `name=a&name=b`: repeated names, as Hero documents the
 * `fields` parameter of Search HCA Consultants (n8n's own `qs` would write `name[0]=a`).
 * Parameters without a name are left out.
 */
export function withQuery(path: string, parameters: Array<[string, string]>): string {
	const pairs = parameters
		.filter(([name]) => name !== '')
		.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
	if (!pairs.length) return path;
	return `${path}${path.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}
