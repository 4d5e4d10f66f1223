// An agent's state history must not lose a change because the database pool was busy: the
// write waits its turn and is tried again, in order, until it lands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLogRepository } from '../../server/src/cti/data/call-log.repository.js';
import { CallLogWriter } from '../../server/src/cti/data/call-log-writer.js';
import { createDb, type Db } from '../../server/src/platform/db/database.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
let busy: Db;
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  // One connection, and a wait for it that is short but leaves room to open it on a busy machine:
  // the pool is saturated by a single transaction.
  busy = createDb(t.url, 1, 0, 2_000);
});
afterAll(async () => {
  await busy?.destroy();
  await t?.drop();
});

describe('agent state writes on a saturated pool', () => {
  it('keeps trying until the connection is free, and writes every state in order', async () => {
    const agentId = (await t.db('users').where({ username: 'agent1' }).first('id')).id as number;
    let free!: () => void;
    const freed = new Promise<void>((resolve) => (free = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    // Another piece of work holds the pool's only connection until the first write has failed.
    const hog = busy.transaction(async (trx) => {
      await trx.raw('SELECT 1');
      holding();
      await freed;
    });
    await held;

    const errors: unknown[] = [];
    const retries: unknown[] = [];
    const writer = new CallLogWriter(new CallLogRepository(busy, 'busy-pool-test'), (err) => errors.push(err), {
      firstMs: 10,
      maxMs: 50,
      giveUpAfterMs: 60_000,
      onRetry: (err) => {
        retries.push(err);
        free();
      },
    });
    const at = Date.now();
    const state = (state: 'not_ready' | 'ready', dt: number) =>
      writer.write({ type: 'agent-state-changed', agentId, status: { state, reason: null }, at: at + dt, view: {} as never });
    state('not_ready', 0);
    state('ready', 1);
    await writer.flush();
    await hog;

    expect(errors).toEqual([]);
    expect(retries.length).toBeGreaterThan(0);
    expect((retries[0] as Error).name).toBe('KnexTimeoutError');
    const rows = await t.db('agent_state_history').where({ user_id: agentId, server_id: 'busy-pool-test' }).orderBy('started_at').select('state', 'ended_at');
    expect(rows.map((r: { state: string }) => r.state)).toEqual(['not_ready', 'ready']);
    expect(rows[0].ended_at).not.toBeNull();
    expect(rows[1].ended_at).toBeNull();
  });
});
