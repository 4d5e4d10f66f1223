// The catalogue cannot fall behind the code: every message code must have its 简体中文, and
// every English message a user can be shown that has no code yet, found in the source, must
// have one too (see testing/user-message-scan.ts for what counts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateKeyedToZhCN, translateToZhCN } from './localize.js';
import { MESSAGES_EN, type MessageKey } from './messages.en.js';
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
};

const CHINESE = /[\u4e00-\u9fff]/;
const found = scanUserMessages(root, ['server/src', 'contract'], SAMPLES);

describe('the 简体中文 message catalogue', () => {
  it('is checked against the messages the source really gives', () => {
    const texts = found.map((m) => m.text);
    // Guards the scan itself: a broken scan would find nothing and let anything through.
    expect(texts).toContain('Case not found');
    expect(texts).toContain('Customer not found');
    expect(found.length).toBeGreaterThan(5);
  });

  it('finds no message written as English text instead of a code, in the server or the contract', () => {
    const uncoded = found.filter((m) => !m.coded).map((m) => `${m.at}  ${m.text}`);
    expect(uncoded, 'give these a code in messages.en.ts (or contract/messages.ts with coded()) and messages.zh-CN.ts').toEqual([]);
  });

  it('has a translation for every message a user can be shown', () => {
    const missing = found.filter((m) => !CHINESE.test((m.coded ? translateKeyedToZhCN(m.coded) : translateToZhCN(m.text)) ?? '')).map((m) => `${m.at}  ${m.text}`);
    expect(missing, 'messages without a 简体中文 entry (server/src/platform/i18n)').toEqual([]);
  });
});

/** Params that stand for words the catalogue translates, by name; the others get '1'. */
const PARAM_SAMPLES: Readonly<Record<string, string>> = {
  what: 'Case',
  state: 'wrap_up',
  event: 'set ready',
  subject: 'An open complaint',
  allowed: 'acknowledged, moved to pending customer or resolved',
  refused: 'closed',
  kind: 'complaint',
  status: 'done',
  categories: 'product, service, billing, staff or other',
  severity: 'high',
  category: 'billing',
  weekday: 'Monday',
};

const paramsOf = (template: string) =>
  Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, PARAM_SAMPLES[name!] ?? '1']));

/** Every source file a code may be thrown from, the catalogues aside. */
function sourceText(dir: string): string {
  let text = '';
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) text += sourceText(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !/messages\.[\w-]+\.ts$/.test(entry.name)) text += fs.readFileSync(full, 'utf8');
  }
  return text;
}

describe('the message codes', () => {
  const keys = Object.keys(MESSAGES_EN) as MessageKey[];

  it('each have a 简体中文 entry, written as a Chinese sentence that ends in a full stop', () => {
    const missing = keys.filter((key) => !Object.hasOwn(MESSAGES_ZH_CN, key));
    expect(missing, 'codes without a 简体中文 entry (messages.zh-CN.ts)').toEqual([]);
    for (const key of keys) {
      const zh = translateKeyedToZhCN({ key, params: paramsOf(MESSAGES_EN[key]) });
      expect(zh, key).toMatch(CHINESE);
      expect(zh, key).toMatch(/。$/);
    }
  });

  it('has no entry for a code that is not in the English catalogue', () => {
    expect(Object.keys(MESSAGES_ZH_CN).filter((key) => !Object.hasOwn(MESSAGES_EN, key))).toEqual([]);
  });

  it('are each given somewhere in the source', () => {
    const source = sourceText(path.join(root, 'server/src')) + sourceText(path.join(root, 'contract'));
    expect(keys.filter((key) => !source.includes(`'${key}'`))).toEqual([]);
  });
});
