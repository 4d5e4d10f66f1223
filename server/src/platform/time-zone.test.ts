import { describe, expect, it } from 'vitest';
import { DAY_MS, canonicalTimeZone, dayNumberOf, isoDateOf, localDaySpans, offsetAt, weekdayOf } from './time-zone.js';

const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(iso);
const spanHours = (zone: string, date: string) =>
  localDaySpans(zone, dayNumberOf(date)!).reduce((sum, s) => sum + (s.to - s.from), 0) / HOUR;

describe('offsetAt', () => {
  it.each([
    ['Asia/Shanghai', '2026-07-01T00:00:00Z', 8 * HOUR],
    ['Asia/Kolkata', '2026-07-01T00:00:00Z', 5.5 * HOUR],
    ['America/New_York', '2026-01-15T12:00:00Z', -5 * HOUR],
    ['America/New_York', '2026-07-15T12:00:00Z', -4 * HOUR],
    ['Europe/London', '2026-01-15T12:00:00Z', 0],
    ['Europe/London', '2026-07-15T12:00:00Z', HOUR],
    ['UTC', '2026-07-15T12:00:00Z', 0],
  ])('%s at %s is %d ms ahead of UTC', (zone, at, offset) => {
    expect(offsetAt(zone, utc(at))).toBe(offset);
  });

  it('changes at the exact instant of a daylight-saving change (New York, 2026-03-08 07:00Z)', () => {
    expect(offsetAt('America/New_York', utc('2026-03-08T06:59:59Z'))).toBe(-5 * HOUR);
    expect(offsetAt('America/New_York', utc('2026-03-08T07:00:00Z'))).toBe(-4 * HOUR);
  });

  it('ignores milliseconds (the wall clock has whole seconds)', () => {
    expect(offsetAt('Asia/Kolkata', utc('2026-07-01T00:00:00Z') + 999)).toBe(5.5 * HOUR);
  });
});

describe('localDaySpans', () => {
  it('gives 24 hours on an ordinary day, 23 on a spring-forward day and 25 on a fall-back day', () => {
    expect(spanHours('America/New_York', '2026-03-07')).toBe(24);
    expect(spanHours('America/New_York', '2026-03-08')).toBe(23);
    expect(spanHours('America/New_York', '2026-11-01')).toBe(25);
    expect(spanHours('Europe/London', '2026-03-29')).toBe(23);
    expect(spanHours('Europe/London', '2026-10-25')).toBe(25);
    expect(spanHours('Asia/Kolkata', '2026-10-25')).toBe(24);
    // Lord Howe Island moves its clocks by half an hour.
    expect(spanHours('Australia/Lord_Howe', '2026-10-04')).toBe(23.5);
  });

  it('starts at local midnight and splits where the offset changes', () => {
    const spans = localDaySpans('America/New_York', dayNumberOf('2026-03-08')!);
    expect(spans).toEqual([
      { from: utc('2026-03-08T05:00:00Z'), to: utc('2026-03-08T07:00:00Z'), offset: -5 * HOUR },
      { from: utc('2026-03-08T07:00:00Z'), to: utc('2026-03-09T04:00:00Z'), offset: -4 * HOUR },
    ]);
    expect(localDaySpans('Asia/Kolkata', dayNumberOf('2027-01-01')!)).toEqual([
      { from: utc('2026-12-31T18:30:00Z'), to: utc('2027-01-01T18:30:00Z'), offset: 5.5 * HOUR },
    ]);
  });

  it('makes consecutive days meet exactly, across a year end and a daylight-saving change', () => {
    for (const zone of ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      for (const date of ['2026-12-31', '2026-03-28', '2026-03-29', '2026-10-31', '2026-11-01']) {
        const n = dayNumberOf(date)!;
        const today = localDaySpans(zone, n);
        const tomorrow = localDaySpans(zone, n + 1);
        expect(today[today.length - 1]!.to, `${zone} ${date}`).toBe(tomorrow[0]!.from);
      }
    }
  });
});

describe('local dates', () => {
  it('reads real dates only', () => {
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(dayNumberOf('2026-10-01')).toBe(Date.UTC(2026, 9, 1) / DAY_MS);
    expect(dayNumberOf('2028-02-29')).not.toBeNull();
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-4-01', '01/10/2026', '2026-10-01T00:00', '']) {
      expect(dayNumberOf(bad), bad).toBeNull();
    }
  });

  it('round-trips and knows the weekday (0 = Sunday)', () => {
    expect(isoDateOf(dayNumberOf('2026-09-27')!)).toBe('2026-09-27');
    expect(weekdayOf(dayNumberOf('2026-09-27')!)).toBe(0);
    expect(weekdayOf(dayNumberOf('2026-10-01')!)).toBe(4);
    expect(weekdayOf(dayNumberOf('2026-10-10')!)).toBe(6);
    expect(weekdayOf(dayNumberOf('1969-12-31')!)).toBe(3);
  });

  it('canonicalizes zone names and rejects unknown ones', () => {
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });
});
