import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACK_TIMEOUT_MS, AwaitedAcks } from './awaited-acks.js';

describe('AwaitedAcks', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits 64*T1 by default', () => {
    expect(ACK_TIMEOUT_MS).toBe(32_000);
  });

  it('reports a leg whose ACK never came, once', () => {
    const silent: string[] = [];
    const acks = new AwaitedAcks<string>(1_000, (leg) => silent.push(leg));
    acks.expect('caller', 1);
    vi.advanceTimersByTime(999);
    expect(silent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(silent).toEqual(['caller']);
    vi.advanceTimersByTime(10_000);
    expect(silent).toEqual(['caller']);
    expect(acks.size).toBe(0);
  });

  it('is satisfied by the ACK with the INVITE’s CSeq, not by another', () => {
    const silent: string[] = [];
    const acks = new AwaitedAcks<string>(1_000, (leg) => silent.push(leg));
    acks.expect('caller', 5);
    acks.expect('agent', 2);
    acks.received('caller', 4);
    acks.received('agent', 2);
    vi.advanceTimersByTime(1_000);
    expect(silent).toEqual(['caller']);
  });

  it('waits for the latest INVITE of a leg, and clear() stops every wait', () => {
    const silent: string[] = [];
    const acks = new AwaitedAcks<string>(1_000, (leg) => silent.push(leg));
    acks.expect('agent', 1);
    acks.expect('agent', 2);
    acks.received('agent', 2);
    acks.expect('caller', 1);
    acks.clear();
    vi.advanceTimersByTime(5_000);
    expect(silent).toEqual([]);
  });
});
