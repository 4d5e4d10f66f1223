import { describe, expect, it } from 'vitest';
import { FailureTally } from './failure-tally.js';

function recordingLog() {
  const lines: Array<{ fields: Record<string, unknown>; message: string }> = [];
  return { lines, warn: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) };
}

describe('FailureTally', () => {
  it('writes one line per period with counts per source and reason, not one per failure', () => {
    const log = recordingLog();
    const tally = new FailureTally(log as never, 'REGISTER failures');
    for (let i = 0; i < 500; i++) tally.record('203.0.113.9', 'wrong password');
    tally.record('203.0.113.9', 'nonce expired');
    tally.record('198.51.100.1', 'wrong password');
    tally.flush();
    expect(log.lines).toEqual([
      {
        message: 'REGISTER failures',
        fields: { failuresBySource: { '203.0.113.9': { 'wrong password': 500, 'nonce expired': 1 }, '198.51.100.1': { 'wrong password': 1 } } },
      },
    ]);
  });

  it('writes nothing for a quiet period, and starts from zero after each line', () => {
    const log = recordingLog();
    const tally = new FailureTally(log as never, 'x');
    tally.flush();
    tally.record('a', 'r');
    tally.flush();
    tally.flush();
    expect(log.lines).toHaveLength(1);
  });

  it('keeps memory bounded under a flood from many sources by lumping the rest together', () => {
    const log = recordingLog();
    const tally = new FailureTally(log as never, 'x');
    for (let i = 0; i < 5_000; i++) tally.record(`10.0.${i >> 8}.${i & 255}`, 'r');
    tally.flush();
    const bySource = log.lines[0]!.fields.failuresBySource as Record<string, Record<string, number>>;
    expect(Object.keys(bySource)).toHaveLength(1_001);
    expect(bySource.other).toEqual({ r: 4_000 });
  });
});
