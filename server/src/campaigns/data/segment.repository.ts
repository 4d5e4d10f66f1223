// A segment's count, its sample and its saving as a campaign's leads, over segment.sql.ts.
import type { CampaignPurpose, RfmSegment, SegmentCount, SegmentExclusion, SegmentFilter, ValueTier } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';
import { segmentCandidates } from './segment.sql.js';

export interface SegmentMemberRow {
  customerId: number;
  name: string;
  phone: string;
  valueTier: ValueTier;
  rfmSegment: RfmSegment | null;
  region: string | null;
  tags: string[];
  totalSpent: number;
  lastContactAt: Date | null;
}

interface CountRow {
  matched: number;
  dialable: number;
  no_phone: number;
  dnc: number;
  no_consent: number;
}

export class SegmentRepository {
  constructor(private readonly db: Db) {}

  async count(f: SegmentFilter, now: number, purpose: CampaignPurpose, campaignId: number | null, db: Db = this.db): Promise<SegmentCount> {
    const s = segmentCandidates(db, f, now, purpose, campaignId).as('s');
    const row = (await db
      .from(s)
      .first(
        db.raw('count(*)::int AS matched'),
        db.raw('(count(*) FILTER (WHERE s.exclusion IS NULL))::int AS dialable'),
        db.raw("(count(*) FILTER (WHERE s.exclusion = 'no_phone'))::int AS no_phone"),
        db.raw("(count(*) FILTER (WHERE s.exclusion = 'dnc'))::int AS dnc"),
        db.raw("(count(*) FILTER (WHERE s.exclusion = 'no_consent'))::int AS no_consent"),
      )) as CountRow;
    const excluded: Record<SegmentExclusion, number> = { no_phone: row.no_phone, dnc: row.dnc, no_consent: row.no_consent };
    return { matched: row.matched, dialable: row.dialable, excluded };
  }

  /** The first `limit` customers a list would dial, the biggest spenders first. */
  async sample(f: SegmentFilter, now: number, purpose: CampaignPurpose, limit: number): Promise<SegmentMemberRow[]> {
    const s = segmentCandidates(this.db, f, now, purpose, null).as('s');
    const rows = (await this.db
      .from(s)
      .whereNull('s.exclusion')
      .select('s.*', this.db.raw('(SELECT coalesce(sum(p.amount), 0) FROM purchases p WHERE p.customer_id = s.id)::float8 AS total_spent'))
      .orderBy([{ column: 'total_spent', order: 'desc' }, { column: 's.id', order: 'asc' }])
      .limit(limit)) as {
      id: number;
      name: string;
      phone: string;
      value_tier: ValueTier;
      rfm_segment: RfmSegment | null;
      region: string | null;
      tags: string[];
      total_spent: number;
      last_contact_at: Date | null;
    }[];
    return rows.map((r) => ({
      customerId: Number(r.id),
      name: r.name,
      phone: r.phone,
      valueTier: r.value_tier,
      rfmSegment: r.rfm_segment,
      region: r.region,
      tags: r.tags,
      totalSpent: r.total_spent,
      lastContactAt: r.last_contact_at,
    }));
  }

  /**
   * Adds the customers a list would dial as the campaign's leads (with the number chosen for
   * each, and that number's time zones as `zonesOf` gives them); customers already on the
   * campaign are left as they are. The count is read in the same transaction, so the figures
   * add up.
   */
  async saveAsLeads(
    f: SegmentFilter,
    now: number,
    purpose: CampaignPurpose,
    campaignId: number,
    importId: number,
    zonesOf: (e164: string) => string[],
  ): Promise<{ count: SegmentCount; imported: number }> {
    return this.db.transaction(async (trx) => {
      const count = await this.count(f, now, purpose, campaignId, trx);
      const s = segmentCandidates(trx, f, now, purpose, campaignId).as('s');
      const chosen = trx.from(s).whereNull('s.exclusion').select(trx.raw('?::int', [campaignId]), 's.id', 's.phone', trx.raw('?::int', [importId]));
      const { rows } = (await trx.raw(
        `INSERT INTO campaign_leads (campaign_id, customer_id, phone_e164, import_id) ? ON CONFLICT (campaign_id, customer_id) DO NOTHING RETURNING id, phone_e164`,
        [chosen],
      )) as { rows: { id: number; phone_e164: string }[] };
      // Numbers of one country mostly share their zones: one update per set of zones.
      const byZones = new Map<string, { zones: string[]; ids: number[] }>();
      for (const r of rows) {
        const zones = zonesOf(r.phone_e164);
        const key = zones.join('|');
        const group = byZones.get(key) ?? { zones, ids: [] };
        group.ids.push(Number(r.id));
        byZones.set(key, group);
      }
      for (const g of byZones.values()) await trx('campaign_leads').whereIn('id', g.ids).update({ time_zones: g.zones });
      return { count, imported: rows.length };
    });
  }
}
