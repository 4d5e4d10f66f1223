import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.svelte.js';
import { describeDue, DUE_SOON_MS, durationParts, formatDuration } from './format.js';

const NOW = Date.parse('2026-11-26T09:00:00Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const HOUR = 3_600_000;

afterEach(() => i18n.set('en'));

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
