import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.svelte.js';
import { callLineWords, clockTime, countdownTime, endReasonWords, wrapUpWarnAtMs } from './call-format.js';

afterEach(() => i18n.set('en'));

describe('call clocks', () => {
  it('shows minutes and seconds, and hours only when there are some', () => {
    expect(clockTime(0)).toBe('00:00');
    expect(clockTime(133_999)).toBe('02:13');
    expect(clockTime(3_733_000)).toBe('1:02:13');
  });

  it('never runs a clock backwards past zero', () => {
    expect(clockTime(-5_000)).toBe('00:00');
    expect(countdownTime(-1)).toBe('0:00');
  });

  it('rounds a countdown up, so 0:00 shows only once the time is over', () => {
    expect(countdownTime(245_000)).toBe('4:05');
    expect(countdownTime(8_001)).toBe('0:09');
    expect(countdownTime(1)).toBe('0:01');
    expect(countdownTime(0)).toBe('0:00');
  });
});

describe('the call line', () => {
  it('says who is calling while the call rings here', () => {
    expect(callLineWords({ kind: 'sip', state: 'incoming' }, '张伟 (+8613800138000)')).toBe('Incoming call from 张伟 (+8613800138000)');
  });

  it('names a missed offer by the caller it showed', () => {
    const line = callLineWords({ kind: 'withdrawn', withdrawn: { caller: '+852 9123 4567', reason: 'timeout' } }, 'ignored');
    expect(line).toContain('+852 9123 4567');
    expect(line).not.toContain('ignored');
  });

  it('gives the end reason in words, and an unknown one as the server sent it', () => {
    expect(callLineWords({ kind: 'ended', endReason: 'abandoned' }, 'x')).toContain(endReasonWords('abandoned'));
    expect(endReasonWords('abandoned')).not.toBe('abandoned');
    expect(endReasonWords('transferred_to_mars')).toBe('transferred_to_mars');
  });

  it('follows the language', () => {
    const en = callLineWords({ kind: 'idle' }, '');
    i18n.set('zh-CN');
    expect(callLineWords({ kind: 'idle' }, '')).not.toBe(en);
  });
});

describe('the wrap-up warning', () => {
  it('warns 30 s before the end of a long wrap-up', () => {
    expect(wrapUpWarnAtMs(60_001)).toBe(30_000);
    expect(wrapUpWarnAtMs(300_000)).toBe(30_000);
  });

  it('warns only in the last 10 s of a short one, so it is not red from its first second', () => {
    expect(wrapUpWarnAtMs(30_000)).toBe(10_000);
    expect(wrapUpWarnAtMs(60_000)).toBe(10_000);
    expect(wrapUpWarnAtMs(null)).toBe(10_000);
  });
});
