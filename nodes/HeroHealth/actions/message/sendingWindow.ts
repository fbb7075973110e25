/*
 * The practice's sending window (Campaign Options → Sending Window): wall-clock hours on chosen
 * weekdays in the workflow's time zone. Worked out with Intl (no date library: the package has no
 * runtime dependency), so a clock change moves the window with the wall clock.
 */

import { zoneOffsetMinutes, zoneWallClock } from '../../helpers/validation';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface SendingWindow {
	/** Minutes after local midnight. */
	start: number;
	end: number;
	days: Set<Weekday>;
	timeZone: string;
}

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	weekday: Weekday;
}

function wallClock(instant: number, timeZone: string): WallClock {
	const { year, month, day, hour, minute } = zoneWallClock(timeZone, instant);
	const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
	return { year, month, day, hour, minute, weekday };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
	return zoneOffsetMinutes(timeZone, instant) * 60_000;
}

/** The instant a wall-clock time happens in the zone (the later offset when it happens twice). */
function instantOf(
	year: number,
	month: number,
	day: number,
	minutes: number,
	timeZone: string,
): number {
	const asUtc = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
	let instant = asUtc - offsetAt(asUtc, timeZone);
	instant = asUtc - offsetAt(instant, timeZone);
	return instant;
}

/** 'HH:MM' as minutes after midnight, or undefined when it is not a time of day. */
export function minutesOf(text: string): number | undefined {
	const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
	return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function isInside(window: SendingWindow, instant: number): boolean {
	const wall = wallClock(instant, window.timeZone);
	const minutes = wall.hour * 60 + wall.minute;
	return window.days.has(wall.weekday) && minutes >= window.start && minutes < window.end;
}

/** The first start of the window after the instant, or undefined when the window has no day. */
export function nextStart(window: SendingWindow, instant: number): number | undefined {
	const today = wallClock(instant, window.timeZone);
	for (let offset = 0; offset <= 7; offset++) {
		const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
		const weekday = WEEKDAYS[date.getUTCDay()];
		if (!window.days.has(weekday)) continue;
		const start = instantOf(
			date.getUTCFullYear(),
			date.getUTCMonth() + 1,
			date.getUTCDate(),
			window.start,
			window.timeZone,
		);
		if (start > instant) return start;
	}
	return undefined;
}

/** The instant as the practice reads it: `2026-03-30T08:00:00+01:00`. */
export function localIso(instant: number, timeZone: string): string {
	const wall = wallClock(instant, timeZone);
	const offset = Math.round(offsetAt(instant, timeZone) / 60000);
	const sign = offset < 0 ? '-' : '+';
	const pad = (value: number) => String(value).padStart(2, '0');
	return (
		`${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:00` +
		`${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
	);
}
