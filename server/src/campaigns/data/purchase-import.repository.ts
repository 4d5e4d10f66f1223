// Loading an import's purchases: the checked rows stream into a temporary table with COPY, then
// a few set-based statements find each row's customer (by id, or the customer who has its
// number, as lead imports find them), refuse orders already imported, and insert the rest. One
// transaction: an import is whole or not at all. What the database refused comes back by row.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PurchaseRejection } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';
import type { ImportRejected } from '../csv-import-stream.js';

type PoolClient = { acquireConnection(): Promise<pg.Client>; releaseConnection(c: pg.Client): Promise<void> };

export interface PurchaseLoadOutcome {
  imported: number;
  rejected: ImportRejected<PurchaseRejection>[];
}

export class PurchaseImportRepository {
  constructor(private readonly db: Db) {}

  /** Loads `lines` (COPY text: row, customer id, e164, purchased at, amount, currency, product, category, order ref). */
  async load(importId: number, lines: AsyncIterable<string>): Promise<PurchaseLoadOutcome> {
    const pool = this.db.client as PoolClient;
    const conn = await pool.acquireConnection();
    const rejected: PurchaseLoadOutcome['rejected'] = [];
    const rejectRows = async (sql: string, reason: PurchaseRejection, detail: (r: { row: number; other: string | null }) => string | null) => {
      const { rows } = (await conn.query(sql)) as { rows: { row: number; other: string | null }[] };
      for (const r of rows) rejected.push({ row: r.row, reason, detail: detail(r) });
    };
    try {
      await conn.query('BEGIN');
      await conn.query(`CREATE TEMP TABLE purchase_import (
        row integer PRIMARY KEY, customer_id bigint, e164 text, purchased_at timestamptz NOT NULL, amount numeric(14, 2) NOT NULL,
        currency text, product text, category text, order_ref text
      ) ON COMMIT DROP`);
      await pipeline(
        Readable.from(lines),
        conn.query(copyFrom('COPY purchase_import (row, customer_id, e164, purchased_at, amount, currency, product, category, order_ref) FROM STDIN')),
      );
      await conn.query('ANALYZE purchase_import');
      // The customer who has the number (the most recently contacted, when several do).
      await conn.query(`UPDATE purchase_import t SET customer_id = m.customer_id
        FROM (SELECT DISTINCT ON (p.e164) p.e164, p.customer_id
                FROM customer_phones p JOIN customers c ON c.id = p.customer_id AND c.erased_at IS NULL
               WHERE p.e164 IN (SELECT e164 FROM purchase_import WHERE e164 IS NOT NULL)
               ORDER BY p.e164, c.last_contact_at DESC NULLS LAST, p.customer_id) m
        WHERE t.customer_id IS NULL AND m.e164 = t.e164`);
      // No customer: an id nobody has (or an erased one's), or a number nobody has. The id is
      // kept as detail; a number never is.
      await rejectRows(
        `DELETE FROM purchase_import t
          WHERE t.customer_id IS NULL OR NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = t.customer_id AND c.erased_at IS NULL)
          RETURNING t.row, CASE WHEN t.e164 IS NULL THEN t.customer_id::text END AS other`,
        'customer_unknown',
        (r) => r.other,
      );
      await rejectRows(
        `DELETE FROM purchase_import t USING purchases p WHERE p.order_ref = t.order_ref RETURNING t.row, NULL::text AS other`,
        'duplicate_order',
        () => null,
      );
      const inserted = await conn.query(
        `INSERT INTO purchases (customer_id, purchased_at, amount, currency, product, category, order_ref, import_id)
         SELECT customer_id, purchased_at, amount, currency, product, category, order_ref, $1 FROM purchase_import ORDER BY row`,
        [importId],
      );
      await conn.query('COMMIT');
      return { imported: inserted.rowCount ?? 0, rejected };
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await pool.releaseConnection(conn);
    }
  }
}
