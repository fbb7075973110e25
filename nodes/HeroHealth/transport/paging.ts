import type { IDataObject, IHttpRequestMethods, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Hero's list endpoints take `page_index` and `page_size`. The reference does not say where
 * page_index starts; every sample request uses `page_index=0`, so the first page is 0.
 */
export const FIRST_PAGE_INDEX = 0;
export const MAX_PAGE_SIZE = 100;

/** What paging needs of a request: it adds page_index/page_size to `qs` and names the rest in errors. */
export interface PageRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	itemIndex?: number;
}

/** The records of a list answer: Hero's `{data, count}` envelope, or a bare array. */
export function unwrapList(response: unknown): IDataObject[] {
	if (Array.isArray(response)) return response as IDataObject[];
	if (response && typeof response === 'object') {
		const { data } = response as { data?: unknown };
		if (Array.isArray(data)) return data as IDataObject[];
		if (data && typeof data === 'object') return [data as IDataObject];
		return Object.keys(response).length ? [response as IDataObject] : [];
	}
	return [];
}

function totalCount(response: unknown): number | undefined {
	const count = (response as { count?: unknown } | undefined)?.count;
	return typeof count === 'number' ? count : undefined;
}

/** Return All stops here whatever the answers say: 1,000 pages of 100 records. */
export const MAX_PAGES = 1000;

/** A record's identity for de-duplication: its `id` (or `uuid`), else undefined. */
function recordId(record: IDataObject): string | undefined {
	const id = record?.id ?? record?.uuid;
	return id === undefined || id === null || typeof id === 'object' ? undefined : String(id);
}

/**
 * Reads a list: every page when `limit` is undefined (Return All), else at most `limit` records.
 * Paged endpoints are walked with page_index/page_size; the others answer in one go.
 *
 * Where the list ends: when Hero gives a `count`, reading goes on until that many records are in,
 * whatever the length of each page (Hero may cap page_size below what the node asks); if the pages
 * run out first (an empty page), the list is short and the node fails saying how many of how many
 * it got, or, with `onShortList`, hands that text over and returns what it has. Without a `count`,
 * a page shorter than page_size is the last.
 *
 * A list that ignores page_index would never end, so walking stops when a page repeats the ids of
 * the one before, when a page is longer than page_size, or after MAX_PAGES: if Hero's `count` shows
 * the records are complete they are returned, else the node fails and says what it saw. Records are
 * de-duplicated by id either way.
 */
export async function readList<R extends PageRequest>(
	node: INode,
	send: (request: R) => Promise<unknown>,
	request: R,
	paged: boolean,
	limit?: number,
	onShortList?: (text: string) => void,
): Promise<IDataObject[]> {
	if (!paged) {
		const records = unwrapList(await send(request));
		return limit === undefined ? records : records.slice(0, limit);
	}
	const pageSize =
		limit === undefined ? MAX_PAGE_SIZE : Math.max(1, Math.min(limit, MAX_PAGE_SIZE));
	const records: IDataObject[] = [];
	const seen = new Set<string>();
	let previousIds = '';
	for (let pages = 1; ; pages++) {
		const pageIndex = FIRST_PAGE_INDEX + pages - 1;
		const response = await send({
			...request,
			qs: { ...request.qs, page_index: pageIndex, page_size: pageSize },
		});
		const page = unwrapList(response);
		const ids = page.map(recordId);
		for (const [index, record] of page.entries()) {
			const id = ids[index];
			if (id !== undefined) {
				if (seen.has(id)) continue;
				seen.add(id);
			}
			records.push(record);
		}
		const count = totalCount(response);
		const done =
			(count === undefined ? page.length < pageSize : records.length >= count) ||
			(limit !== undefined && records.length >= limit);
		if (done) break;
		if (count !== undefined && page.length === 0) {
			const wanted = limit === undefined ? count : Math.min(limit, count);
			const where = `${request.method} ${request.path}${request.itemIndex === undefined ? '' : ` (item ${request.itemIndex})`}`;
			const text = `Got ${records.length} of ${wanted} records from ${where}: Hero's count says ${count}, but page_index ${pageIndex} answered none`;
			if (onShortList) {
				onShortList(text);
				break;
			}
			throw new NodeOperationError(node, text, {
				itemIndex: request.itemIndex,
				description: `The list came back shorter than Hero says it is, so none of it is output: a list used for a campaign must not be silently short. Run again; if it stays short, turn off Return All and set a Limit, narrow the list with filters, or report it to Hero.`,
			});
		}
		const pageIds = ids.every((id) => id !== undefined) ? ids.join('\u0000') : '';
		let problem: string | undefined;
		if (pageIds && pageIds === previousIds) {
			problem = `page_index ${pageIndex} answered the same ${page.length} records as page_index ${pageIndex - 1}: the list seems to ignore page_index`;
		} else if (page.length > pageSize) {
			problem = `page_index ${pageIndex} answered ${page.length} records for page_size ${pageSize}: the list seems to ignore page_size`;
		} else if (pages >= MAX_PAGES) {
			problem = `it answered ${MAX_PAGES} full pages (${records.length} records) without reaching the end`;
		}
		if (problem) {
			throw new NodeOperationError(
				node,
				`Stopped reading ${request.method} ${request.path} after ${pages} request${pages === 1 ? '' : 's'}: ${problem}${request.itemIndex === undefined ? '' : ` (item ${request.itemIndex})`}`,
				{
					itemIndex: request.itemIndex,
					description: `Return All reads pages until Hero's list ends; this one did not end, and its ${records.length} distinct records so far may be incomplete, so none are output. Turn off Return All and set a Limit, or narrow the list with filters.`,
				},
			);
		}
		previousIds = pageIds;
	}
	return limit === undefined ? records : records.slice(0, limit);
}
