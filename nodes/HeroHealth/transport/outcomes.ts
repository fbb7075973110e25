/**
 * What happened to each item of a node run, for the report of a run that stops. The router creates
 * one per run; the transport tells it, per item, when Hero may have changed something for it.
 */
export class RunOutcomes {
	/**
	 * Items for which Hero may have acted: a request that changes something went through, or failed
	 * after it may have reached Hero (see failureOutcome in retry.ts).
	 */
	readonly heroMayHaveActed = new Set<number>();

	/** Every failure of the run, by item (a Hero error, a network error, an abort on Stop). */
	readonly failures = new Map<number, unknown>();

	/** A request of the item that changes something went through, or may have. */
	mayHaveActed(itemIndex: number | undefined): void {
		if (itemIndex !== undefined) this.heroMayHaveActed.add(itemIndex);
	}

	failed(itemIndex: number, error: unknown): void {
		this.failures.set(itemIndex, error);
	}
}

export interface DoneItem {
	item: number;
	/** Hero's ID for what the item did, e.g. `message_id 5001`. */
	hero: string;
}

export interface SortedItems {
	/** Hero answered: the item's result is known. */
	done: DoneItem[];
	/** The item's request may have reached Hero (or part of its work did): check it in Hero. */
	possiblySent: number[];
	/** Nothing of the item reached Hero, or Hero surely refused it: safe to run again. */
	notSent: number[];
}

/**
 * Puts every item of a run in exactly one list. `doneIds` holds the items that finished, with
 * Hero's ID for each; an item that did not finish is possibly sent when Hero may have acted for it,
 * else not sent (it failed locally, was refused, was withheld after the halt, or never started).
 */
export function sortItems(
	total: number,
	doneIds: ReadonlyMap<number, string>,
	heroMayHaveActed: ReadonlySet<number>,
): SortedItems {
	const sorted: SortedItems = { done: [], possiblySent: [], notSent: [] };
	for (let item = 0; item < total; item++) {
		const hero = doneIds.get(item);
		if (hero !== undefined) sorted.done.push({ item, hero });
		else if (heroMayHaveActed.has(item)) sorted.possiblySent.push(item);
		else sorted.notSent.push(item);
	}
	return sorted;
}

/** `3, 5–9, 12` */
export function ranges(indexes: number[]): string {
	const parts: string[] = [];
	for (let i = 0; i < indexes.length; i++) {
		let j = i;
		while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
		parts.push(i === j ? `${indexes[i]}` : `${indexes[i]}–${indexes[j]}`);
		i = j;
	}
	return parts.join(', ');
}

export const STOP_ADVICE =
	'Check the possibly-sent items in Hero, then re-run the not-sent ones (see the README: "When a run stops").';

export interface StopReportText {
	/** Appended to the error's message. */
	summary: string;
	/** Lines appended to the error's description. */
	lines: string[];
}

/**
 * The words of a stop report: one summary for the message, and the lists, failures and advice for
 * the description, all from the same three lists so they cannot disagree.
 */
export function stopReportText(
	total: number,
	sorted: SortedItems,
	failures: Array<{ item: number; message: string }>,
): StopReportText {
	const { done, possiblySent, notSent } = sorted;
	const summary = `The node stopped: ${done.length} of ${total} items done, ${possiblySent.length} possibly sent, ${notSent.length} not sent`;
	const lines = [
		`${summary}.`,
		done.length
			? `Done (Hero answered; n8n keeps no output for a node that fails, so here they are with Hero’s ID): ${done.map(({ item, hero }) => `item ${item}: ${hero}`).join('; ')}.`
			: '',
		possiblySent.length
			? `Possibly sent (the request may have reached Hero): items ${ranges(possiblySent)}.`
			: '',
		notSent.length ? `Not sent: items ${ranges(notSent)}.` : '',
		failures.length
			? `Failure${failures.length === 1 ? '' : 's'}: ${failures.map(({ item, message }) => `item ${item}: ${message}`).join('; ')}.`
			: '',
		possiblySent.length
			? STOP_ADVICE
			: 'Fix the cause, then re-run the not-sent items (see the README: "When a run stops").',
	];
	return { summary, lines: lines.filter(Boolean) };
}
