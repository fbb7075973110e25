import ts from 'typescript';

import { HeroHealthApi } from '../credentials/HeroHealthApi.credentials';

/**
 * The Docs links n8n shows (the node's codex, the credential's documentationUrl) open this
 * package's README, at a section that exists; the README keeps the sections of n8n's
 * community-node template, plus Troubleshooting, in under 300 lines. Files are read with the TypeScript compiler's `sys`: tests may not
 * import `fs`.
 */

const ROOT = (expect.getState().testPath ?? '').replace(/[\\/]test[\\/][^\\/]+$/, '');
const read = (path: string) => ts.sys.readFile(`${ROOT}/${path}`) ?? '';
const pkg = JSON.parse(read('package.json')) as { homepage: string };
const readme = read('README.md');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
const anchor = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchor(match[1])));

/** The README section a documentation URL points at, or why it does not point at one. */
function sectionOf(url: string): string {
	const [base, hash] = url.split('#');
	if (base !== pkg.homepage) return `not this package's page: ${url}`;
	return anchors.has(hash) ? hash : `no README section #${hash}`;
}

describe('documentation links', () => {
	it('the README has the sections of n8n’s community-node template', () => {
		for (const section of [
			'installation',
			'operations',
			'credentials',
			'compatibility',
			'usage',
			'resources',
			'version-history',
			'troubleshooting',
		]) {
			expect(anchors).toContain(section);
		}
		// Written for the person who installs the node: installing comes first, developing is in docs/.
		expect(readme.indexOf('## Installation')).toBeLessThan(readme.indexOf('## Operations'));
		expect(readme).not.toContain('## Quick start');
		expect(readme.split('\n').length).toBeLessThan(300);
	});

	it.each([
		['nodes/HeroHealth/HeroHealth.node.json', 'operations'],
		['nodes/HeroHealthTrigger/HeroHealthTrigger.node.json', 'hero-health-trigger'],
	])('%s: the Docs tab opens the README at #%s', (codexFile, section) => {
		const codex = JSON.parse(read(codexFile)) as {
			resources: Record<string, Array<{ url: string }>>;
		};
		expect(codex.resources.primaryDocumentation.map(({ url }) => sectionOf(url))).toEqual([
			section,
		]);
		expect(codex.resources.credentialDocumentation.map(({ url }) => sectionOf(url))).toEqual([
			'credentials',
		]);
	});

	it('the credential’s documentation link opens the README at #credentials', () => {
		expect(sectionOf(new HeroHealthApi().documentationUrl)).toBe('credentials');
	});

	it('Hero’s API reference stays under Resources', () => {
		const resources = readme.slice(
			readme.indexOf('## Resources'),
			readme.indexOf('## Version history'),
		);
		expect(resources).toContain('https://developer.herohealth.net/apis/public-api/openapi');
	});
});
