import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/domain-error.js';
import { BusinessCalendarSchema, officeHoursCalendar, parseBusinessCalendar } from './business-calendar-schema.js';

const nine = [{ start: '09:00', end: '18:00' }];
const valid = { timeZone: 'Asia/Shanghai', weeklyHours: [[], nine, nine, nine, nine, nine, []], holidays: ['2026-10-01'], extraWorkingDays: ['2026-09-27'] };

function fieldErrors(input: unknown): { field: string; message: string }[] {
  try {
    parseBusinessCalendar(input);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('VALIDATION');
    return (e as DomainError).fields ?? [];
  }
  throw new Error('expected the calendar to be refused');
}

describe('business calendar schema', () => {
  it('accepts a valid calendar and canonicalizes the zone name', () => {
    expect(parseBusinessCalendar({ ...valid, timeZone: 'asia/shanghai' }).timeZone).toBe('Asia/Shanghai');
    expect(BusinessCalendarSchema.safeParse(valid).success).toBe(true);
  });

  it('accepts touching intervals, a 24:00 end and several intervals a day', () => {
    const day = [
      { start: '13:00', end: '24:00' },
      { start: '00:00', end: '12:00' },
      { start: '12:00', end: '13:00' },
    ];
    expect(() => parseBusinessCalendar({ ...valid, weeklyHours: [day, day, day, day, day, day, day] })).not.toThrow();
  });

  it('names an unknown time zone', () => {
    expect(fieldErrors({ ...valid, timeZone: 'Asia/Atlantis' })).toEqual([
      { field: 'timeZone', message: "Unknown time zone 'Asia/Atlantis'; use an IANA name such as 'Asia/Shanghai'" },
    ]);
  });

  it.each(['9:00', '24:01', '12:60', '0900', 'noon'])('refuses the time %s', (bad) => {
    const errs = fieldErrors({ ...valid, weeklyHours: [[], [{ start: bad, end: '18:00' }], [], [], [], [], []] });
    expect(errs).toContainEqual({ field: 'weeklyHours.1.0.start', message: "Use a 24-hour time 'HH:MM' from '00:00' to '24:00'" });
  });

  it('refuses an end at or before the start', () => {
    for (const h of [{ start: '18:00', end: '09:00' }, { start: '09:00', end: '09:00' }, { start: '24:00', end: '24:00' }]) {
      const errs = fieldErrors({ ...valid, weeklyHours: [[], [h], [], [], [], [], []] });
      expect(errs.map((e) => e.field)).toEqual(['weeklyHours.1.0.end']);
      expect(errs[0]!.message).toMatch(/end must be after the start/);
    }
  });

  it('refuses overlapping intervals, naming both', () => {
    const day = [
      { start: '13:00', end: '18:00' },
      { start: '09:00', end: '13:30' },
    ];
    expect(fieldErrors({ ...valid, weeklyHours: [[], day, [], [], [], [], []] })).toEqual([
      { field: 'weeklyHours.1.0', message: '13:00–18:00 overlaps 09:00–13:30' },
    ]);
  });

  it('wants 7 weekdays and at least one open', () => {
    expect(fieldErrors({ ...valid, weeklyHours: [nine, nine] }).map((e) => e.field)).toEqual(['weeklyHours']);
    expect(fieldErrors({ ...valid, weeklyHours: [[], [], [], [], [], [], []], extraWorkingDays: [] })).toEqual([
      { field: 'weeklyHours', message: 'At least one weekday needs opening hours' },
    ]);
  });

  it('refuses impossible dates, a day that is both holiday and working day, and extra days without hours', () => {
    expect(fieldErrors({ ...valid, holidays: ['2026-02-30'] }).map((e) => e.field)).toEqual(['holidays.0']);
    expect(fieldErrors({ ...valid, holidays: ['2026-10-01', '2026-09-27'] })).toEqual([
      { field: 'extraWorkingDays.0', message: '2026-09-27 is also listed as a holiday' },
    ]);
    expect(fieldErrors({ ...valid, extraWorkingDayHoursFrom: 0 })).toEqual([
      { field: 'extraWorkingDayHoursFrom', message: "Extra working days take Sunday's hours, and Sunday has none" },
    ]);
  });

  it('refuses unknown fields, naming each', () => {
    expect(fieldErrors({ ...valid, openOnSundays: true })).toEqual([{ field: 'openOnSundays', message: 'Unknown field' }]);
  });

  it('builds office hours for a zone', () => {
    const cal = officeHoursCalendar('Europe/London');
    expect(cal.weeklyHours[0]).toEqual([]);
    expect(cal.weeklyHours[3]).toEqual(nine);
    expect(() => officeHoursCalendar('Nowhere/Land')).toThrow(DomainError);
  });
});
