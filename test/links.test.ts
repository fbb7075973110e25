import ts from 'typescript';

/**
 * Every link in the README and the docs/ pages resolves: a relative link names a file or folder
 * of the repository, and an anchor (`page.md#section`, `#section`) names a heading of that page as
 * GitHub writes it. Web addresses are not fetched. Files are read with the TypeScript compiler's
 * `sys`: tests may not import `fs`.
 */

const ROOT = (expect.getState().testPath ?? '').replace(/[\\/]test[\\/][^\\/]+$/, '');
const read = (path: string) => ts.sys.readFile(`${ROOT}/${path}`);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
export function slug(heading: string): string {
	return heading
		.trim()
		.replace(/`/g, '')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

/** Markdown without fenced code blocks and inline code, where a bracket is not a link. */
function prose(markdown: string): string {
	return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The anchors of a page's headings, with GitHub's -1, -2 … for repeated ones. */
export function anchorsOf(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	for (const [, heading] of prose(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
		const base = slug(heading);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.add(count ? `${base}-${count}` : base);
	}
	for (const [, id] of markdown.matchAll(/<a (?:name|id)="([^"]+)"/g)) anchors.add(id);
	return anchors;
}

/** Link targets of a page: markdown links and images. */
export function linksOf(markdown: string): string[] {
	return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
		(match) => match[1],
	);
}

/** Joins a relative link to the folder of the page it is on (both relative to the repository). */
function resolve(from: string, target: string): string {
	const parts = from.split('/').slice(0, -1);
	for (const part of target.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.' && part !== '') parts.push(part);
	}
	return parts.join('/');
}

const docs = (ts.sys.readDirectory(`${ROOT}/docs`, ['.md']) ?? []).map((path) =>
	path.slice(ROOT.length + 1),
);
const pages = ['README.md', ...docs];

/** Why a link does not resolve, or undefined when it does. */
function brokenLink(page: string, link: string): string | undefined {
	if (/^(https?:|mailto:)/.test(link)) return undefined;
	const [path, anchor] = link.split('#');
	const target = path ? resolve(page, decodeURI(path)) : page;
	if (!ts.sys.fileExists(`${ROOT}/${target}`) && !ts.sys.directoryExists(`${ROOT}/${target}`)) {
		return `${page}: ${link}: no file ${target}`;
	}
	if (anchor === undefined || !target.endsWith('.md')) return undefined;
	return anchorsOf(read(target) ?? '').has(anchor)
		? undefined
		: `${page}: ${link}: ${target} has no heading #${anchor}`;
}

describe('README and docs links', () => {
	it('the checker knows a broken link from a good one', () => {
		expect(slug('Re-running a campaign')).toBe('re-running-a-campaign');
		expect(slug('403: the key lacks a scope')).toBe('403-the-key-lacks-a-scope');
		expect(anchorsOf('# A\n## B\n```\n# not a heading\n```\n## B')).toEqual(
			new Set(['a', 'b', 'b-1']),
		);
		expect(linksOf('[a](x.md#y) ![p](images/p.png) `[no](link)` [w](https://n8n.io)')).toEqual([
			'x.md#y',
			'images/p.png',
			'https://n8n.io',
		]);
		expect(brokenLink('README.md', 'docs/no-such-page.md')).toMatch(/no file/);
		expect(brokenLink('README.md', '#no-such-section')).toMatch(/no heading/);
		expect(brokenLink('README.md', 'LICENSE')).toBeUndefined();
	});

	it('the README links to every docs page', () => {
		const readmeLinks = linksOf(read('README.md') ?? '').map((link) => link.split('#')[0]);
		expect(docs.length).toBeGreaterThan(0);
		expect(docs.filter((page) => !readmeLinks.includes(page))).toEqual([]);
	});

	it.each(pages)('%s: every relative link and anchor resolves', (page) => {
		const markdown = read(page);
		expect(markdown).toBeDefined();
		const broken = linksOf(markdown ?? '')
			.map((link) => brokenLink(page, link))
			.filter(Boolean);
		expect(broken).toEqual([]);
	});
});
