import { describe, expect, it } from 'vitest';
import { emptySegmentForm, filterOf } from './segment-form.js';

describe('the segment form', () => {
  it('means no filter when empty, and only the filters filled in', () => {
    expect(filterOf(emptySegmentForm())).toEqual({ ok: true, filter: {} });
    const f = { ...emptySegmentForm(), tags: 'vip, 老客户，north', lastContactOlderThanDays: '30', consentDecision: 'given' as const, recentDays: '90' };
    expect(filterOf(f)).toEqual({
      ok: true,
      filter: { tags: ['vip', '老客户', 'north'], lastContactOlderThanDays: 30, consent: { purpose: 'marketing_calls', decision: 'given' }, recentPurchases: { days: 90, count: 1 } },
    });
  });

  it('names the fields that do not read, as the server’s shape would', () => {
    expect(filterOf({ ...emptySegmentForm(), lastContactNewerThanDays: 'soon', minTotalSpent: '-3' })).toEqual({ ok: false, fields: ['lastContactNewerThanDays', 'minTotalSpent'] });
    expect(filterOf({ ...emptySegmentForm(), recentCount: '2' })).toEqual({ ok: false, fields: ['recentPurchases'] });
  });
});
