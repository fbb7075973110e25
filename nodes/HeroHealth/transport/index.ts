export {
	DEFAULT_CONCURRENCY,
	DEFAULT_POLICY,
	HeroClient,
	RequestWithheld,
	type RequestPolicy,
} from './client';
export type { HeroContext } from './context';
export { CREDENTIAL_NAME } from './credentials';
export {
	endpointRequest,
	type Endpoint,
	type EndpointRequest,
	type HeroRequest,
	type InferredPart,
} from './endpoints';
export { FIRST_PAGE_INDEX, MAX_PAGE_SIZE, MAX_PAGES, unwrapList } from './paging';
export { RunOutcomes, sortItems, stopReportText, type SortedItems } from './outcomes';
