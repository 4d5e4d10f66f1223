import { describe, expect, it } from 'vitest';
import { ExpiryBuckets } from './expiry-buckets.js';

describe('ExpiryBuckets', () => {
  it('hands out items once their second has passed, each once', () => {
    const q = new ExpiryBuckets<string>();
    q.add('a', 1_000);
    q.add('b', 1_500);
    q.add('c', 5_000);
    expect(q.takeDue(999)).toEqual([]);
    expect(q.takeDue(1_000)).toEqual(['a']);
    expect(q.takeDue(1_999)).toEqual([]);
    expect(q.takeDue(2_000)).toEqual(['b']);
    expect(q.takeDue(2_000)).toEqual([]);
    expect(q.size).toBe(1);
    expect(q.takeDue(60_000)).toEqual(['c']);
    expect(q.size).toBe(0);
  });

  it('moves a rescheduled item and forgets a removed one', () => {
    const q = new ExpiryBuckets<string>();
    q.add('a', 1_000);
    q.add('b', 1_000);
    q.add('a', 9_000);
    q.remove('b');
    expect(q.takeDue(5_000)).toEqual([]);
    expect(q.takeDue(9_000)).toEqual(['a']);
  });

  it('takes items scheduled in the past at the next call, and survives a long pause', () => {
    const q = new ExpiryBuckets<number>();
    for (let i = 0; i < 100; i++) q.add(i, 10_000 + i * 1_000);
    expect(q.takeDue(20_000)).toHaveLength(11);
    q.add(1_000, 3_000);
    expect(q.takeDue(20_001)).toEqual([1_000]);
    expect(q.takeDue(86_400_000)).toHaveLength(89);
  });
});
