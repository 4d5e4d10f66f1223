import { describe, expect, it } from 'vitest';
import { RFM_SEGMENTS } from '../../../../contract/index.js';
import { quintileScores, scoreCustomers, segmentOf, type PurchaseFacts } from './rfm.js';

const DAY = 86_400_000;

describe('quintile scores', () => {
  it('gives ten distinct values two per score, lowest first', () => {
    expect(quintileScores([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])).toEqual([5, 1, 5, 1, 4, 2, 4, 2, 3, 3]);
  });

  it('puts a value on a quintile edge in the higher quintile (exactly 1/5 below scores 2)', () => {
    // 5 values: each has 0, 1, 2, 3, 4 below → 1 + floor(5k/5) = k + 1.
    expect(quintileScores([50, 40, 30, 20, 10])).toEqual([5, 4, 3, 2, 1]);
    // 6 values: 1 below of 6 is under a fifth (score 1), 2 below is over (score 2).
    expect(quintileScores([1, 2, 3, 4, 5, 6])).toEqual([1, 1, 2, 3, 4, 5]);
  });

  it('never splits a tie: equal values share one score, and the next value jumps past them', () => {
    expect(quintileScores([7, 7, 7, 7, 9])).toEqual([1, 1, 1, 1, 5]);
    expect(quintileScores([3, 1, 3, 3, 2, 3])).toEqual([2, 1, 2, 2, 1, 2]);
  });

  it('scores one customer, or all equal, 1', () => {
    expect(quintileScores([42])).toEqual([1]);
    expect(quintileScores([2, 2, 2])).toEqual([1, 1, 1]);
    expect(quintileScores([])).toEqual([]);
  });
});

describe('segments', () => {
  it('names each corner of the grid', () => {
    expect(segmentOf(5, 5, 5)).toBe('champions');
    expect(segmentOf(5, 5, 2)).toBe('loyal');
    expect(segmentOf(3, 4, 1)).toBe('loyal');
    expect(segmentOf(4, 2, 3)).toBe('potential_loyalists');
    expect(segmentOf(5, 1, 1)).toBe('new_customers');
    expect(segmentOf(3, 3, 3)).toBe('need_attention');
    expect(segmentOf(3, 1, 5)).toBe('about_to_sleep');
    expect(segmentOf(1, 5, 5)).toBe('cannot_lose');
    expect(segmentOf(2, 5, 3)).toBe('at_risk');
    expect(segmentOf(1, 3, 1)).toBe('at_risk');
    expect(segmentOf(2, 2, 5)).toBe('hibernating');
    expect(segmentOf(1, 1, 1)).toBe('lost');
  });

  it('gives every score triple a segment, and uses every segment', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(segmentOf(r, f, m));
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
  });
});

describe('scoring customers', () => {
  const now = Date.UTC(2026, 11, 1);
  const buyer = (customerId: number, daysAgo: number, purchases: number, totalSpent: number): PurchaseFacts => ({ customerId, lastPurchaseAt: now - daysAgo * DAY, purchases, totalSpent });

  it('scores recent, frequent, big spenders as champions and old, rare, small ones as lost', () => {
    const scores = scoreCustomers([buyer(1, 1, 20, 9000), buyer(2, 10, 8, 3000), buyer(3, 40, 4, 800), buyer(4, 200, 2, 200), buyer(5, 700, 1, 20)]);
    expect(scores.map((s) => [s.customerId, s.recency, s.frequency, s.monetary, s.segment])).toEqual([
      [1, 5, 5, 5, 'champions'],
      [2, 4, 4, 4, 'champions'],
      [3, 3, 3, 3, 'need_attention'],
      [4, 2, 2, 2, 'hibernating'],
      [5, 1, 1, 1, 'lost'],
    ]);
  });

  it('leaves customers without purchases out, and they do not move the others’ quintiles', () => {
    const buyers = [buyer(1, 1, 3, 300), buyer(2, 30, 1, 50)];
    const withNonBuyers = [...buyers, { customerId: 3, lastPurchaseAt: 0, purchases: 0, totalSpent: 0 }, { customerId: 4, lastPurchaseAt: 0, purchases: 0, totalSpent: 0 }];
    expect(scoreCustomers(withNonBuyers)).toEqual(scoreCustomers(buyers));
    expect(scoreCustomers(withNonBuyers).map((s) => s.customerId)).toEqual([1, 2]);
  });
});
