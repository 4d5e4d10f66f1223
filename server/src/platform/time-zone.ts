// Wall-clock arithmetic for IANA time zones using only Intl: the runtime ships the tz database,
// so offsets (and their daylight-saving changes) are read from it rather than from a library.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

// Offsets on Earth lie between -12:00 and +14:00; an hour of margin on each side.
const EARLIEST_LOCAL_LEAD_MS = 15 * 3_600_000;
const LATEST_LOCAL_LAG_MS = 13 * 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a formatter costs far more than using one, so each zone gets one for the process.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// Settings validate zone names with it too, in the shared contract.
export { canonicalTimeZone } from '../../../contract/index.js';

/** Milliseconds to add to the UTC instant `utcMs` to get the zone's wall-clock reading. */
export function offsetAt(timeZone: string, utcMs: number): number {
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  for (const p of formatterFor(timeZone).formatToParts(utcMs)) {
    switch (p.type) {
      case 'year': year = Number(p.value); break;
      case 'month': month = Number(p.value); break;
      case 'day': day = Number(p.value); break;
      case 'hour': hour = Number(p.value); break;
      case 'minute': minute = Number(p.value); break;
      case 'second': second = Number(p.value); break;
    }
  }
  const wholeSecond = utcMs - (((utcMs % 1000) + 1000) % 1000);
  return Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecond;
}

/** A stretch of UTC instants [from, to) over which the zone's offset does not change. */
export interface OffsetSpan {
  from: number;
  to: number;
  offset: number;
}

// The first whole second after `a` at which the offset differs from offA (offsets change on whole seconds).
function firstChangeAfter(timeZone: string, a: number, offA: number, b: number): number {
  let lo = a;
  let hi = b;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(timeZone, mid) === offA) lo = mid;
    else hi = mid;
  }
  return hi;
}

// Splits [from, to) where the offset changes. Sampling both ends and the middle finds every change
// that real zones make: two changes are always much further apart than the two days searched here.
function offsetSpans(timeZone: string, from: number, to: number): OffsetSpan[] {
  const mid = from + Math.floor((to - from) / 2000) * 1000;
  const samples = [
    { at: from, offset: offsetAt(timeZone, from) },
    { at: mid, offset: offsetAt(timeZone, mid) },
    { at: to, offset: offsetAt(timeZone, to) },
  ];
  const spans: OffsetSpan[] = [];
  let start = from;
  let offset = samples[0]!.offset;
  for (let i = 1; i < samples.length; i++) {
    const next = samples[i]!;
    while (offset !== next.offset) {
      const change = firstChangeAfter(timeZone, start, offset, next.at);
      spans.push({ from: start, to: change, offset });
      start = change;
      offset = offsetAt(timeZone, change);
    }
  }
  spans.push({ from: start, to, offset });
  return spans;
}

/**
 * The UTC instants whose wall-clock date in the zone is the local day `day` (days since
 * 1970-01-01), split where the offset changes. Usually one span of 24 hours; 23 or 25 hours on
 * daylight-saving days.
 */
export function localDaySpans(timeZone: string, day: number): OffsetSpan[] {
  const localStart = day * DAY_MS;
  const localEnd = localStart + DAY_MS;
  const out: OffsetSpan[] = [];
  for (const s of offsetSpans(timeZone, localStart - EARLIEST_LOCAL_LEAD_MS, localEnd + LATEST_LOCAL_LAG_MS)) {
    const from = Math.max(s.from, localStart - s.offset);
    const to = Math.min(s.to, localEnd - s.offset);
    if (from < to) out.push({ from, to, offset: s.offset });
  }
  return out;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date, or null when it is not a real date. */
export function dayNumberOf(isoDate: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export function isoDateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
