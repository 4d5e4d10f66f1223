import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.svelte.js';
import { formatClock, formatDay, parseClock, parseDay, shiftDay, zonedInstant, zonedParts } from './date-entry.js';
import { readClock, readDay, showClock, showDay } from './date-field.js';

afterEach(() => i18n.set('en'));

describe('a typed day', () => {
  it('reads the forms of both languages as the same day', () => {
    for (const text of ['2026-12-03', '2026/12/3', '2026.12.03', '20261203', '2026年12月3日', '2026 年 12 月 3 日', '２０２６年１２月３日', 'Dec 3, 2026', 'December 3 2026', '3 Dec 2026', 'dec. 3rd, 2026'])
      expect(parseDay(text), text).toEqual({ ok: true, value: '2026-12-03' });
    expect(parseDay('  ')).toEqual({ ok: true, value: null });
  });

  it('refuses days that do not exist and the American order of numbers', () => {
    expect(parseDay('2026-02-30')).toEqual({ ok: false, error: 'date.noSuchDay' });
    expect(parseDay('2026年13月1日')).toEqual({ ok: false, error: 'date.noSuchDay' });
    expect(parseDay('12/03/2026')).toEqual({ ok: false, error: 'date.format' });
    expect(parseDay('Dezember 3 2026')).toEqual({ ok: false, error: 'date.format' });
    expect(parseDay('tomorrow')).toEqual({ ok: false, error: 'date.format' });
  });

  it('is written as the language writes it, never mm/dd/yyyy', () => {
    expect(formatDay('2026-12-03', 'en')).toBe('Dec 3, 2026');
    expect(formatDay('2026-12-03', 'zh-CN')).toBe('2026年12月3日');
    // What the field shows is read back as the same day.
    for (const locale of ['en', 'zh-CN'] as const) expect(parseDay(formatDay('2027-01-09', locale))).toEqual({ ok: true, value: '2027-01-09' });
  });

  it('steps by days and months for the arrow keys, across month and year ends', () => {
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2026-01-31', 0, 1)).toBe('2026-02-28');
  });
});

describe('a typed clock time', () => {
  it('reads 24-hour, 12-hour and Chinese forms', () => {
    const cases: [string, string][] = [
      ['17:00', '17:00'],
      ['1700', '17:00'],
      ['17', '17:00'],
      ['5pm', '17:00'],
      ['5:30 PM', '17:30'],
      ['12 am', '00:00'],
      ['12:15 p.m.', '12:15'],
      ['下午5:30', '17:30'],
      ['下午5点', '17:00'],
      ['17点30分', '17:30'],
      ['上午9时', '09:00'],
      ['１７：００', '17:00'],
    ];
    for (const [text, clock] of cases) expect(parseClock(text), text).toEqual({ ok: true, value: clock });
  });

  it('refuses hours and minutes that are not on a clock; 24:00 only as an end of day', () => {
    for (const text of ['25:00', '17:60', '13pm', '下午5pm', 'noon']) expect(parseClock(text), text).toEqual({ ok: false, error: 'time.format' });
    expect(parseClock('24:00')).toEqual({ ok: false, error: 'time.format' });
    expect(parseClock('24:00', true)).toEqual({ ok: true, value: '24:00' });
  });

  it('is written as the language writes it', () => {
    expect(formatClock('17:05', 'en')).toBe('5:05 PM');
    expect(formatClock('17:05', 'zh-CN')).toBe('17:05');
    expect(parseClock(formatClock('09:30', 'en'))).toEqual({ ok: true, value: '09:30' });
  });
});

describe('a day and time in the contact center’s zone', () => {
  it('is the instant the center’s clocks show it, whatever zone this machine is in', () => {
    expect(zonedInstant('2026-12-03', '17:00', 'Asia/Shanghai')).toBe('2026-12-03T09:00:00.000Z');
    expect(zonedInstant('2026-12-03', '17:00', 'America/New_York')).toBe('2026-12-03T22:00:00.000Z');
    // Summer time in New York: four hours behind UTC, not five.
    expect(zonedInstant('2026-07-01', '17:00', 'America/New_York')).toBe('2026-07-01T21:00:00.000Z');
    // 02:30 does not exist on the morning clocks go forward: it reads as 03:30.
    expect(zonedInstant('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 happens twice the morning clocks go back: the first one.
    expect(zonedInstant('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedParts('2026-12-03T09:00:00.000Z', 'Asia/Shanghai')).toEqual({ day: '2026-12-03', clock: '17:00' });
    expect(zonedParts('2026-12-03T20:00:00.000Z', 'Asia/Shanghai')).toEqual({ day: '2026-12-04', clock: '04:00' });
  });
});

describe('what a field says of its text', () => {
  it('gives the value, or a message naming the text and the form to use, in the console’s language', () => {
    expect(readDay('2026年12月3日')).toEqual({ value: '2026-12-03', error: null });
    expect(readDay('12/03/2026')).toEqual({ value: null, error: 'Write the date as 2026-12-03 or Dec 3, 2026 (not “12/03/2026”).' });
    expect(readDay('', true)).toEqual({ value: null, error: 'Enter a date.' });
    expect(readDay('')).toEqual({ value: null, error: null });
    expect(readClock('25:00').error).toBe('Write the time as 17:00 or 5:00 PM (not “25:00”).');
    expect(showDay('2026-12-03')).toBe('Dec 3, 2026');
    expect(showClock('17:00')).toBe('5:00 PM');

    i18n.set('zh-CN');
    expect(readDay('2026-02-30').error).toBe('没有“2026-02-30”这一天。');
    expect(readDay('12/03/2026').error).toBe('请按 2026年12月3日 或 2026-12-03 的格式填写日期（“12/03/2026”无法识别）。');
    expect(readClock('', true).error).toBe('请填写时间。');
    expect(showDay('2026-12-03')).toBe('2026年12月3日');
    expect(showClock('17:00')).toBe('17:00');
  });
});
