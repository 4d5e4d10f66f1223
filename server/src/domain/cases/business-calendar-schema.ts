// The shape of a business calendar as configuration and API input, with errors that say what to fix.
import { z } from 'zod';
import type { FieldError } from '../../../contract/index.js';
import { invalid } from '../domain-error.js';
import { canonicalTimeZone, dayNumberOf } from './time-zone.js';

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** Minutes after local midnight of 'HH:MM' ('24:00' = 1440, the end of the day). */
export function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

const isTimeOfDay = (s: string) => HH_MM.test(s) || s === '24:00';

const TimeOfDay = z.string().refine(isTimeOfDay, { message: "Use a 24-hour time 'HH:MM' from '00:00' to '24:00'" });

/** One stretch of opening hours in local wall-clock time, e.g. 09:00–12:00. */
export const OpeningHoursSchema = z
  .object({ start: TimeOfDay, end: TimeOfDay })
  .strict()
  .refine((h) => !isTimeOfDay(h.start) || !isTimeOfDay(h.end) || minutesOfDay(h.end) > minutesOfDay(h.start), {
    // Hours never wrap past midnight: a night shift is two intervals on two weekdays.
    message: 'The end must be after the start; split hours that pass midnight into two days',
    path: ['end'],
  });
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

const DayHoursSchema = z
  .array(OpeningHoursSchema)
  .max(12)
  .superRefine((list, ctx) => {
    const valid = list
      .map((h, index) => ({ h, index }))
      .filter(({ h }) => isTimeOfDay(h.start) && isTimeOfDay(h.end))
      .sort((a, b) => minutesOfDay(a.h.start) - minutesOfDay(b.h.start));
    for (let i = 1; i < valid.length; i++) {
      const prev = valid[i - 1]!.h;
      const cur = valid[i]!;
      if (minutesOfDay(cur.h.start) < minutesOfDay(prev.end)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [cur.index],
          message: `${cur.h.start}–${cur.h.end} overlaps ${prev.start}–${prev.end}`,
        });
      }
    }
  });

const LocalDate = z.string().refine((s) => dayNumberOf(s) !== null, { message: "Use a real date written 'YYYY-MM-DD'" });

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export const BusinessCalendarSchema = z
  .object({
    /** IANA zone the hours, holidays and extra days are written in, e.g. 'Asia/Shanghai'. */
    timeZone: z.string().transform((s, ctx) => {
      const canonical = canonicalTimeZone(s);
      if (canonical) return canonical;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Unknown time zone '${s}'; use an IANA name such as 'Asia/Shanghai'` });
      return z.NEVER;
    }),
    /** Opening hours per weekday, index 0 = Sunday … 6 = Saturday; an empty list is a closed day. */
    weeklyHours: z
      .array(DayHoursSchema)
      .length(7, { message: 'Give the hours of all 7 weekdays, Sunday first (an empty list for a closed day)' }),
    /** Closed all day, whatever the weekday ('YYYY-MM-DD' in the calendar's zone). */
    holidays: z.array(LocalDate).max(2000),
    /** Worked although the weekday is normally closed (make-up days); they use `extraWorkingDayHoursFrom`. */
    extraWorkingDays: z.array(LocalDate).max(2000),
    /** Whose hours an extra working day has: a weekday number, Monday (1) when absent. */
    extraWorkingDayHoursFrom: z.number().int().min(0).max(6).optional(),
  })
  .strict()
  .superRefine((cal, ctx) => {
    // Without any open weekday nothing could ever fall due.
    if (cal.weeklyHours.length === 7 && cal.weeklyHours.every((d) => d.length === 0)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['weeklyHours'], message: 'At least one weekday needs opening hours' });
    }
    const from = cal.extraWorkingDayHoursFrom ?? 1;
    if (cal.extraWorkingDays.length > 0 && cal.weeklyHours[from]?.length === 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['extraWorkingDayHoursFrom'],
        message: `Extra working days take ${WEEKDAY_NAMES[from]}'s hours, and ${WEEKDAY_NAMES[from]} has none`,
      });
    }
    const holidays = new Set(cal.holidays);
    cal.extraWorkingDays.forEach((d, i) => {
      if (holidays.has(d)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['extraWorkingDays', i], message: `${d} is also listed as a holiday` });
      }
    });
  });

export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;

/** Validates a calendar, throwing a VALIDATION error that names each bad field. */
export function parseBusinessCalendar(input: unknown): BusinessCalendar {
  const r = BusinessCalendarSchema.safeParse(input);
  if (r.success) return r.data;
  const fields: FieldError[] = r.error.issues.map((i) => ({ field: i.path.join('.') || 'calendar', message: i.message }));
  throw invalid(fields);
}

const ALL_DAY: OpeningHours[] = [{ start: '00:00', end: '24:00' }];

/** Round-the-clock time: durations on it are plain elapsed time ("calendar time", 24×7). */
export const CALENDAR_TIME: BusinessCalendar = Object.freeze({
  timeZone: 'UTC',
  weeklyHours: [ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY, ALL_DAY],
  holidays: [],
  extraWorkingDays: [],
});

/** Monday to Friday, 09:00–18:00 local time, no holidays: a starting point for configuration. */
export function officeHoursCalendar(timeZone: string, hours: OpeningHours[] = [{ start: '09:00', end: '18:00' }]): BusinessCalendar {
  return parseBusinessCalendar({ timeZone, weeklyHours: [[], hours, hours, hours, hours, hours, []], holidays: [], extraWorkingDays: [] });
}
