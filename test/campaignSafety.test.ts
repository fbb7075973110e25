import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from '../nodes/HeroHealth/transport';
import { itemsOf, locator, runNode } from './helpers/run';
import { startRecording } from './helpers/wire.cjs';
import { control, credentials } from './helpers/sandbox';

/**
 * A campaign that fails or is stopped leaves no patient messaged without a record (issue 12),
 * proved against the local Hero sandbox and its counters: bad rows stop the run before anything
 * is sent, Hero's first refusal halts it with a report of every message already sent, and a
 * cancel stops new requests.
 */

/** Seeded patients with a mobile number. */
const PATIENTS = Array.from({ length: 18 }, (_, i) => String(1001 + i));
const SEND = 'POST /v1/messages/send';

interface Row extends IDataObject {
	row: number;
	patientId: string;
	text: string;
}

function campaign(rows: number, change: (row: Row) => Row = (row) => row): Row[] {
	const runId = Math.random().toString(36).slice(2, 8);
	return Array.from({ length: rows }, (_, row) =>
		change({ row, patientId: PATIENTS[row % PATIENTS.length], text: `Recall ${runId} row ${row}` }),
	);
}

/** Message → Send as n8n stores it: per-row values are expressions, Request Options at defaults. */
const sendParameters = {
	resource: 'message',
	operation: 'send',
	patientId: locator('={{ $json.patientId }}'),
	messageType: 'sms',
	messageText: '={{ $json.text }}',
	additionalFields: {},
};

/** The items a stop report lists as done, `item 3: message_id 5001`, from the error's details. */
function itemsDone(description: unknown): Array<{ item: number; hero: string }> {
	return [...String(description ?? '').matchAll(/item (\d+): (message_id \d+)/g)].map(
		([, item, hero]) => ({ item: Number(item), hero }),
	);
}

async function sentTexts(): Promise<string[]> {
	const messages = ((await control.state()).messages ?? []) as Array<{ content: string }>;
	return messages.map((message) => message.content);
}

beforeEach(async () => {
	await control.reset();
});

describe('a bad row is found before anything is sent', () => {
	it('without Continue On Fail: 0 sends, the error names the row and the field', async () => {
		const rows = campaign(40, (row) => (row.row === 13 ? { ...row, text: '  ' } : row));
		const error = await runNode({
			parameters: sendParameters,
			items: itemsOf(...rows),
			credentials: credentials(),
		}).catch((thrown: unknown) => thrown as Error & { context?: IDataObject });

		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toBe('Message is empty (item 13)');
		const counters = await control.counters();
		expect(counters.received).toBe(0);
		expect(counters.messagesSent.total).toBe(0);
	});

	it('a bad ID in the last row also stops it', async () => {
		const rows = campaign(25, (row) => (row.row === 24 ? { ...row, patientId: '10x1' } : row));
		const error = await runNode({
			parameters: sendParameters,
			items: itemsOf(...rows),
			credentials: credentials(),
		}).catch((thrown: unknown) => thrown as Error);

		expect((error as Error).message).toBe('Patient "10x1" is not a Hero ID (item 24)');
		expect((await control.counters()).received).toBe(0);
	});

	it('with Continue On Fail: bad rows become paired error items and the good rows go', async () => {
		const bad = new Set([3, 17, 29]);
		const rows = campaign(30, (row) => (bad.has(row.row) ? { ...row, text: '' } : row));
		const { output } = await runNode({
			parameters: sendParameters,
			items: itemsOf(...rows),
			credentials: credentials(),
			continueOnFail: true,
		});

		expect(output.map((item) => item.pairedItem)).toEqual(rows.map((row) => ({ item: row.row })));
		for (const row of rows) {
			const item = output[row.row];
			if (bad.has(row.row)) {
				expect(item.json.error).toBe(`Message is empty (item ${row.row})`);
			} else {
				expect(item.json.message_id).toEqual(expect.any(String));
			}
		}
		const counters = await control.counters();
		expect(counters.requests[SEND].received).toBe(27);
		expect((await sentTexts()).sort()).toEqual(
			rows
				.filter((row) => !bad.has(row.row))
				.map((row) => row.text)
				.sort(),
		);
	});

	it('a path parameter of ".", ".." or blanks is refused before sending, naming the field', async () => {
		for (const [value, problem] of [
			['..', 'is ".."'],
			[' . ', 'is "."'],
		]) {
			const error = await runNode({
				// Through an expression: n8n itself refuses a fixed value that fails the locator's check.
				parameters: {
					resource: 'webhook',
					operation: 'delete',
					webhookId: locator(`={{ ${JSON.stringify(value)} }}`),
				},
				credentials: credentials(),
			}).catch((thrown: unknown) => thrown as Error);
			expect((error as Error).message).toBe(
				`Path parameter "id" of DELETE /v1/webhooks/{id} ${problem} (item 0)`,
			);
		}
		const error = await runNode({
			parameters: { resource: 'apiKey', operation: 'revoke', keyId: '..' },
			credentials: credentials(),
		}).catch((thrown: unknown) => thrown as Error);
		expect((error as Error).message).toMatch(/^Path parameter "id" of .* is "\.\." \(item 0\)$/);
		expect((await control.counters()).received).toBe(0);
	});
});

describe('Hero refusing a row stops the run cleanly', () => {
	it('without Continue On Fail: no new request after the failure, and the error names every message sent', async () => {
		// Row 30's patient does not exist: Hero answers 404 for it alone.
		const rows = campaign(200, (row) => (row.row === 30 ? { ...row, patientId: '999999' } : row));
		// A little latency keeps requests in flight when the 404 comes back.
		await control.config({ latencyMs: 5 });
		const error = (await runNode({
			parameters: sendParameters,
			items: itemsOf(...rows),
			credentials: credentials(),
		}).catch((thrown: unknown) => thrown)) as Error & {
			description?: string;
			httpCode?: string;
		};

		expect(error).toBeInstanceOf(Error);
		expect(String(error.httpCode)).toBe('404');
		const counters = await control.counters();
		const stored = ((await control.state()).messages ?? []) as Array<{
			id: string;
			content: string;
		}>;
		const done = itemsDone(error.description);
		// Every message Hero stored is named in the error, with its item and message_id; nothing else.
		expect(done.length).toBe(stored.length);
		expect(done.length).toBeGreaterThan(0);
		const byText = new Map(stored.map((message) => [message.content, message.id]));
		for (const { item, hero } of done) {
			expect(hero).toBe(`message_id ${byText.get(rows[item].text)}`);
			expect(error.description).toContain(`item ${item}: ${hero}`);
		}
		expect(error.message).toMatch(
			new RegExp(
				`^Hero found nothing at POST /v1/messages/send \\(404\\).*\\. The node stopped: ${done.length} of 200 items done, 0 possibly sent, ${200 - done.length} not sent$`,
			),
		);
		// "Not sent: items 28–199." or "items 25, 27, 30–199.": item 30 falls in one of the ranges.
		const notDone = /Not sent: items ([^.]*)\./.exec(String(error.description))?.[1] ?? '';
		const inRange = notDone.split(', ').some((part) => {
			const [from, to = from] = part.split('–').map(Number);
			return from <= 30 && 30 <= to;
		});
		expect(inRange).toBe(true);
		// Every request Hero got is the failure or an item named done: none was abandoned. No item
		// after the ones in progress (twice the concurrency) was started.
		expect(counters.requests[SEND].received).toBe(done.length + 1);
		expect(counters.requests[SEND].received).toBeLessThanOrEqual(31 + 2 * DEFAULT_CONCURRENCY);
		expect(done.map(({ item }) => item)).not.toContain(30);
	}, 30_000);

	it('with Continue On Fail: the refused row is an error item and every other row is sent once', async () => {
		const rows = campaign(60, (row) => (row.row === 30 ? { ...row, patientId: '999999' } : row));
		const { output } = await runNode({
			parameters: sendParameters,
			items: itemsOf(...rows),
			credentials: credentials(),
			continueOnFail: true,
		});
		expect((output[30].error as NodeApiError).httpCode).toBe('404');
		expect(output.filter((item) => item.json.message_id)).toHaveLength(59);
		expect((await control.counters()).messagesSent.total).toBe(59);
	});
});

describe('cancelling the execution', () => {
	/** Counts the requests started on the wire while `fn` runs, calling `onRequest` at each. */
	async function countingRequests<T>(onRequest: (started: number) => void, fn: () => Promise<T>) {
		const recording = startRecording(onRequest);
		try {
			return await fn();
		} finally {
			recording.stop();
		}
	}

	it('starts no request after n8n’s Stop, and names the items done', async () => {
		const rows = campaign(300);
		await control.config({ latencyMs: 5 });
		let stop = () => {};
		let stopped = false;
		let startedAfterStop = 0;
		// The user presses Stop while the 40th request goes out: n8n-core's cancel() aborts its signal.
		const error = await countingRequests(
			(started) => {
				if (stopped) startedAfterStop++;
				if (started === 40) {
					stopped = true;
					stop();
				}
			},
			async () =>
				await runNode({
					parameters: sendParameters,
					items: itemsOf(...rows),
					credentials: credentials(),
					onStart: (execution) => {
						stop = () => execution.cancel();
					},
				}).then(
					() => undefined,
					(thrown: unknown) => thrown as Error & { description?: string },
				),
		);

		expect(stopped).toBe(true);
		expect(startedAfterStop).toBe(0);
		const counters = await control.counters();
		expect(counters.requests[SEND].received).toBeLessThanOrEqual(40);
		// n8n's signal also aborts the requests in flight: the node names every item Hero answered
		// and does not send the interrupted ones again.
		const done = itemsDone(error?.description);
		expect(done.length).toBeGreaterThan(0);
		expect(done.length).toBeLessThanOrEqual(counters.messagesSent.total);
		expect(counters.messagesSent.total).toBeLessThanOrEqual(40);
		expect(error?.description).toMatch(/Not sent: items [^\n]*–299\./);
		// The sends n8n aborted may have reached Hero: listed possibly sent, never not sent.
		const uncertain = (error as { context?: { itemsUncertain?: number[] } }).context
			?.itemsUncertain;
		expect(done.length + (uncertain?.length ?? 0)).toBeGreaterThanOrEqual(
			counters.messagesSent.total,
		);
	}, 30_000);

	it('a run stopped before our node starts sends nothing', async () => {
		let started = 0;
		const error = await countingRequests(
			(count) => (started = count),
			async () =>
				await runNode({
					parameters: sendParameters,
					items: itemsOf(...campaign(5)),
					credentials: credentials(),
					onStart: (execution) => execution.cancel(),
				}).then(
					() => undefined,
					(thrown: Error) => thrown,
				),
		);
		expect(started).toBe(0);
		// n8n reports the run as cancelled; our node never ran.
		expect(error?.message).toMatch(/cancel/i);
		expect((await control.counters()).requests[SEND]?.received ?? 0).toBe(0);
	});
});

describe('default concurrency under a rate limit', () => {
	it('finishes a campaign without a 429 storm and without losing or repeating a row', async () => {
		const rows = campaign(300);
		await control.config({ rateLimitPerSecond: 50, retryAfterSeconds: 1, latencyMs: 20 });
		const { output } = await runNode({
			parameters: sendParameters,
			items: itemsOf(...rows),
			credentials: credentials(),
			continueOnFail: true,
		});
		const counters = await control.counters();
		expect(output.filter((item) => item.json.message_id)).toHaveLength(300);
		expect(counters.messagesSent.total).toBe(300);
		// The first 429 pauses the whole node and sets its rate: a few more at most, not one per row.
		expect(counters.rateLimited).toBeLessThanOrEqual(3 * DEFAULT_CONCURRENCY);
		expect(counters.maxInFlight).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);
	}, 60_000);
});
