// An SLA duration: a number of minutes on either the business calendar or the plain clock.
//
// Durations are minutes, never "business days": the at-risk warning compares time used with
// time allowed, and that needs one unit. A business day is written as the minutes of the
// calendar's working day (540 for 09:00–18:00; see WORKDAY_MINUTES).
import { z } from 'zod';
import { addBusinessMinutes, businessMinutesBetween, CALENDAR_TIME, type BusinessCalendar } from './business-calendar.js';

export const TIME_BASES = ['business', 'calendar'] as const;
export const TimeBasis = z.enum(TIME_BASES);
/** 'business': only the calendar's opening hours count. 'calendar': every minute counts (24×7). */
export type TimeBasis = z.infer<typeof TimeBasis>;

// A year is far beyond any sensible SLA and keeps a mistyped value from walking decades of days.
const MAX_MINUTES = 366 * 24 * 60;

export const SlaDurationSchema = z
  .object({
    time: TimeBasis,
    minutes: z.number().int().positive().max(MAX_MINUTES, { message: 'An SLA longer than a year is surely a typo' }),
  })
  .strict();
export type SlaDuration = z.infer<typeof SlaDurationSchema>;

/** The working day the default policies are written for: 09:00–18:00. */
export const WORKDAY_MINUTES = 9 * 60;

export const businessHours = (hours: number): SlaDuration => ({ time: 'business', minutes: Math.round(hours * 60) });
export const businessDays = (days: number, workdayMinutes = WORKDAY_MINUTES): SlaDuration => ({
  time: 'business',
  minutes: Math.round(days * workdayMinutes),
});
export const calendarHours = (hours: number): SlaDuration => ({ time: 'calendar', minutes: Math.round(hours * 60) });

/** The calendar a clock of this basis runs on. */
export function calendarFor(time: TimeBasis, businessCalendar: BusinessCalendar): BusinessCalendar {
  return time === 'calendar' ? CALENDAR_TIME : businessCalendar;
}

/** When `duration` has passed since `start`. */
export function addDuration(businessCalendar: BusinessCalendar, start: Date, duration: SlaDuration): Date {
  return addBusinessMinutes(calendarFor(duration.time, businessCalendar), start, duration.minutes);
}

/** Minutes of `time` basis from `from` to `to` (negative when `to` is earlier). */
export function minutesBetween(businessCalendar: BusinessCalendar, time: TimeBasis, from: Date, to: Date): number {
  return businessMinutesBetween(calendarFor(time, businessCalendar), from, to);
}
