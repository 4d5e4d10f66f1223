import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotReadyReason } from '@kefu/contract';
import { i18n } from '../i18n/index.svelte.js';
import { agentStateWords } from '../desktop/call-format.js';
import { notReadyReasons, reasonWords } from './not-ready-reasons.svelte.js';

const reason = (id: number, code: string, label: string, labelZh: string, active = true): NotReadyReason => ({ id, code, label, labelZh, active, sort: id, version: 1 });

beforeEach(() => {
  notReadyReasons.items = [reason(1, 'break', 'Break', '小休'), reason(2, 'admin', 'Admin work', '行政事务'), reason(3, 'it', 'IT outage', '系统故障'), reason(4, 'nap', 'Nap', '小睡', false)];
});
afterEach(() => {
  i18n.set('en');
  notReadyReasons.reset();
});

describe('the words of a Not-ready reason', () => {
  it('reads as part of a sentence in English, keeping an acronym', () => {
    expect(reasonWords('admin')).toBe('admin work');
    expect(reasonWords('it')).toBe('IT outage');
    expect(agentStateWords({ state: 'not_ready', reason: 'break', since: '', phoneReachable: true, wrapUpEndsAt: null })).toBe('Not ready (break)');
  });

  it('follows the console’s language, and keeps a retired reason readable', () => {
    i18n.set('zh-CN');
    expect(reasonWords('nap')).toBe('小睡');
    expect(agentStateWords({ state: 'not_ready', reason: 'admin', since: '', phoneReachable: true, wrapUpEndsAt: null })).toBe('未就绪（行政事务）');
  });

  it('words the system’s own reasons from the catalogue, and shows an unknown code as it is', () => {
    expect(reasonWords('missed')).toBe('missed call');
    expect(reasonWords('gone_fishing')).toBe('gone_fishing');
  });
});

describe('the reasons an agent may choose', () => {
  it('are the active ones, and a retired choice moves to the first of them', () => {
    expect(notReadyReasons.active.map((r) => r.code)).toEqual(['break', 'admin', 'it']);
    expect(notReadyReasons.choosable('admin')).toBe('admin');
    expect(notReadyReasons.choosable('nap')).toBe('break');
  });
});
