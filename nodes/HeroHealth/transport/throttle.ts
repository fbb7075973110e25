/*
 * The throttle of one node run: every request takes a slot (at most `concurrency` out at once) and
 * a start turn before it goes out. Why each part exists:
 * - Slots: a node run fans items out in parallel; Request Options → Concurrency bounds that.
 * - Rate cap: Max Requests per Second, for the rate in a Hero partner agreement.
 * - Learned rate (AIMD): a 429 means the node as a whole goes too fast, so the first one pauses
 *   every request for Hero's wait and sets the rate to what Hero accepted over the last second;
 *   later 429s lower it (multiplicative decrease) and successes raise it slowly again.
 * - Start gap: n8n's HTTP client spends most of a millisecond of CPU on each request and opens a
 *   new connection for it, so requests started in the same turn come back in lock-step waves;
 *   spacing starts by 1 ms keeps a steady flow (`npm run bench`, concurrency 10: about 430
 *   messages/s with the gap, 367 without).
 */
import { sleep } from 'n8n-workflow';

export interface ThrottleLimits {
	/** Requests in flight at once; 0 means no limit. */
	concurrency: number;
	/** Upper bound on request starts per second; 0 means no cap. */
	maxRequestsPerSecond: number;
}

const RATE_DECREASE = 0.85;
const RATE_INCREASE_PER_SECOND = 1.03;
const SUCCESS_WINDOW_MS = 1000;
const START_GAP_MS = 1;

export class Throttle {
	limits: ThrottleLimits = { concurrency: 0, maxRequestsPerSecond: 0 };

	/** No request starts before this time (ms since epoch): set by the first 429. */
	private pausedUntil = 0;
	/** Earliest start of the next request under the rate cap or the learned rate. */
	private nextStartAt = 0;
	/** Request starts per second learned from 429s; 0 until the first one (no limit known). */
	private learnedRate = 0;
	/** When the learned rate last went down: 429s of requests started before it are old news. */
	private lastDecreaseAt = 0;
	private lastIncreaseAt = 0;
	/** Start times of recent successful requests, to measure the rate Hero accepted. */
	private recentSuccesses: number[] = [];
	/** performance.now() of the last request start, for the start gap. */
	private lastStartAt = -Infinity;
	/** Requests waiting for the start gap, one event-loop turn after another. */
	private startQueue: Promise<void> = Promise.resolve();
	/** Requests holding a slot: out, or about to start. */
	private inFlight = 0;
	/** Requests waiting for a slot, first come first served. */
	private slotWaiters: Array<() => void> = [];

	/** Takes a slot and waits for the request's turn; answers its start time. Pair with release(). */
	async acquire(): Promise<number> {
		await this.acquireSlot();
		return await this.awaitTurn();
	}

	/** Gives the slot back, straight to the first waiter if there is one. */
	release(): void {
		const next = this.slotWaiters.shift();
		if (next) next();
		else this.inFlight--;
	}

	/**
	 * A 429 for a request started at `startedAt`, with Hero's wait. Requests already in flight
	 * when the rate went down do not count twice.
	 */
	onRateLimited(startedAt: number, waitMs: number): void {
		const now = Date.now();
		if (startedAt < this.lastDecreaseAt) return;
		if (this.learnedRate === 0) {
			this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
			const accepted = this.recentSuccesses.filter((t) => t > now - SUCCESS_WINDOW_MS).length;
			this.learnedRate = Math.max(1, accepted * RATE_DECREASE);
		} else {
			this.learnedRate = Math.max(0.5, this.learnedRate * RATE_DECREASE);
		}
		this.lastDecreaseAt = now;
		this.lastIncreaseAt = now;
		this.nextStartAt = Math.max(this.nextStartAt, this.pausedUntil);
	}

	/** Records a success; once a rate was learned, speeds up again gradually. */
	onSuccess(startedAt: number): void {
		if (this.learnedRate === 0) {
			const successes = this.recentSuccesses;
			successes.push(startedAt);
			// Only the last second matters; trim in batches to keep this cheap per request.
			if (successes.length > 256 && successes[0] < startedAt - SUCCESS_WINDOW_MS) {
				this.recentSuccesses = successes.filter((t) => t > startedAt - SUCCESS_WINDOW_MS);
			}
			return;
		}
		const now = Date.now();
		if (now - this.lastIncreaseAt >= 1000) {
			this.learnedRate *= RATE_INCREASE_PER_SECOND ** ((now - this.lastIncreaseAt) / 1000);
			this.lastIncreaseAt = now;
		}
	}

	private async acquireSlot(): Promise<void> {
		const { concurrency } = this.limits;
		if (concurrency <= 0 || this.inFlight < concurrency) {
			this.inFlight++;
			return;
		}
		// release() hands its slot straight to the first waiter, so the count does not change.
		await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
	}

	/** Waits until the next request may start, books its start, and returns that time. */
	private async awaitTurn(): Promise<number> {
		for (;;) {
			const now = Date.now();
			if (this.pausedUntil > now) {
				await sleep(this.pausedUntil - now);
				continue;
			}
			const { maxRequestsPerSecond } = this.limits;
			let rate = this.learnedRate;
			if (maxRequestsPerSecond > 0)
				rate = rate > 0 ? Math.min(rate, maxRequestsPerSecond) : maxRequestsPerSecond;
			if (rate > 0) {
				const startAt = Math.max(now, this.nextStartAt);
				this.nextStartAt = startAt + 1000 / rate;
				if (startAt > now) await sleep(startAt - now);
				return startAt;
			}
			await this.awaitStartGap();
			// A 429 may have paused the node while this request waited for its gap.
			if (this.pausedUntil <= Date.now()) return Date.now();
		}
	}

	/** Waits, one event-loop turn at a time and in arrival order, until the start gap has passed. */
	private async awaitStartGap(): Promise<void> {
		while (performance.now() - this.lastStartAt < START_GAP_MS) {
			await (this.startQueue = this.startQueue.then(async () => await sleep(0)));
		}
		this.lastStartAt = performance.now();
	}
}
