// A calendar's days turned into UTC open intervals, each with the open time accumulated before it.
// Any question ("how much open time between a and b", "when has m minutes of it passed") then
// costs a table look-up and a scan of one day's few intervals, with no per-minute loop: the
// scheduler asks it hundreds of thousands of times per sweep.
//
// Days are built once per calendar object, on first use, and kept: a table row per local date
// between the earliest and latest date asked about (a few thousand for years of cases).
import { parseBusinessCalendar, minutesOfDay, type BusinessCalendar } from './business-calendar-schema.js';
import { DAY_MS, MINUTE_MS, dayNumberOf, localDaySpans, weekdayOf } from '../../platform/time-zone.js';

/** One local date of the calendar, in UTC milliseconds. */
export interface CalendarDay {
  /** Days since 1970-01-01 of the local date. */
  readonly day: number;
  /** The instants whose local date this is: [start, end). */
  readonly start: number;
  readonly end: number;
  /** Open intervals, flat [start0, end0, start1, end1, …], sorted and disjoint. */
  readonly open: readonly number[];
  readonly openMs: number;
  /** Open milliseconds from the table's first day up to `start` (negative before it). */
  openBefore: number;
}

// The table is bounded so that a corrupt timestamp fails fast instead of building centuries of days.
const FIRST_DAY = dayNumberOf('1970-01-01')!;
const LAST_DAY = dayNumberOf('2199-12-31')!;

export class CalendarDays {
  private readonly timeZone: string;
  private readonly weekly: number[][];
  private readonly extraDayHours: number[];
  private readonly holidays: Set<number>;
  private readonly extraDays: Set<number>;
  private table: CalendarDay[] = [];
  private first = 0;

  constructor(cal: BusinessCalendar) {
    this.timeZone = cal.timeZone;
    this.weekly = cal.weeklyHours.map((hours) =>
      [...hours].sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start)).flatMap((h) => [minutesOfDay(h.start), minutesOfDay(h.end)]),
    );
    this.extraDayHours = this.weekly[cal.extraWorkingDayHoursFrom ?? 1]!;
    this.holidays = new Set(cal.holidays.map((d) => dayNumberOf(d)!));
    this.extraDays = new Set(cal.extraWorkingDays.map((d) => dayNumberOf(d)!));
  }

  /** The row of local day `n`, building the rows between it and the table if needed. */
  day(n: number): CalendarDay {
    const i = n - this.first;
    if (i >= 0 && i < this.table.length) return this.table[i]!;
    if (!(n >= FIRST_DAY && n <= LAST_DAY)) throw new RangeError('Dates must lie between 1970 and 2199');
    if (this.table.length === 0) {
      this.first = n;
      this.table.push(this.build(n, 0));
    } else if (i >= this.table.length) {
      for (let k = this.first + this.table.length; k <= n; k++) {
        const prev = this.table[this.table.length - 1]!;
        this.table.push(this.build(k, prev.openBefore + prev.openMs));
      }
    } else {
      const earlier: CalendarDay[] = [];
      let after = this.table[0]!.openBefore;
      for (let k = this.first - 1; k >= n; k--) {
        const d = this.build(k, 0);
        d.openBefore = after - d.openMs;
        after = d.openBefore;
        earlier.push(d);
      }
      this.table = earlier.reverse().concat(this.table);
      this.first = n;
    }
    return this.table[n - this.first]!;
  }

  /** The row of the local date that instant `t` falls on. */
  dayOf(t: number): CalendarDay {
    if (!Number.isFinite(t)) throw new RangeError('Invalid date');
    let d = this.day(Math.floor(t / DAY_MS));
    while (t < d.start) d = this.day(d.day - 1);
    while (t >= d.end) d = this.day(d.day + 1);
    return d;
  }

  /** Open milliseconds from the table's origin to `t`: differences of positions are open time. */
  position(t: number): number {
    const d = this.dayOf(t);
    const o = d.open;
    let p = d.openBefore;
    for (let i = 0; i < o.length; i += 2) {
      const s = o[i]!;
      const e = o[i + 1]!;
      if (t >= e) p += e - s;
      else {
        if (t > s) p += t - s;
        break;
      }
    }
    return p;
  }

  isOpen(t: number): boolean {
    const o = this.dayOf(t).open;
    for (let i = 0; i < o.length; i += 2) {
      if (t < o[i]!) return false;
      if (t < o[i + 1]!) return true;
    }
    return false;
  }

  /** The first open instant at or after `t`. */
  nextOpening(t: number): number {
    for (let d = this.dayOf(t); ; d = this.day(d.day + 1)) {
      const o = d.open;
      for (let i = 0; i < o.length; i += 2) if (t < o[i + 1]!) return Math.max(o[i]!, t);
    }
  }

  /**
   * The earliest instant by which `ms` of open time has passed since `t`. A zero duration is due at
   * the next opening. Otherwise the result lies inside an open interval or exactly at its end, so
   * time that runs out at closing is due at closing, not the next morning.
   */
  addOpenMs(t: number, ms: number): number {
    if (ms === 0) return this.nextOpening(t);
    const target = this.position(t) + ms;
    let d = this.dayOf(t);
    while (d.openBefore + d.openMs < target) d = this.day(d.day + 1);
    const o = d.open;
    let acc = d.openBefore;
    for (let i = 0; i < o.length; i += 2) {
      const len = o[i + 1]! - o[i]!;
      if (acc + len >= target) return o[i]! + (target - acc);
      acc += len;
    }
    throw new Error('unreachable: the day was chosen because its open time reaches the target');
  }

  private build(n: number, openBefore: number): CalendarDay {
    const hours = this.holidays.has(n) ? [] : this.extraDays.has(n) ? this.extraDayHours : this.weekly[weekdayOf(n)]!;
    const spans = localDaySpans(this.timeZone, n);
    const base = n * DAY_MS;
    const open: number[] = [];
    // Open means "the local wall clock reads a time inside the hours". Within each stretch of
    // constant offset that maps wall times straight to instants; on a daylight-saving day, hours
    // in the skipped hour are never open and hours in the repeated hour are open twice.
    for (const span of spans) {
      for (let j = 0; j < hours.length; j += 2) {
        const s = Math.max(span.from, base + hours[j]! * MINUTE_MS - span.offset);
        const e = Math.min(span.to, base + hours[j + 1]! * MINUTE_MS - span.offset);
        if (s >= e) continue;
        if (open.length > 0 && open[open.length - 1] === s) open[open.length - 1] = e;
        else open.push(s, e);
      }
    }
    let openMs = 0;
    for (let i = 0; i < open.length; i += 2) openMs += open[i + 1]! - open[i]!;
    return { day: n, start: spans[0]!.from, end: spans[spans.length - 1]!.to, open, openMs, openBefore };
  }
}

const compiled = new WeakMap<BusinessCalendar, CalendarDays>();

/**
 * The day table of a calendar, validated and built on first use. It is kept per calendar object,
 * so callers keep one object per configured calendar (and do not mutate it once used).
 */
export function calendarDays(calendar: BusinessCalendar): CalendarDays {
  let days = compiled.get(calendar);
  if (!days) {
    days = new CalendarDays(parseBusinessCalendar(calendar));
    compiled.set(calendar, days);
  }
  return days;
}
