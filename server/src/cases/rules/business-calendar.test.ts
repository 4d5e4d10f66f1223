import { describe, expect, it, vi } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  CALENDAR_TIME,
  isOpenAt,
  localDayBounds,
  nextOpening,
  officeHoursCalendar,
  openIntervalsOn,
  type BusinessCalendar,
  type OpeningHours,
} from './business-calendar.js';
import { DomainError } from '../../platform/domain-error.js';

const d = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const week = (weekdays: OpeningHours[], weekend: OpeningHours[] = []) => [weekend, weekdays, weekdays, weekdays, weekdays, weekdays, weekend];
const allWeek = (hours: OpeningHours[]) => [hours, hours, hours, hours, hours, hours, hours];

// Test data shaped like China's National Day week (not an official schedule): closed Thursday
// 2026-10-01 to Wednesday 10-07, worked on Sunday 09-27 and Saturday 10-10 with Monday's hours;
// New Year's Day 2027 (a Friday) closed. Office hours 09:00–12:00 and 13:00–18:00 (lunch break).
const shanghai: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  weeklyHours: week([
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ]),
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2027-01-01'],
  extraWorkingDays: ['2026-09-27', '2026-10-10'],
};

describe('a Shanghai calendar with a lunch break, the National Day week and make-up days', () => {
  it('pauses over lunch', () => {
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-28T11:30:00+08:00'), 60))).toBe(iso(d('2026-09-28T13:30:00+08:00')));
  });

  it('is due at closing, not the next morning, when the time runs out exactly at closing', () => {
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-28T17:00:00+08:00'), 60))).toBe(iso(d('2026-09-28T18:00:00+08:00')));
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-28T11:00:00+08:00'), 60))).toBe(iso(d('2026-09-28T12:00:00+08:00')));
  });

  it('starts the clock at the next opening when created outside hours', () => {
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-28T07:15:00+08:00'), 30))).toBe(iso(d('2026-09-28T09:30:00+08:00')));
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-28T12:20:00+08:00'), 30))).toBe(iso(d('2026-09-28T13:30:00+08:00')));
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-28T18:00:00+08:00'), 30))).toBe(iso(d('2026-09-29T09:30:00+08:00')));
  });

  it('works a make-up Sunday with Monday hours', () => {
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-25T17:00:00+08:00'), 120))).toBe(iso(d('2026-09-27T10:00:00+08:00')));
    expect(isOpenAt(shanghai, d('2026-09-27T12:30:00+08:00'))).toBe(false);
    expect(isOpenAt(shanghai, d('2026-09-27T13:00:00+08:00'))).toBe(true);
  });

  it('skips the seven holidays in a row', () => {
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-30T17:00:00+08:00'), 120))).toBe(iso(d('2026-10-08T10:00:00+08:00')));
    expect(businessMinutesBetween(shanghai, d('2026-09-30T09:00:00+08:00'), d('2026-10-08T09:00:00+08:00'))).toBe(8 * 60);
    expect(iso(nextOpening(shanghai, d('2026-10-03T10:00:00+08:00')))).toBe(iso(d('2026-10-08T09:00:00+08:00')));
  });

  it('counts 5 working days of 8 hours over the holiday and the make-up Saturday', () => {
    // Sep 30, Oct 8, Oct 9, Sat Oct 10 (make-up), Mon Oct 12.
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-30T09:00:00+08:00'), 5 * 480))).toBe(iso(d('2026-10-12T18:00:00+08:00')));
  });

  it('crosses the year end and New Year’s Day', () => {
    expect(iso(addBusinessMinutes(shanghai, d('2026-12-31T17:00:00+08:00'), 120))).toBe(iso(d('2027-01-04T10:00:00+08:00')));
    expect(businessMinutesBetween(shanghai, d('2026-12-31T17:00:00+08:00'), d('2027-01-04T10:00:00+08:00'))).toBe(120);
  });

  it('is open from the opening minute and closed from the closing minute', () => {
    expect(isOpenAt(shanghai, d('2026-09-28T08:59:59+08:00'))).toBe(false);
    expect(isOpenAt(shanghai, d('2026-09-28T09:00:00+08:00'))).toBe(true);
    expect(isOpenAt(shanghai, d('2026-09-28T11:59:59+08:00'))).toBe(true);
    expect(isOpenAt(shanghai, d('2026-09-28T12:00:00+08:00'))).toBe(false);
    expect(isOpenAt(shanghai, d('2026-09-28T18:00:00+08:00'))).toBe(false);
    expect(isOpenAt(shanghai, d('2026-10-03T10:00:00+08:00'))).toBe(false);
    expect(isOpenAt(shanghai, d('2026-10-10T10:00:00+08:00'))).toBe(true);
  });

  it('gives zero minutes at the next opening, or at the start itself when open', () => {
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-28T10:00:00+08:00'), 0))).toBe(iso(d('2026-09-28T10:00:00+08:00')));
    expect(iso(addBusinessMinutes(shanghai, d('2026-09-28T12:00:00+08:00'), 0))).toBe(iso(d('2026-09-28T13:00:00+08:00')));
  });

  it('measures negative time backwards', () => {
    expect(businessMinutesBetween(shanghai, d('2026-09-28T14:00:00+08:00'), d('2026-09-28T11:00:00+08:00'))).toBe(-120);
  });

  it('lists a day’s open intervals', () => {
    expect(openIntervalsOn(shanghai, '2026-10-10').map((i) => [iso(i.start), iso(i.end)])).toEqual([
      [iso(d('2026-10-10T09:00:00+08:00')), iso(d('2026-10-10T12:00:00+08:00'))],
      [iso(d('2026-10-10T13:00:00+08:00')), iso(d('2026-10-10T18:00:00+08:00'))],
    ]);
    expect(openIntervalsOn(shanghai, '2026-10-01')).toEqual([]);
  });
});

describe('daylight saving', () => {
  const nyOffice = officeHoursCalendar('America/New_York', [{ start: '09:00', end: '17:00' }]);
  const nyRoundTheClock: BusinessCalendar = { timeZone: 'America/New_York', weeklyHours: allWeek([{ start: '00:00', end: '24:00' }]), holidays: [], extraWorkingDays: [] };
  const nyNightShift: BusinessCalendar = { timeZone: 'America/New_York', weeklyHours: allWeek([{ start: '00:00', end: '06:00' }]), holidays: [], extraWorkingDays: [] };
  const nyEarlySunday: BusinessCalendar = {
    timeZone: 'America/New_York',
    weeklyHours: [[{ start: '01:00', end: '03:00' }], [], [], [], [], [], []],
    holidays: [],
    extraWorkingDays: [],
  };
  const londonOffice = officeHoursCalendar('Europe/London', [{ start: '09:00', end: '17:30' }]);

  it('opens Monday at 09:00 summer time after a spring-forward weekend (New York)', () => {
    // Friday 16:00 EST + 2 h: 1 h on Friday, 1 h on Monday from 09:00 EDT (13:00Z).
    expect(iso(addBusinessMinutes(nyOffice, d('2026-03-06T16:00:00-05:00'), 120))).toBe('2026-03-09T14:00:00.000Z');
    expect(iso(addBusinessMinutes(nyOffice, d('2026-10-30T16:00:00-04:00'), 120))).toBe('2026-11-02T15:00:00.000Z');
  });

  it('opens Monday at 09:00 local after London changes its clocks', () => {
    expect(iso(addBusinessMinutes(londonOffice, d('2026-03-27T17:00:00Z'), 60))).toBe('2026-03-30T08:30:00.000Z');
    expect(iso(addBusinessMinutes(londonOffice, d('2026-10-23T17:00:00+01:00'), 60))).toBe('2026-10-26T09:30:00.000Z');
  });

  it('counts the real length of a 23- and a 25-hour day', () => {
    expect(businessMinutesBetween(nyRoundTheClock, d('2026-03-08T00:00:00-05:00'), d('2026-03-09T00:00:00-04:00'))).toBe(23 * 60);
    expect(businessMinutesBetween(nyRoundTheClock, d('2026-11-01T00:00:00-04:00'), d('2026-11-02T00:00:00-05:00'))).toBe(25 * 60);
    expect(iso(addBusinessMinutes(nyRoundTheClock, d('2026-03-08T00:00:00-05:00'), 24 * 60))).toBe(iso(d('2026-03-09T01:00:00-04:00')));
  });

  it('keeps night hours across the change: 00:00–06:00 is 5 real hours in spring and 7 in autumn', () => {
    expect(businessMinutesBetween(nyNightShift, d('2026-03-08T00:00:00-05:00'), d('2026-03-08T12:00:00-04:00'))).toBe(5 * 60);
    expect(businessMinutesBetween(nyNightShift, d('2026-11-01T00:00:00-04:00'), d('2026-11-01T12:00:00-05:00'))).toBe(7 * 60);
  });

  it('knows the local date of an instant and its real length', () => {
    expect(localDayBounds(nyOffice, d('2026-03-08T04:59:59Z'))).toEqual({ date: '2026-03-07', start: d('2026-03-07T05:00:00Z'), end: d('2026-03-08T05:00:00Z') });
    expect(localDayBounds(nyOffice, d('2026-03-08T05:00:00Z'))).toEqual({ date: '2026-03-08', start: d('2026-03-08T05:00:00Z'), end: d('2026-03-09T04:00:00Z') });
    expect(localDayBounds(shanghai, d('2026-12-31T16:00:00Z')).date).toBe('2027-01-01');
  });

  it('follows the wall clock through the skipped and the repeated hour', () => {
    // 01:00–03:00: in spring 02:00–03:00 never happens; in autumn 01:00–02:00 happens twice.
    expect(openIntervalsOn(nyEarlySunday, '2026-03-08').map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z'],
    ]);
    expect(openIntervalsOn(nyEarlySunday, '2026-11-01').map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-11-01T05:00:00.000Z', '2026-11-01T08:00:00.000Z'],
    ]);
  });
});

describe('other zones and calendar time', () => {
  it('handles a half-hour offset (Asia/Kolkata)', () => {
    const kolkata = officeHoursCalendar('Asia/Kolkata', [{ start: '09:30', end: '18:30' }]);
    expect(iso(addBusinessMinutes(kolkata, d('2026-06-01T18:00:00+05:30'), 60))).toBe('2026-06-02T04:30:00.000Z');
    expect(isOpenAt(kolkata, d('2026-06-02T04:00:00Z'))).toBe(true);
    expect(isOpenAt(kolkata, d('2026-06-02T03:59:59Z'))).toBe(false);
  });

  it('runs night hours split at midnight as one stretch', () => {
    const nights: BusinessCalendar = {
      timeZone: 'Asia/Shanghai',
      weeklyHours: allWeek([
        { start: '00:00', end: '06:00' },
        { start: '22:00', end: '24:00' },
      ]),
      holidays: [],
      extraWorkingDays: [],
    };
    expect(iso(addBusinessMinutes(nights, d('2026-12-31T23:00:00+08:00'), 120))).toBe(iso(d('2027-01-01T01:00:00+08:00')));
    expect(isOpenAt(nights, d('2027-01-01T00:00:00+08:00'))).toBe(true);
  });

  it('treats calendar time as every minute, across midnight and year ends', () => {
    expect(iso(addBusinessMinutes(CALENDAR_TIME, d('2026-12-31T23:30:00Z'), 90))).toBe('2027-01-01T01:00:00.000Z');
    expect(businessMinutesBetween(CALENDAR_TIME, d('2026-03-01T00:00:00Z'), d('2026-04-01T00:00:00Z'))).toBe(31 * 24 * 60);
    expect(isOpenAt(CALENDAR_TIME, d('2026-10-01T03:00:00Z'))).toBe(true);
  });

  it('refuses bad input', () => {
    expect(() => addBusinessMinutes(CALENDAR_TIME, d('2026-01-01T00:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(CALENDAR_TIME, d('2026-01-01T00:00:00Z'), Number.NaN)).toThrow(RangeError);
    expect(() => isOpenAt(CALENDAR_TIME, new Date('not a date'))).toThrow(RangeError);
    expect(() => isOpenAt(CALENDAR_TIME, d('2300-01-01T00:00:00Z'))).toThrow(RangeError);
    const broken = { ...shanghai, timeZone: 'Asia/Atlantis' };
    expect(() => isOpenAt(broken, d('2026-01-01T00:00:00Z'))).toThrow(DomainError);
  });
});

describe('cost', () => {
  it('reads the time-zone database a few times per day once, then answers from its day table', () => {
    const london = officeHoursCalendar('Europe/London'); // a new object starts an empty table
    const from = d('2026-01-01T00:00:00Z');
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      // 2026 has 261 weekdays (52 weeks and a Thursday).
      expect(businessMinutesBetween(london, from, d('2027-01-01T00:00:00Z'))).toBe(261 * 9 * 60);
      // 365 days: three readings a day plus a search at each of the two clock changes.
      expect(spy.mock.calls.length).toBeGreaterThan(0);
      expect(spy.mock.calls.length).toBeLessThan(365 * 3 + 100);
      spy.mockClear();
      for (let i = 0; i < 10_000; i++) {
        const t = new Date(from.getTime() + i * 3_000_000);
        addBusinessMinutes(london, t, i % 600);
        businessMinutesBetween(london, from, t);
        isOpenAt(london, t);
      }
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
