// The segment builder's filters as SQL, built with knex and parameters only: every value the
// marketer gave travels as a binding, never as text in the statement. `c` is the customers
// alias; the customer's RFM row is `r`.
import type { Knex } from 'knex';
import { RUNNING_CASE_STATUSES, type CampaignPurpose, type SegmentFilter } from '../../../../contract/index.js';

const DAY_MS = 86_400_000;

/** The decision in force for a consent purpose (the first binding), null when the customer never said. */
const LATEST_CONSENT = `(SELECT cc.decision FROM customer_consents cc WHERE cc.customer_id = c.id AND cc.purpose = ?
  ORDER BY cc.at DESC, cc.id DESC LIMIT 1)`;

/** Customers (not erased) matching every filter given. */
export function segmentMatches(db: Knex, f: SegmentFilter, now: number): Knex.QueryBuilder {
  const q = db('customers as c').leftJoin('customer_rfm as r', 'r.customer_id', 'c.id').whereNull('c.erased_at');
  if (f.valueTiers) q.whereIn('c.value_tier', f.valueTiers);
  if (f.rfmSegments) {
    const named = f.rfmSegments.filter((s) => s !== 'none');
    const none = f.rfmSegments.includes('none');
    q.where((w) => {
      if (named.length) w.whereIn('r.segment', named);
      if (none) w.orWhereNull('r.customer_id');
    });
  }
  if (f.tags) q.whereRaw('c.tags && ?::text[]', [f.tags]);
  if (f.regions) q.whereRaw('lower(c.region) = ANY(?::text[])', [f.regions.map((r) => r.toLowerCase())]);
  if (f.lastContactOlderThanDays !== undefined) {
    const before = new Date(now - f.lastContactOlderThanDays * DAY_MS);
    q.where((w) => w.whereNull('c.last_contact_at').orWhere('c.last_contact_at', '<', before));
  }
  if (f.lastContactNewerThanDays !== undefined) q.where('c.last_contact_at', '>=', new Date(now - f.lastContactNewerThanDays * DAY_MS));
  if (f.openCases) {
    const open = db('tickets as t').select(db.raw('1')).whereRaw('t.customer_id = c.id').whereIn('t.status', RUNNING_CASE_STATUSES);
    if (f.openCases === 'has') q.whereExists(open);
    else q.whereNotExists(open);
  }
  if (f.consent) q.whereRaw(`coalesce(${LATEST_CONSENT}, 'unknown') = ?`, [f.consent.purpose, f.consent.decision]);
  if (f.minTotalSpent !== undefined) q.whereRaw('(SELECT coalesce(sum(p.amount), 0) FROM purchases p WHERE p.customer_id = c.id) >= ?', [f.minTotalSpent]);
  if (f.recentPurchases) {
    q.whereRaw('(SELECT count(*) FROM purchases p WHERE p.customer_id = c.id AND p.purchased_at >= ?) >= ?', [new Date(now - f.recentPurchases.days * DAY_MS), f.recentPurchases.count]);
  }
  return q;
}

/**
 * The matching customers with the number a list would dial (their first number on no
 * do-not-call list: the global one, or the campaign's) and, when they would not be dialled,
 * the first reason why: no number at all, every number on a do-not-call list, or (for a
 * marketing list) no marketing-call consent in force, silence counting as refusal.
 */
export function segmentCandidates(db: Knex, f: SegmentFilter, now: number, purpose: CampaignPurpose, campaignId: number | null): Knex.QueryBuilder {
  return segmentMatches(db, f, now)
    .joinRaw(
      `LEFT JOIN LATERAL (
        SELECT p.e164 FROM customer_phones p
         WHERE p.customer_id = c.id
           AND NOT EXISTS (SELECT 1 FROM dnc_entries d WHERE d.number = p.e164 AND (d.campaign_id IS NULL OR d.campaign_id = ?))
         ORDER BY p.position, p.id LIMIT 1) ph ON true`,
      [campaignId ?? 0],
    )
    .select(
      'c.id',
      'c.name',
      'c.value_tier',
      'c.region',
      'c.tags',
      'c.last_contact_at',
      'r.segment as rfm_segment',
      'ph.e164 as phone',
      db.raw(
        `CASE WHEN NOT EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id) THEN 'no_phone'
              WHEN ph.e164 IS NULL THEN 'dnc'
              WHEN ? = 'marketing' AND ${LATEST_CONSENT} IS DISTINCT FROM 'given' THEN 'no_consent'
         END AS exclusion`,
        [purpose, 'marketing_calls'],
      ),
    );
}
