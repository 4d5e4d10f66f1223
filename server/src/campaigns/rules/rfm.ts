// RFM: recency, frequency and monetary scores by quintiles, and the named segment they give.
// Written once here; the nightly run and "recompute now" both score through scoreCustomers.
//
// Scores are 1–5, 5 best, each relative to the other customers who bought: a customer's score
// is 1 + the fifth of the customers whose value is strictly below theirs (rounded down). Equal
// values always share one score, so a tie never splits across quintiles, and a value held by
// many customers can leave a quintile empty. A customer who never bought has no scores and no
// segment (the segment builder calls them 'none').
import type { RfmSegment } from '../../../../contract/index.js';

/** What the scores are computed from, per customer. */
export interface PurchaseFacts {
  customerId: number;
  /** The latest purchase, epoch ms: later is better. */
  lastPurchaseAt: number;
  purchases: number;
  totalSpent: number;
}

export interface RfmScores {
  customerId: number;
  recency: number;
  frequency: number;
  monetary: number;
  segment: RfmSegment;
}

/**
 * The quintile score of each value (same order as given): 1 + floor(5 × below / n), where
 * `below` counts the values strictly smaller. Higher values score higher.
 */
export function quintileScores(values: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return [];
  const sorted = Float64Array.from(values).sort();
  // below(v) = index of v's first occurrence in the sorted list (binary search).
  const below = (v: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return values.map((v) => Math.min(5, 1 + Math.floor((5 * below(v)) / n)));
}

/**
 * The segment of a customer's scores. Recency and frequency place the customer on the usual
 * 5 × 5 grid; monetary separates the best of the frequent buyers (champions, and those we
 * cannot lose). Every pair of scores falls in exactly one segment.
 */
export function segmentOf(recency: number, frequency: number, monetary: number): RfmSegment {
  if (recency >= 4) {
    if (frequency >= 4) return monetary >= 4 ? 'champions' : 'loyal';
    return frequency >= 2 ? 'potential_loyalists' : 'new_customers';
  }
  if (recency === 3) {
    if (frequency >= 4) return 'loyal';
    return frequency === 3 ? 'need_attention' : 'about_to_sleep';
  }
  // Recency 1 or 2: they have not bought for a while.
  if (frequency >= 4 && monetary >= 4) return 'cannot_lose';
  if (frequency >= 3) return 'at_risk';
  return recency === 2 ? 'hibernating' : 'lost';
}

/**
 * Scores and segments of every customer who bought, each relative to the others who bought.
 * Customers with no purchase are left out: they get no scores, and do not count in the quintiles.
 */
export function scoreCustomers(all: readonly PurchaseFacts[]): RfmScores[] {
  const facts = all.filter((x) => x.purchases > 0);
  const r = quintileScores(facts.map((f) => f.lastPurchaseAt));
  const f = quintileScores(facts.map((x) => x.purchases));
  const m = quintileScores(facts.map((x) => x.totalSpent));
  return facts.map((x, i) => ({
    customerId: x.customerId,
    recency: r[i]!,
    frequency: f[i]!,
    monetary: m[i]!,
    segment: segmentOf(r[i]!, f[i]!, m[i]!),
  }));
}
