// Report intervals (15 minutes, an hour, a day) as the contact center's clock reads them: a
// day starts at local midnight, and daylight-saving days are 23 or 25 hours long.
import { DAY_MS, localDaySpans, offsetAt } from '../../platform/time-zone.js';
import type { CallInterval } from '../../../../contract/index.js';

const FIXED_MS: Record<Exclude<CallInterval, 'day'>, number> = { '15min': 15 * 60_000, hour: 3_600_000 };

/** The start (UTC ms) of the interval that holds `at`. */
export function intervalStart(kind: CallInterval, timeZone: string, at: number): number {
  const local = at + offsetAt(timeZone, at);
  if (kind === 'day') return localDaySpans(timeZone, Math.floor(local / DAY_MS))[0]!.from;
  const size = FIXED_MS[kind];
  return at - (((local % size) + size) % size);
}

/** The end (UTC ms, exclusive) of the interval starting at `start`. */
export function intervalEnd(kind: CallInterval, timeZone: string, start: number): number {
  if (kind !== 'day') return start + FIXED_MS[kind];
  const local = start + offsetAt(timeZone, start);
  const spans = localDaySpans(timeZone, Math.floor(local / DAY_MS));
  return spans[spans.length - 1]!.to;
}

/** Splits [from, to) at interval boundaries: each piece with the start of its interval. */
export function splitByInterval(kind: CallInterval, timeZone: string, from: number, to: number): { start: number; from: number; to: number }[] {
  const out: { start: number; from: number; to: number }[] = [];
  let a = from;
  while (a < to) {
    const start = intervalStart(kind, timeZone, a);
    const end = Math.min(intervalEnd(kind, timeZone, start), to);
    out.push({ start, from: a, to: end });
    a = end;
  }
  return out;
}
