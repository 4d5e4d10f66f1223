import { describe, expect, it } from 'vitest';
import { KeyedRateLimit } from './token-bucket.js';

describe('KeyedRateLimit', () => {
  it('allows a burst per key, refuses beyond it, and refills with time', () => {
    let now = 0;
    const limit = new KeyedRateLimit(3, 1, 100, () => now);
    expect([limit.take('a'), limit.take('a'), limit.take('a'), limit.take('a')]).toEqual([true, true, true, false]);
    expect(limit.take('b')).toBe(true);
    now += 1_000;
    expect([limit.take('a'), limit.take('a')]).toEqual([true, false]);
  });

  it('keeps at most maxKeys buckets: a client forgotten starts again with a full burst', () => {
    const limit = new KeyedRateLimit(1, 0, 2, () => 0);
    expect(limit.take('a')).toBe(true);
    expect(limit.take('a')).toBe(false);
    limit.take('b');
    limit.take('c'); // 'a' is dropped to make room
    expect(limit.take('a')).toBe(true);
  });
});
