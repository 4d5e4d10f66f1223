import { describe, expect, it } from 'vitest';
import { nextTimeOfDay, TIME_OF_DAY } from './time-of-day.js';

const at = (iso: string) => Date.parse(iso);

describe('the next time of day in a zone', () => {
  it('is today when the time is still to come, tomorrow once it has passed', () => {
    // 09:00Z is 17:00 in Shanghai.
    expect(new Date(nextTimeOfDay(at('2026-11-26T09:00:00Z'), '18:30', 'Asia/Shanghai')).toISOString()).toBe('2026-11-26T10:30:00.000Z');
    expect(new Date(nextTimeOfDay(at('2026-11-26T09:00:00Z'), '03:00', 'Asia/Shanghai')).toISOString()).toBe('2026-11-26T19:00:00.000Z');
  });

  it('is strictly after the instant given, so a run at the time schedules the next day', () => {
    expect(nextTimeOfDay(at('2026-11-26T19:00:00Z'), '03:00', 'Asia/Shanghai')).toBe(at('2026-11-27T19:00:00Z'));
  });

  it('follows daylight saving: the same wall time across the change, and a time the jump skips still runs', () => {
    expect(new Date(nextTimeOfDay(at('2026-03-07T12:00:00Z'), '03:00', 'America/New_York')).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(new Date(nextTimeOfDay(at('2026-03-08T12:00:00Z'), '03:00', 'America/New_York')).toISOString()).toBe('2026-03-09T07:00:00.000Z');
    // 02:30 does not exist on 8 March: taken as 03:30 daylight time.
    expect(new Date(nextTimeOfDay(at('2026-03-07T12:00:00Z'), '02:30', 'America/New_York')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice on 1 November: the first.
    expect(new Date(nextTimeOfDay(at('2026-10-31T12:00:00Z'), '01:30', 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('accepts only 24-hour HH:MM', () => {
    expect(['00:00', '03:00', '23:59'].every((t) => TIME_OF_DAY.test(t))).toBe(true);
    expect(['24:00', '3:00', '03:60', '03:00:00', 'off'].some((t) => TIME_OF_DAY.test(t))).toBe(false);
  });
});
