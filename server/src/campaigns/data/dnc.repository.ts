// The do-not-call lists: one row per number and list (no campaign = the global list).
import type { Knex } from 'knex';
import type { DncEntry, DncSource } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';
import { isoRequired } from '../../platform/db/row-mapping.js';

interface DncRow {
  id: string | number;
  number: string;
  campaign_id: number | null;
  source: DncSource;
  note: string | null;
  added_by: number | null;
  added_by_name: string | null;
  added_at: Date;
}

const toEntry = (r: DncRow): DncEntry => ({
  id: Number(r.id),
  number: r.number,
  campaignId: r.campaign_id,
  source: r.source,
  note: r.note,
  addedById: r.added_by,
  addedByName: r.added_by_name,
  addedAt: isoRequired(r.added_at),
});

export class DncRepository {
  constructor(private readonly db: Db) {}

  /** Adds the number to the list; an entry already there is kept as first written (its source and date). */
  async add(e: { number: string; campaignId: number | null; source: DncSource; note: string | null; addedBy: number | null }, db: Knex = this.db): Promise<DncEntry> {
    await db.raw(
      `INSERT INTO dnc_entries (number, campaign_id, source, note, added_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (number, coalesce(campaign_id, 0)) DO NOTHING`,
      [e.number, e.campaignId, e.source, e.note, e.addedBy],
    );
    const q = this.base(db).where('d.number', e.number);
    if (e.campaignId === null) q.whereNull('d.campaign_id');
    else q.where('d.campaign_id', e.campaignId);
    return toEntry((await q.first()) as DncRow);
  }

  private base(db: Knex = this.db) {
    return db('dnc_entries as d')
      .leftJoin('users as u', 'u.id', 'd.added_by')
      .select('d.id', 'd.number', 'd.campaign_id', 'd.source', 'd.note', 'd.added_by', 'd.added_at', 'u.display_name as added_by_name');
  }

  /** The global list, or one campaign's, newest first. */
  async list(campaignId: number | null, limit: number): Promise<DncEntry[]> {
    const q = this.base().orderBy('d.id', 'desc').limit(limit);
    if (campaignId === null) q.whereNull('d.campaign_id');
    else q.where('d.campaign_id', campaignId);
    return ((await q) as DncRow[]).map(toEntry);
  }
}
