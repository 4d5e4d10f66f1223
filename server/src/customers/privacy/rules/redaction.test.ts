import { describe, expect, it } from 'vitest';
import { phoneToken, REDACTED, redactDetail } from './redaction.js';

describe('phoneToken', () => {
  it('is x and 19 letters, no digits, the same for the same hash', () => {
    const hex = 'a3'.repeat(32);
    expect(phoneToken(hex)).toMatch(/^x[a-z]{19}$/);
    expect(phoneToken(hex)).toBe(phoneToken(hex));
    expect(phoneToken('b4'.repeat(32))).not.toBe(phoneToken(hex));
  });
});

describe('redactDetail', () => {
  it('replaces notes and free text, keeps status moves, outcomes, ids and times', () => {
    expect(redactDetail({ action: 'resolve', from: 'open', to: 'resolved', note: 'her son called' })).toEqual({ action: 'resolve', from: 'open', to: 'resolved', note: REDACTED });
    expect(redactDetail({ text: 'lives at 1 Road' })).toEqual({ text: REDACTED });
    expect(redactDetail({ outcome: 'not_reached', note: 'x', nextDueAt: '2026-12-01T00:00:00Z', taskId: 4 })).toEqual({ outcome: 'not_reached', note: REDACTED, nextDueAt: '2026-12-01T00:00:00Z', taskId: 4 });
  });

  it('keeps a field change of a fact and redacts one of a text, however the keys are named below', () => {
    expect(redactDetail({ changes: { priority: { from: 'P3', to: 'P1' }, subject: { from: 'Old 张伟', to: 'New 张伟' } } })).toEqual({
      changes: { priority: { from: 'P3', to: 'P1' }, subject: { from: REDACTED, to: REDACTED } },
    });
    expect(redactDetail({ note: { action: 'x' }, list: ['a', { from: 'b' }] })).toEqual({ note: { action: REDACTED }, list: [REDACTED, { from: REDACTED }] });
  });
});
