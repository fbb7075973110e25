/**
 * Signatures of deliveries already accepted, so the same signed delivery sent again within
 * Maximum Delivery Age starts nothing. A signature is an HMAC under a key made fresh on every
 * activation, so it names one delivery to one trigger and the cache can be shared by all of them.
 *
 * Module-level on purpose, and the only such state in the package: n8n gives a webhook call no
 * memory that outlives it except static data, which is saved only after an execution and is not
 * meant for one write per delivery. So this covers one n8n process; in queue mode each webhook
 * process remembers its own deliveries. Bounded: an entry lives until its delivery's timestamp is
 * out of the window anyway, and past MAX_ENTRIES the oldest are forgotten first.
 */

export const MAX_ENTRIES = 20_000;

/** Signature (hex HMAC) → time (ms) after which the timestamp check refuses it on its own. */
const accepted = new Map<string, number>();

function forgetExpired(now: number): void {
	for (const [signature, expiresAt] of accepted) {
		if (expiresAt <= now) accepted.delete(signature);
	}
}

/**
 * Records a verified delivery; answers true when the same signature was already accepted and is
 * still inside its window (a replay). The check and the record are one synchronous step, so two
 * copies arriving together cannot both pass.
 */
export function isReplay(signature: string, expiresAt: number, now: number): boolean {
	const known = accepted.get(signature);
	if (known !== undefined && known > now) return true;
	if (accepted.size >= MAX_ENTRIES) {
		forgetExpired(now);
		// Still full: forget the oldest tenth in one go, so this sweep does not run on every call.
		if (accepted.size >= MAX_ENTRIES) {
			let drop = Math.ceil(MAX_ENTRIES / 10);
			for (const signature of accepted.keys()) {
				if (drop-- <= 0) break;
				accepted.delete(signature);
			}
		}
	}
	accepted.delete(signature);
	accepted.set(signature, expiresAt);
	return false;
}

/** How many signatures are remembered (for tests and the README's memory figure). */
export function rememberedDeliveries(): number {
	return accepted.size;
}

/** Forgets every delivery: for tests, which deliver the same signed body again on purpose. */
export function forgetDeliveries(): void {
	accepted.clear();
}
