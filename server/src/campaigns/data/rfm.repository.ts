// RFM in the database: each buying customer's purchase facts (read in one pass), the scores
// written back in one transaction (readers see the old scores until it commits), and the runs.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { RFM_SEGMENTS, type RfmRun, type RfmSegment } from '../../../../contract/index.js';
import type { Db } from '../../platform/db/database.js';
import { iso, isoRequired } from '../../platform/db/row-mapping.js';
import type { PurchaseFacts, RfmScores } from '../rules/rfm.js';

type PoolClient = { acquireConnection(): Promise<pg.Client>; releaseConnection(c: pg.Client): Promise<void> };

/** Two servers on one database never write the scores at once. */
const RFM_LOCK = 0x6b65_6675_0d;

interface RunRow {
  id: number;
  trigger: RfmRun['trigger'];
  started_at: Date;
  finished_at: Date | null;
  customers: number;
  segments: Partial<Record<RfmSegment, number>>;
}

const toRun = (r: RunRow): RfmRun => ({
  id: r.id,
  trigger: r.trigger,
  startedAt: isoRequired(r.started_at),
  finishedAt: iso(r.finished_at),
  customers: r.customers,
  segments: Object.fromEntries(RFM_SEGMENTS.map((s) => [s, r.segments[s] ?? 0])) as Record<RfmSegment, number>,
});

export class RfmRepository {
  constructor(private readonly db: Db) {}

  /** Every customer with a purchase (erased ones left out), with what their scores are made of. */
  async facts(): Promise<PurchaseFacts[]> {
    const { rows } = (await this.db.raw(
      `SELECT p.customer_id, max(p.purchased_at) AS last_at, count(*)::int AS n, sum(p.amount)::float8 AS total
         FROM purchases p JOIN customers c ON c.id = p.customer_id AND c.erased_at IS NULL
        GROUP BY p.customer_id`,
    )) as { rows: { customer_id: string; last_at: Date; n: number; total: number }[] };
    return rows.map((r) => ({ customerId: Number(r.customer_id), lastPurchaseAt: r.last_at.getTime(), purchases: r.n, totalSpent: r.total }));
  }

  /**
   * Replaces every customer's scores with these (customers not among them lose theirs). False
   * when another server is writing them right now.
   */
  async replace(scores: readonly RfmScores[], at: Date): Promise<boolean> {
    const pool = this.db.client as PoolClient;
    const conn = await pool.acquireConnection();
    try {
      await conn.query('BEGIN');
      const { rows } = (await conn.query('SELECT pg_try_advisory_xact_lock($1) AS got', [RFM_LOCK])) as { rows: { got: boolean }[] };
      if (!rows[0]!.got) {
        await conn.query('ROLLBACK');
        return false;
      }
      await conn.query('CREATE TEMP TABLE rfm_new (customer_id bigint PRIMARY KEY, recency smallint, frequency smallint, monetary smallint, segment text) ON COMMIT DROP');
      async function* lines(): AsyncGenerator<string> {
        let batch = '';
        for (const s of scores) {
          batch += `${s.customerId}\t${s.recency}\t${s.frequency}\t${s.monetary}\t${s.segment}\n`;
          if (batch.length > 256 * 1024) {
            yield batch;
            batch = '';
          }
        }
        if (batch) yield batch;
      }
      await pipeline(Readable.from(lines()), conn.query(copyFrom('COPY rfm_new (customer_id, recency, frequency, monetary, segment) FROM STDIN')));
      // A customer erased or deleted since the facts were read has no row to score.
      await conn.query(
        `INSERT INTO customer_rfm (customer_id, recency, frequency, monetary, segment, computed_at)
         SELECT n.customer_id, n.recency, n.frequency, n.monetary, n.segment, $1 FROM rfm_new n JOIN customers c ON c.id = n.customer_id
         ON CONFLICT (customer_id) DO UPDATE SET recency = EXCLUDED.recency, frequency = EXCLUDED.frequency,
           monetary = EXCLUDED.monetary, segment = EXCLUDED.segment, computed_at = EXCLUDED.computed_at`,
        [at],
      );
      await conn.query('DELETE FROM customer_rfm r WHERE NOT EXISTS (SELECT 1 FROM rfm_new n WHERE n.customer_id = r.customer_id)');
      await conn.query('COMMIT');
      return true;
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await pool.releaseConnection(conn);
    }
  }

  async startRun(trigger: RfmRun['trigger'], userId: number | null, at: Date): Promise<number> {
    const [row] = await this.db('rfm_runs').insert({ trigger, started_by: userId, started_at: at }).returning('id');
    return (row as { id: number }).id;
  }

  async finishRun(id: number, at: Date, customers: number, segments: Record<RfmSegment, number>): Promise<RfmRun> {
    const [row] = (await this.db('rfm_runs').where({ id }).update({ finished_at: at, customers, segments: JSON.stringify(segments) }).returning('*')) as RunRow[];
    return toRun(row!);
  }

  /** The latest run that finished. */
  async lastRun(): Promise<RfmRun | null> {
    const row = (await this.db('rfm_runs').whereNotNull('finished_at').orderBy('id', 'desc').first()) as RunRow | undefined;
    return row ? toRun(row) : null;
  }
}
