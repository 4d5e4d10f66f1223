// An SLA duration: a number of minutes on either the business calendar or the plain clock.
//
// Durations are minutes, never "business days": the at-risk warning compares time used with
// time allowed, and that needs one unit. A business day is written as the minutes of the
// calendar's working day (540 for 09:00–18:00; see WORKDAY_MINUTES).
import { SlaDuration as SlaDurationSchema, TIME_BASES, TimeBasis } from '../../../../contract/index.js';
import { addBusinessMinutes, businessMinutesBetween, CALENDAR_TIME, type BusinessCalendar } from './business-calendar.js';

// The shape (and its limits) is the shared contract's, so the console edits the same thing.
export { SlaDurationSchema, TIME_BASES, TimeBasis };
export type SlaDuration = SlaDurationSchema;

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
