// Loading an import's leads: the checked rows stream into a temporary table with COPY, then a
// few set-based statements link each to the customer who has its number (or make one), drop
// what is already on the campaign, and insert the leads. All in one transaction: an import is
// whole or not at all. The row numbers of what the database refused come back with their reason.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ImportRejection, LeadImportView } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';
import { iso, isoRequired } from '../../platform/db/row-mapping.js';

export interface LoadOutcome {
  imported: number;
  customersCreated: number;
  rejected: { row: number; reason: ImportRejection; detail: string | null }[];
}

interface ImportRow {
  id: number;
  campaign_id: number | null;
  kind: 'leads' | 'purchases' | 'segment';
  status: LeadImportView['status'];
  rows_read: number;
  imported: number;
  rejected: number;
  started_at: Date;
  finished_at: Date | null;
}

// A purchases import has no campaign: 0 says so to the one reader that asks (purchase-import.service.ts).
const toView = (r: ImportRow): LeadImportView => ({
  id: r.id,
  campaignId: r.campaign_id ?? 0,
  status: r.status,
  rowsRead: r.rows_read,
  imported: r.imported,
  rejected: r.rejected,
  startedAt: isoRequired(r.started_at),
  finishedAt: iso(r.finished_at),
});

type PoolClient = { acquireConnection(): Promise<pg.Client>; releaseConnection(c: pg.Client): Promise<void> };

export class LeadImportRepository {
  constructor(private readonly db: Db) {}

  /** A running import: of leads or a saved segment into a campaign, or of purchases (no campaign). */
  async start(campaignId: number | null, userId: number, kind: 'leads' | 'purchases' | 'segment' = 'leads', segmentFilter: object | null = null): Promise<number> {
    const [row] = await this.db('campaign_imports')
      .insert({ campaign_id: campaignId, started_by: userId, status: 'running', kind, segment_filter: segmentFilter === null ? null : JSON.stringify(segmentFilter) })
      .returning('id');
    return (row as { id: number }).id;
  }

  /** Progress of a running import, for the console's bar. */
  async progress(id: number, rowsRead: number): Promise<void> {
    await this.db('campaign_imports').where({ id, status: 'running' }).update({ rows_read: rowsRead });
  }

  async finish(id: number, status: 'done' | 'failed', rowsRead: number, imported: number, rejected: { row: number; reason: string; detail: string | null }[]): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx('campaign_imports').where({ id }).update({ status, rows_read: rowsRead, imported, rejected: rejected.length, finished_at: trx.fn.now() });
      for (let i = 0; i < rejected.length; i += 5000) {
        await trx('campaign_import_rejections').insert(rejected.slice(i, i + 5000).map((r) => ({ import_id: id, row: r.row, reason: r.reason, detail: r.detail })));
      }
    });
  }

  async get(id: number, kind: ImportRow['kind'] | null = null): Promise<LeadImportView | null> {
    const row = (await this.db('campaign_imports').where({ id }).first()) as ImportRow | undefined;
    return row && (kind === null || row.kind === kind) ? toView(row) : null;
  }

  async list(campaignId: number): Promise<LeadImportView[]> {
    return ((await this.db('campaign_imports').where({ campaign_id: campaignId }).orderBy('id', 'desc').limit(50)) as ImportRow[]).map(toView);
  }

  async rejections(importId: number): Promise<{ row: number; reason: ImportRejection; detail: string | null }[]> {
    return (await this.db('campaign_import_rejections').where({ import_id: importId }).orderBy('row').select('row', 'reason', 'detail')) as {
      row: number;
      reason: ImportRejection;
      detail: string | null;
    }[];
  }

  /**
   * Loads `lines` (COPY text: row, e164, name, priority, score, time zones) as leads of the
   * campaign. `mergeExisting`: a number that is a customer's makes a lead of that customer;
   * otherwise such rows are rejected as existing customers.
   */
  async load(campaignId: number, importId: number, lines: AsyncIterable<string>, mergeExisting: boolean): Promise<LoadOutcome> {
    const pool = this.db.client as PoolClient;
    const conn = await pool.acquireConnection();
    const rejected: LoadOutcome['rejected'] = [];
    const rejectRows = async (sql: string, reason: ImportRejection, detail: (r: { row: number; other: number | null }) => string | null) => {
      const { rows } = (await conn.query(sql)) as { rows: { row: number; other: number | null }[] };
      for (const r of rows) rejected.push({ row: r.row, reason, detail: detail(r) });
    };
    try {
      await conn.query('BEGIN');
      await conn.query(`CREATE TEMP TABLE lead_import (
        row integer PRIMARY KEY, e164 text NOT NULL, name text, priority integer NOT NULL, score integer NOT NULL,
        time_zones text[] NOT NULL, customer_id bigint, new_customer boolean NOT NULL DEFAULT false
      ) ON COMMIT DROP`);
      await pipeline(Readable.from(lines), conn.query(copyFrom('COPY lead_import (row, e164, name, priority, score, time_zones) FROM STDIN')));
      await conn.query('ANALYZE lead_import');
      // The customer who has the number (the most recently contacted, when several do).
      await conn.query(`UPDATE lead_import t SET customer_id = m.customer_id
        FROM (SELECT DISTINCT ON (p.e164) p.e164, p.customer_id
                FROM customer_phones p JOIN customers c ON c.id = p.customer_id AND c.erased_at IS NULL
               WHERE p.e164 IN (SELECT e164 FROM lead_import)
               ORDER BY p.e164, c.last_contact_at DESC NULLS LAST, p.customer_id) m
        WHERE m.e164 = t.e164`);
      if (!mergeExisting) {
        await rejectRows('DELETE FROM lead_import WHERE customer_id IS NOT NULL RETURNING row, NULL::int AS other', 'existing_customer', () => null);
      }
      // Two numbers of one customer: one lead, the first row.
      await rejectRows(
        `DELETE FROM lead_import t USING (SELECT row, min(row) OVER (PARTITION BY customer_id) AS first FROM lead_import WHERE customer_id IS NOT NULL) d
          WHERE d.row = t.row AND d.first <> t.row RETURNING t.row, d.first AS other`,
        'duplicate_in_file',
        (r) => `row ${r.other}`,
      );
      await rejectRows(
        `DELETE FROM lead_import t USING campaign_leads l WHERE l.campaign_id = ${Number(campaignId)} AND l.customer_id = t.customer_id RETURNING t.row, NULL::int AS other`,
        'already_in_campaign',
        () => null,
      );
      const created = await conn.query(`UPDATE lead_import SET customer_id = nextval(pg_get_serial_sequence('customers', 'id')), new_customer = true WHERE customer_id IS NULL`);
      await conn.query(`INSERT INTO customers (id, name) SELECT customer_id, coalesce(name, e164) FROM lead_import WHERE new_customer`);
      await conn.query(`INSERT INTO customer_phones (customer_id, e164, raw, position) SELECT customer_id, e164, e164, 0 FROM lead_import WHERE new_customer`);
      const inserted = await conn.query(
        `INSERT INTO campaign_leads (campaign_id, customer_id, phone_e164, time_zones, priority, score, import_id)
         SELECT $1, customer_id, e164, time_zones, priority, score, $2 FROM lead_import ORDER BY row`,
        [campaignId, importId],
      );
      await conn.query('COMMIT');
      return { imported: inserted.rowCount ?? 0, customersCreated: created.rowCount ?? 0, rejected };
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await pool.releaseConnection(conn);
    }
  }
}
