import { describe, expect, it } from 'vitest';
import { BoundedMemo } from './bounded-memo.js';

function counting(capacity: number, maxKeyLength?: number) {
  const computed: string[] = [];
  const memo = new BoundedMemo<string | null>(capacity, (key) => {
    computed.push(key);
    return key === 'bad' ? null : key.toUpperCase();
  }, maxKeyLength);
  return { memo, computed };
}

describe('BoundedMemo', () => {
  it('computes each key once, failures (null) included', () => {
    const { memo, computed } = counting(4);
    expect([memo.get('a'), memo.get('a'), memo.get('bad'), memo.get('bad')]).toEqual(['A', 'A', null, null]);
    expect(computed).toEqual(['a', 'bad']);
  });

  it('drops the oldest entry past its capacity', () => {
    const { memo, computed } = counting(2);
    memo.get('a');
    memo.get('b');
    memo.get('c');
    expect(memo.size).toBe(2);
    memo.get('b');
    memo.get('a');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });

  it('never keeps long keys', () => {
    const { memo, computed } = counting(4, 3);
    memo.get('long');
    memo.get('long');
    expect(computed).toEqual(['long', 'long']);
    expect(memo.size).toBe(0);
  });

  it('takes a remembered result instead of computing, but never overrides a computed one', () => {
    const { memo, computed } = counting(4);
    memo.remember('x', 'given');
    expect(memo.get('x')).toBe('given');
    memo.get('y');
    memo.remember('y', 'other');
    expect(memo.get('y')).toBe('Y');
    expect(computed).toEqual(['y']);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new BoundedMemo(0, () => 1)).toThrow(RangeError);
  });
});
