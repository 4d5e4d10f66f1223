// Properties of business time on calendars chosen to be awkward: daylight-saving zones, a
// half-hour zone, a half-hour daylight-saving change, night hours across midnight, lunch breaks,
// holidays in a row and make-up days. Open/closed is also checked against an independent,
// minute-by-minute reading of the wall clock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  CALENDAR_TIME,
  isOpenAt,
  nextOpening,
  type BusinessCalendar,
  type OpeningHours,
} from './business-calendar.js';

const week = (weekdays: OpeningHours[], weekend: OpeningHours[] = []) => [weekend, weekdays, weekdays, weekdays, weekdays, weekdays, weekend];
const allWeek = (hours: OpeningHours[]) => [hours, hours, hours, hours, hours, hours, hours];

const CALENDARS: Record<string, BusinessCalendar> = {
  shanghaiWithHolidays: {
    timeZone: 'Asia/Shanghai',
    weeklyHours: week([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ]),
    holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2027-01-01'],
    extraWorkingDays: ['2026-09-27', '2026-10-10'],
  },
  newYorkOffice: { timeZone: 'America/New_York', weeklyHours: week([{ start: '09:00', end: '17:00' }]), holidays: ['2026-11-26', '2026-12-25'], extraWorkingDays: [] },
  newYorkNights: {
    timeZone: 'America/New_York',
    weeklyHours: allWeek([
      { start: '00:00', end: '02:30' },
      { start: '22:00', end: '24:00' },
    ]),
    holidays: [],
    extraWorkingDays: [],
  },
  // Sunday 00:30–02:30 contains London's skipped hour (01:00–02:00 in March) and its repeated one (October).
  londonSundayNights: {
    timeZone: 'Europe/London',
    weeklyHours: week([{ start: '08:00', end: '20:00' }], []).map((h, i) => (i === 0 ? [{ start: '00:30', end: '02:30' }] : h)),
    holidays: ['2026-12-25', '2026-12-28'],
    extraWorkingDays: [],
  },
  kolkata: { timeZone: 'Asia/Kolkata', weeklyHours: week([{ start: '09:30', end: '18:30' }], [{ start: '10:00', end: '14:00' }]), holidays: [], extraWorkingDays: [] },
  lordHoweRoundTheClock: { timeZone: 'Australia/Lord_Howe', weeklyHours: allWeek([{ start: '00:00', end: '24:00' }]), holidays: ['2026-10-04'], extraWorkingDays: [] },
  calendarTime: CALENDAR_TIME,
};
const NAMES = Object.keys(CALENDARS);

// Covers both daylight-saving changes of 2026 in each zone, the holiday week and a year end.
const FROM = Date.parse('2026-02-20T00:00:00Z');
const TO = Date.parse('2027-01-20T00:00:00Z');
const MINUTE = 60_000;

const calendarArb = fc.constantFrom(...NAMES).map((n) => ({ name: n, cal: CALENDARS[n]! }));
const instantArb = fc.integer({ min: FROM, max: TO }).map((t) => new Date(t));
const minuteInstantArb = fc.integer({ min: FROM / MINUTE, max: TO / MINUTE }).map((m) => new Date(m * MINUTE));
const minutesArb = fc.integer({ min: 0, max: 12_000 });

// The oracle: read the wall clock with Intl and apply the calendar's rules directly.
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const oracleFormats = new Map<string, Intl.DateTimeFormat>();
function wallClock(zone: string, at: Date) {
  let f = oracleFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    oracleFormats.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, weekday: WEEKDAYS.indexOf(p.weekday!), minute: Number(p.hour) * 60 + Number(p.minute) };
}
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
function oracleOpen(cal: BusinessCalendar, at: Date): boolean {
  const w = wallClock(cal.timeZone, at);
  if (cal.holidays.includes(w.date)) return false;
  const hours = cal.extraWorkingDays.includes(w.date) ? cal.weeklyHours[cal.extraWorkingDayHoursFrom ?? 1]! : cal.weeklyHours[w.weekday]!;
  return hours.some((h) => w.minute >= toMinutes(h.start) && w.minute < toMinutes(h.end));
}

describe('business time properties', () => {
  it('gives back exactly the minutes added, from an opening-aligned start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, ({ cal }, t, m) => {
        const start = nextOpening(cal, t);
        expect(businessMinutesBetween(cal, start, addBusinessMinutes(cal, start, m))).toBe(m);
      }),
      { numRuns: 500 },
    );
  });

  it('gives back exactly the minutes added from any start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, ({ cal }, start, m) => {
        expect(businessMinutesBetween(cal, start, addBusinessMinutes(cal, start, m))).toBe(m);
      }),
      { numRuns: 500 },
    );
  });

  it('is monotonic in the minutes and in the start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, minutesArb, minutesArb, ({ cal }, a, b, m1, m2) => {
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(addBusinessMinutes(cal, a, lo).getTime()).toBeLessThanOrEqual(addBusinessMinutes(cal, a, hi).getTime());
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(addBusinessMinutes(cal, early, m1).getTime()).toBeLessThanOrEqual(addBusinessMinutes(cal, late, m1).getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('puts the due time inside an open interval or exactly at its end, never before the start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, minutesArb, ({ cal }, start, m) => {
        const due = addBusinessMinutes(cal, start, m);
        expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
        if (m === 0) expect(isOpenAt(cal, due)).toBe(true);
        else expect(isOpenAt(cal, new Date(due.getTime() - 1))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is the earliest such time: one millisecond less of the duration is due earlier', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, fc.integer({ min: 1, max: 12_000 }), ({ cal }, start, m) => {
        const due = addBusinessMinutes(cal, start, m).getTime();
        expect(addBusinessMinutes(cal, start, m - 1 / MINUTE).getTime()).toBe(due - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('adds up: a→b plus b→c is a→c, and b→a is minus a→b', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, instantArb, instantArb, ({ cal }, a, b, c) => {
        const ab = businessMinutesBetween(cal, a, b);
        expect(ab + businessMinutesBetween(cal, b, c)).toBeCloseTo(businessMinutesBetween(cal, a, c), 9);
        expect(businessMinutesBetween(cal, b, a)).toBe(-ab || 0);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the next opening: open there, and closed the millisecond before unless that is `at` or earlier', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, ({ cal }, at) => {
        const o = nextOpening(cal, at);
        expect(isOpenAt(cal, o)).toBe(true);
        expect(o.getTime()).toBeGreaterThanOrEqual(at.getTime());
        if (o.getTime() > at.getTime()) expect(isOpenAt(cal, new Date(o.getTime() - 1))).toBe(false);
        expect(businessMinutesBetween(cal, at, o)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a wall-clock reading of the calendar at any instant', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, ({ cal }, at) => {
        expect(isOpenAt(cal, at)).toBe(oracleOpen(cal, at));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts the same business minutes as a minute-by-minute walk of the wall clock', () => {
    fc.assert(
      fc.property(calendarArb, minuteInstantArb, fc.integer({ min: 0, max: 2 * 24 * 60 }), ({ cal }, a, span) => {
        let open = 0;
        for (let i = 0; i < span; i++) if (oracleOpen(cal, new Date(a.getTime() + i * MINUTE))) open++;
        expect(businessMinutesBetween(cal, a, new Date(a.getTime() + span * MINUTE))).toBe(open);
      }),
      { numRuns: 40 },
    );
  });

  it('agrees with the wall clock around each daylight-saving change, minute by minute', () => {
    const changes: [string, string][] = [
      ['newYorkNights', '2026-03-08T00:00:00-05:00'],
      ['newYorkNights', '2026-11-01T00:00:00-04:00'],
      ['londonSundayNights', '2026-03-28T00:00:00Z'],
      ['londonSundayNights', '2026-10-24T00:00:00+01:00'],
      ['lordHoweRoundTheClock', '2026-04-04T12:00:00+11:00'],
      ['lordHoweRoundTheClock', '2026-10-03T12:00:00+10:30'],
    ];
    for (const [name, fromIso] of changes) {
      const cal = CALENDARS[name]!;
      const from = Date.parse(fromIso);
      let open = 0;
      for (let i = 0; i < 2 * 24 * 60; i++) {
        const t = new Date(from + i * MINUTE);
        const expected = oracleOpen(cal, t);
        if (isOpenAt(cal, t) !== expected) throw new Error(`${name} at ${t.toISOString()}: expected open=${expected}`);
        if (expected) open++;
      }
      expect(businessMinutesBetween(cal, new Date(from), new Date(from + 2 * 24 * 60 * MINUTE)), name).toBe(open);
    }
  });
});
