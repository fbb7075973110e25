export interface RecordedRequest {
	method: string;
	/** Origin and path as sent, without the query string. */
	url: string;
	/** Header names lower-cased, as on the wire. */
	headers: Record<string, string>;
	/** The query as parsed back from the wire (values are strings; a repeated name gives an array). */
	qs?: Record<string, string | string[]>;
	/** The query string as it goes on the wire, e.g. `ids=1&ids=2`. */
	query: string;
	/** The body as sent: parsed when it is JSON, else the text; undefined when there was none. */
	body?: unknown;
	/** performance.now() when n8n's HTTP client was handed the request (after authentication). */
	startedAt: number;
	/** Requests on the wire when this one was written, this one included. */
	inFlight: number;
}

/** Runs `fn` and returns what it returned, with every HTTP request made meanwhile. */
export function recordRequests<T>(
	fn: () => Promise<T>,
): Promise<{ result: T; requests: RecordedRequest[] }>;

/** Starts recording every HTTP request made in this process until `stop()`; `onRequest` sees each start. */
export function startRecording(onRequest?: (count: number) => void): {
	requests: RecordedRequest[];
	stop: () => void;
};
