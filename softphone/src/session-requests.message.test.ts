import { describe, expect, it } from 'vitest';
import type { Message } from 'sip.js';
import { answerTextMessage } from './session-requests.js';

/** Just what answerTextMessage reads of a sip.js Message, and what it answered. */
function message(contentType: string | undefined, body: string) {
  const answered: number[] = [];
  const m = {
    request: { getHeader: (name: string) => (name === 'Content-Type' ? contentType : undefined), body },
    accept: () => (answered.push(200), Promise.resolve()),
    reject: (o: { statusCode: number }) => (answered.push(o.statusCode), Promise.resolve()),
  };
  return { m: m as unknown as Message, answered };
}

describe('a text message within a call', () => {
  it('accepts text/plain and hands over its text', () => {
    const { m, answered } = message('text/plain;charset=UTF-8', '请为本次服务评分：按 1 到 5');
    expect(answerTextMessage(m, () => {})).toBe('请为本次服务评分：按 1 到 5');
    expect(answered).toEqual([200]);
  });

  it('refuses other content with 415 and shows nothing', () => {
    const { m, answered } = message('application/im-iscomposing+xml', '<x/>');
    expect(answerTextMessage(m, () => {})).toBeUndefined();
    expect(answered).toEqual([415]);
  });

  it('keeps at most 2,000 characters of a long message', () => {
    const { m } = message('text/plain', 'x'.repeat(5000));
    expect(answerTextMessage(m, () => {})).toHaveLength(2000);
  });
});
