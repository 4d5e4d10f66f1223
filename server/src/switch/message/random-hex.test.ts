import { describe, expect, it } from 'vitest';
import { randomHex } from './random-hex.js';

describe('randomHex', () => {
  it('gives hex of the asked length, never the same value twice across pool refills', () => {
    const seen = new Set<string>();
    // 2,000 x 10 bytes is several 4 KiB pools.
    for (let i = 0; i < 2_000; i++) {
      const value = randomHex(10);
      expect(value).toMatch(/^[0-9a-f]{20}$/);
      seen.add(value);
    }
    expect(seen.size).toBe(2_000);
  });

  it('refuses sizes it cannot serve', () => {
    expect(() => randomHex(0)).toThrow(RangeError);
    expect(() => randomHex(5_000)).toThrow(RangeError);
  });
});
