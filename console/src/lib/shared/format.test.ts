import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.svelte.js';
import { centerZone, zoneOptions } from './center-zone.svelte.js';
import { describeDue, DUE_SOON_MS, durationParts, formatDateTime, formatDuration, formatTime } from './format.js';

const NOW = Date.parse('2026-11-26T09:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const HOUR = 3_600_000;

afterEach(() => {
  i18n.set('en');
  centerZone.reset();
});

describe('times in the contact center zone', () => {
  it('reads times in the center zone and names it when the browser is elsewhere', () => {
    // A zone no test machine sits in: 09:00 UTC is 23:00 there, the same day.
    centerZone.zone = 'Pacific/Kiritimati';
    expect(formatTime('2026-11-26T09:00:00Z')).toMatch(/^11:00\sPM\sGMT\+14$/);
    i18n.set('zh-CN');
    expect(formatDateTime('2026-11-26T09:00:00Z')).toContain('2026年11月26日');
    expect(formatDateTime('2026-11-26T09:00:00Z')).toContain('23:00');
  });

  it('names no zone when the browser is in the center zone, and none before the zone is known', () => {
    expect(zoneOptions('Asia/Shanghai', 'Asia/Shanghai')).toEqual({ timeZone: 'Asia/Shanghai' });
    expect(zoneOptions('Asia/Shanghai', 'Europe/Paris')).toEqual({ timeZone: 'Asia/Shanghai', timeZoneName: 'short' });
    expect(zoneOptions(null, 'Europe/Paris')).toEqual({});
  });
});

describe('durations', () => {
  it('keeps the two most significant units', () => {
    expect(durationParts(4 * 86_400 + 22 * 3_600 + 5 * 60)).toEqual([
      { unit: 'd', n: 4 },
      { unit: 'h', n: 22 },
    ]);
  });

  it('drops a zero unit between two non-zero ones instead of showing "0 min"', () => {
    expect(durationParts(3_600 + 7)).toEqual([{ unit: 'h', n: 1 }]);
  });

  it('shows zero in the smallest unit asked for', () => {
    expect(durationParts(20, 'min')).toEqual([{ unit: 'min', n: 0 }]);
  });

  it('reads in the current language', () => {
    i18n.set('en');
    const en = formatDuration(185);
    i18n.set('zh-CN');
    const zh = formatDuration(185);
    expect(en).toMatch(/3/);
    expect(en).toMatch(/5/);
    expect(zh).not.toBe(en);
  });
});

describe('due times', () => {
  it('is overdue once the time has passed', () => {
    const due = describeDue('resolve', at(-2 * HOUR), NOW);
    expect(due?.level).toBe('overdue');
    expect(due?.text).toContain(formatDuration(2 * 3_600, 'min'));
  });

  it('is due soon within the warning window and fine beyond it', () => {
    expect(describeDue('ack', at(DUE_SOON_MS), NOW)?.level).toBe('soon');
    expect(describeDue('ack', at(DUE_SOON_MS + 60_000), NOW)?.level).toBe('ok');
  });

  it('never says "0 min": under a minute reads as one minute', () => {
    const due = describeDue('resolve', at(-5_000), NOW);
    expect(due?.text).toContain(formatDuration(60, 'min'));
  });

  it('words the acknowledgement and the resolution differently', () => {
    expect(describeDue('ack', at(HOUR), NOW)?.text).not.toBe(describeDue('resolve', at(HOUR), NOW)?.text);
  });

  it('ignores a time it cannot read', () => {
    expect(describeDue('ack', 'not a time', NOW)).toBeNull();
  });
});
