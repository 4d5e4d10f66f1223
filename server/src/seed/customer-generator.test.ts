import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../platform/phone-number.js';
import { generateCustomer, generatePhone } from './customer-generator.js';
import { makeRng } from './random.js';

describe('demo customer generator', () => {
  it('writes numbers that normalise back to the E.164 form it stores', () => {
    const rng = makeRng(7);
    for (let i = 0; i < 2000; i++) {
      const p = generatePhone(rng, i % 2 === 0);
      expect(normalizePhone(p.raw, 'CN'), p.raw).toBe(p.e164);
    }
  });

  it('is repeatable for a seed and mixes Chinese and English names', () => {
    const a = Array.from({ length: 200 }, (_, i) => generateCustomer(makeRng(42 + i), i));
    const b = Array.from({ length: 200 }, (_, i) => generateCustomer(makeRng(42 + i), i));
    expect(a).toEqual(b);
    const cjk = a.filter((c) => /[\u4e00-\u9fff]/.test(c.name)).length;
    expect(cjk).toBeGreaterThan(50);
    expect(cjk).toBeLessThan(200);
    expect(new Set(a.map((c) => c.valueTier))).toEqual(new Set(['vip', 'gold', 'silver', 'standard']));
  });
});
