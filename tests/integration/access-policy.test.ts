// The customer access rule exists twice: as a pure function (for single records) and as SQL
// (for lists). This checks they agree for every viewer and customer of a seeded data set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canSeeCustomer, type Viewer } from '../../server/src/customers/rules/access-policy.js';
import { CustomerRepository } from '../../server/src/customers/data/customer.repository.js';
import { customerVisibleTo } from '../../server/src/customers/data/customer-visibility.sql.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { testSensitiveFields } from '../support/test-keys.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 60);
  // A live offer and a supervisor without a team make the edge cases real.
  const agent3 = (await t.db('users').where({ username: 'agent3' }).first('id')).id;
  const emily = (await t.db('customers').where({ name: 'Emily Chan' }).first('id')).id;
  const [call] = await t.db('interactions').insert({ customer_id: emily, kind: 'call', direction: 'inbound' }).returning('id');
  await t.db('interaction_offers').insert({ interaction_id: call.id, agent_id: agent3 });
  await t.db('users').insert({ username: 'loner', display_name: 'Loner', password_hash: 'x', role: 'supervisor' });
});
afterAll(() => t.drop());

describe('customer access: SQL and rule agree', () => {
  it('for every viewer and every customer', async () => {
    const users = (await t.db('users').select('id', 'role', 'team_id', 'username')) as {
      id: number;
      role: Viewer['role'];
      team_id: number | null;
      username: string;
    }[];
    const customers = (await t.db('customers').select('id')).map((r: { id: number }) => r.id);
    const repo = new CustomerRepository(t.db, testSensitiveFields());
    const seenBy: Record<string, number> = {};
    for (const u of users) {
      const viewer: Viewer = { id: u.id, role: u.role, teamId: u.team_id };
      const vis = customerVisibleTo(viewer);
      const sqlVisible = new Set(
        (await t.db('customers as c').select('c.id').whereRaw(vis.sql, vis.bindings)).map((r: { id: number }) => r.id),
      );
      for (const c of customers) {
        const rule = canSeeCustomer(viewer, await repo.relation(c, viewer));
        expect(sqlVisible.has(c), `${u.username} / customer ${c}`).toBe(rule);
      }
      seenBy[u.username] = sqlVisible.size;
    }
    // The data set exercises each role: some customers visible, not all (except to the admin).
    expect(seenBy.admin1).toBe(customers.length);
    for (const name of ['agent1', 'agent2', 'agent3', 'supervisor1', 'marketer1']) {
      expect(seenBy[name], name).toBeGreaterThan(0);
      expect(seenBy[name], name).toBeLessThan(customers.length);
    }
    expect(seenBy.loner).toBe(0);
  });
});
