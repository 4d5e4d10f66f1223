import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDownAll, migrateLatest } from '../../server/src/platform/db/migrate.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.drop());

async function tables(): Promise<string[]> {
  const rows = await t.db('pg_tables').select('tablename').where('schemaname', 'public').orderBy('tablename');
  return rows.map((r: { tablename: string }) => r.tablename).filter((n) => !n.startsWith('knex_'));
}

describe('migrations', () => {
  it('go all the way down and back up to the same schema', async () => {
    const before = await tables();
    expect(before).toEqual(expect.arrayContaining(['customers', 'customer_phones', 'interactions', 'tickets', 'interaction_links', 'audit_log', 'agent_state_history', 'queues', 'users', 'teams']));
    await migrateDownAll(t.db);
    expect(await tables()).toEqual([]);
    const types = await t.db('pg_type').select('typname').whereIn('typname', ['user_role', 'value_tier', 'case_status']);
    expect(types).toEqual([]);
    await migrateLatest(t.db);
    expect(await tables()).toEqual(before);
  });

  it('give the caller look-up and the latest history their own indexes', async () => {
    // The tables are empty here, so the planner is told to prefer indexes; what is checked is
    // that an index exists that answers each hot query by itself.
    const plans = await t.db.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      await trx.raw('SET LOCAL enable_bitmapscan = off');
      const lookup = await trx.raw(`EXPLAIN SELECT customer_id FROM customer_phones WHERE e164 = '+8613800138000'`);
      const latest = await trx.raw(
        `EXPLAIN SELECT * FROM interactions WHERE customer_id = 1 ORDER BY started_at DESC, id DESC LIMIT 50`,
      );
      const open = await trx.raw(
        `EXPLAIN SELECT id FROM tickets WHERE customer_id = 1 AND status IN ('new', 'open', 'pending_customer') ORDER BY created_at DESC LIMIT 50`,
      );
      return { lookup: JSON.stringify(lookup.rows), latest: JSON.stringify(latest.rows), open: JSON.stringify(open.rows) };
    });
    expect(plans.lookup).toMatch(/Index Only Scan using customer_phones_e164/);
    expect(plans.latest).toMatch(/Index Scan using interactions_customer_latest/);
    expect(plans.latest).not.toMatch(/Sort/);
    expect(plans.open).toMatch(/Index Scan using tickets_customer_open/);
  });
});
