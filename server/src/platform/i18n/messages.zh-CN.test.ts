// The catalogue cannot fall behind the code: every English message a user can be shown, found
// in the source, must have its 简体中文 (see testing/user-message-scan.ts for what counts).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateToZhCN } from './localize.js';
import { MESSAGES_ZH_CN } from './messages.zh-CN.js';
import { scanUserMessages } from './testing/user-message-scan.js';

const root = path.resolve(import.meta.dirname, '../../../..');

/**
 * Real values for template placeholders that stand for words, by their source text; the others
 * get '1'. A new placeholder of this kind fails the test below until it has a sample here.
 */
const SAMPLES: Readonly<Record<string, string>> = {
  what: 'Case',
  'current.state': 'wrap_up',
  "event.type.replace(/_/g, ' ')": 'set ready',
  'STATUS_PHRASE[status](kind)': 'An open complaint',
  'orList(allowed)': 'acknowledged, moved to pending customer or resolved',
  'ACTION_PHRASE[action]': 'closed',
  'current.kind': 'complaint',
  'task.status': 'done',
  'WEEKDAY_NAMES[from]': 'Monday',
  severity: 'high',
  category: 'billing',
};

const CHINESE = /[\u4e00-\u9fff]/;
const found = scanUserMessages(root, ['server/src', 'contract'], SAMPLES);

describe('the 简体中文 message catalogue', () => {
  it('is checked against the messages the source really gives', () => {
    const texts = found.map((m) => m.text);
    // Guards the scan itself: a broken scan would find nothing and let anything through.
    expect(texts).toContain('Someone else saved this case after you opened it. Reload to see their changes, then make yours again.');
    expect(texts).toContain('Choose a disposition for the call to finish wrap-up');
    expect(texts).toContain('Case not found');
    expect(texts).toContain('An agent who is wrap_up cannot set ready');
    expect(texts).toContain('Nothing to change');
    expect(found.length).toBeGreaterThan(80);
  });

  it('has a translation for every message a user can be shown', () => {
    const missing = found.filter((m) => !CHINESE.test(translateToZhCN(m.text) ?? '')).map((m) => `${m.at}  ${m.text}`);
    expect(missing, 'messages without a 简体中文 entry (server/src/platform/i18n)').toEqual([]);
  });

  it('keeps no entry for a message the server no longer gives', () => {
    const given = new Set(found.map((m) => m.text));
    expect(Object.keys(MESSAGES_ZH_CN).filter((english) => !given.has(english))).toEqual([]);
  });

  it('writes each entry as a Chinese sentence that ends in a full stop', () => {
    for (const [english, zh] of Object.entries(MESSAGES_ZH_CN)) {
      expect(zh, english).toMatch(CHINESE);
      expect(zh, english).toMatch(/。$/);
    }
  });
});
