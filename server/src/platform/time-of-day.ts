// A wall-clock time of day, "HH:MM" in 24-hour form, and the next instant a zone's clocks show it.
import { DAY_MS, MINUTE_MS, offsetAt } from './time-zone.js';

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes after local midnight. */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * The first instant after `afterMs` at which the zone's wall clock reads `time`. On a day when
 * that time does not exist (clocks jump forward over it) it is read in the offset before the
 * jump, so it comes an hour later on the clock and the day is not skipped; on a day it happens
 * twice, the first.
 */
export function nextTimeOfDay(afterMs: number, time: string, timeZone: string): number {
  const minutes = minutesOfDay(time);
  const localDay = Math.floor((afterMs + offsetAt(timeZone, afterMs)) / DAY_MS);
  for (let day = localDay; day <= localDay + 2; day++) {
    const local = day * DAY_MS + minutes * MINUTE_MS;
    // The offset in force at that wall time; try both neighbouring offsets for the DST edges.
    const candidates = [offsetAt(timeZone, local - 14 * 3600_000), offsetAt(timeZone, local + 14 * 3600_000)]
      .map((off) => local - off)
      .filter((utc) => utc + offsetAt(timeZone, utc) === local)
      .sort((a, b) => a - b);
    const at = candidates[0] ?? local - offsetAt(timeZone, local - 14 * 3600_000);
    if (at > afterMs) return at;
  }
  throw new Error('unreachable: a time of day comes within two days');
}
