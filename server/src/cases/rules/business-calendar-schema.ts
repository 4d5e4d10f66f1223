// A business calendar as configuration and API input, with errors that say what to fix. The shape
// and its checks are the shared contract's (contract/settings.ts), which the console edits.
import {
  BusinessCalendar as BusinessCalendarSchema,
  minutesOfDay,
  OpeningHours as OpeningHoursSchema,
} from '../../../../contract/index.js';
import { invalid } from '../../platform/domain-error.js';
import { fieldsOfIssues } from '../../platform/zod-fields.js';

export { BusinessCalendarSchema, minutesOfDay, OpeningHoursSchema };
export type BusinessCalendar = BusinessCalendarSchema;
export type OpeningHours = OpeningHoursSchema;

/** Validates a calendar, throwing a VALIDATION error that names each bad field. */
export function parseBusinessCalendar(input: unknown): BusinessCalendar {
  const r = BusinessCalendarSchema.safeParse(input);
  if (r.success) return r.data;
  throw invalid(fieldsOfIssues(r.error.issues, '', 'calendar'));
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
