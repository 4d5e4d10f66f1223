import { describe, expect, it } from 'vitest';
import { intervalEnd, intervalStart, splitByInterval } from './report-intervals.js';

describe('report intervals', () => {
  it('starts a day at local midnight in the zone', () => {
    const at = Date.parse('2026-12-05T01:30:00Z'); // 09:30 in Shanghai
    expect(new Date(intervalStart('day', 'Asia/Shanghai', at)).toISOString()).toBe('2026-12-04T16:00:00.000Z');
  });

  it('has 23-hour and 25-hour days where daylight saving changes', () => {
    const start = intervalStart('day', 'Europe/Berlin', Date.parse('2026-03-29T12:00:00Z'));
    expect(intervalEnd('day', 'Europe/Berlin', start) - start).toBe(23 * 3_600_000);
  });

  it('aligns hours to the local clock in half-hour zones', () => {
    const at = Date.parse('2026-12-05T10:10:00Z'); // 15:40 in Kolkata
    expect(new Date(intervalStart('hour', 'Asia/Kolkata', at)).toISOString()).toBe('2026-12-05T09:30:00.000Z');
  });

  it('splits a stretch of time at 15-minute boundaries', () => {
    const from = Date.parse('2026-12-05T10:10:00Z');
    const parts = splitByInterval('15min', 'Asia/Shanghai', from, from + 30 * 60_000);
    expect(parts.map((p) => (p.to - p.from) / 60_000)).toEqual([5, 15, 10]);
  });
});
