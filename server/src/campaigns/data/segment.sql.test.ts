import knexFactory from 'knex';
import { describe, expect, it } from 'vitest';
import { segmentCandidates } from './segment.sql.js';

// Compiles only; no connection is opened.
const db = knexFactory({ client: 'pg' });

describe('the segment SQL', () => {
  it('carries every value the marketer typed as a binding, never in the statement', () => {
    const hostile = "x'); DROP TABLE customers; --";
    const q = segmentCandidates(
      db,
      { tags: [hostile], regions: [hostile], valueTiers: ['vip'], rfmSegments: ['lost', 'none'], minTotalSpent: 5, recentPurchases: { days: 7, count: 2 }, consent: { purpose: 'marketing_sms', decision: 'unknown' } },
      Date.UTC(2026, 10, 26),
      'marketing',
      42,
    ).toSQL();
    expect(q.sql).not.toContain('DROP');
    expect(q.sql).not.toContain('marketing_sms');
    expect(q.bindings).toEqual(expect.arrayContaining([[hostile], [hostile.toLowerCase()], 'vip', 'lost', 5, 2, 'marketing_sms', 'unknown', 42, 'marketing', 'marketing_calls']));
  });

  it('reads no filter it was not given', () => {
    const q = segmentCandidates(db, {}, 0, 'service', null).toSQL();
    expect(q.sql).not.toMatch(/c\.tags &&|lower\(c\.region\)|FROM purchases|tickets|'unknown'/);
  });
});
