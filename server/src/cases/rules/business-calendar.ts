// Business time: the minutes a contact center is open, in its own time zone, skipping nights,
// weekends and holidays and counting make-up working days. SLA clocks run on it.
//
// "Open" means the local wall clock reads a time inside the day's hours, so every business minute
// is a real elapsed minute: on a daylight-saving day an 00:00–24:00 day has 23 or 25 hours.
// Intervals are half-open: a 09:00–18:00 day is open at 09:00 and closed at 18:00.
//
// Each calendar object keeps a table of its days, built on first use: keep one object per
// configured calendar (the parsed settings) and never mutate it once used.
import { calendarDays } from './calendar-days.js';
import type { BusinessCalendar } from './business-calendar-schema.js';
import { MINUTE_MS, dayNumberOf, isoDateOf } from '../../platform/time-zone.js';

export {
  BusinessCalendarSchema,
  CALENDAR_TIME,
  OpeningHoursSchema,
  officeHoursCalendar,
  parseBusinessCalendar,
  type BusinessCalendar,
  type OpeningHours,
} from './business-calendar-schema.js';

function instant(d: Date): number {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid date');
  return t;
}

/**
 * When `minutes` of business time have passed since `start`: the due time of a duration.
 * From outside opening hours the clock starts at the next opening. A duration that runs out
 * exactly at closing is due at closing. Zero minutes is due at the next opening (or `start`
 * itself when open). Minutes are rounded to the millisecond.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Business minutes must be a finite number ≥ 0, not ${minutes}`);
  return new Date(calendarDays(calendar).addOpenMs(instant(start), Math.round(minutes * MINUTE_MS)));
}

/**
 * Business minutes from `from` to `to` (fractional, to the millisecond); negative when `to` is
 * earlier, so it can also say how far past a due time something is.
 */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const days = calendarDays(calendar);
  return (days.position(instant(to)) - days.position(instant(from))) / MINUTE_MS;
}

export function isOpenAt(calendar: BusinessCalendar, at: Date): boolean {
  return calendarDays(calendar).isOpen(instant(at));
}

/** The first open instant at or after `at` (`at` itself while open). */
export function nextOpening(calendar: BusinessCalendar, at: Date): Date {
  return new Date(calendarDays(calendar).nextOpening(instant(at)));
}

/** The open intervals of one local date ('YYYY-MM-DD'), as instants: for display and for checks. */
export function openIntervalsOn(calendar: BusinessCalendar, isoDate: string): { start: Date; end: Date }[] {
  const n = dayNumberOf(isoDate);
  if (n === null) throw new RangeError(`Not a date: ${isoDate}`);
  const o = calendarDays(calendar).day(n).open;
  const out: { start: Date; end: Date }[] = [];
  for (let i = 0; i < o.length; i += 2) out.push({ start: new Date(o[i]!), end: new Date(o[i + 1]!) });
  return out;
}

/** The calendar's local date at `at` and the instants it spans (23 or 25 hours on daylight-saving days), e.g. for "due today". */
export function localDayBounds(calendar: BusinessCalendar, at: Date): { date: string; start: Date; end: Date } {
  const day = calendarDays(calendar).dayOf(instant(at));
  return { date: isoDateOf(day.day), start: new Date(day.start), end: new Date(day.end) };
}
