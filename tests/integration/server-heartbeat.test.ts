// Several servers on one database: starting one must not close another's live calls; a server
// whose heartbeat stops has its calls closed as interrupted at its last heartbeat; a call's real
// end still lands afterwards; a restart under the same name closes its own leftovers at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLogRepository } from '../../server/src/cti/data/call-log.repository.js';
import { HEARTBEAT_MS, HEARTBEAT_TTL_MS } from '../../server/src/platform/db/server-heartbeat.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
const apps: TestApp[] = [];
beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
});
afterAll(async () => {
  for (const a of apps) await a.close().catch(() => {});
  await t?.drop();
});

async function server(serverId: string, clock: FakeClock): Promise<TestApp> {
  const app = await startTestApp(t.db, undefined, { clock, serverId });
  apps.push(app);
  return app;
}

/** A call in progress on `serverId`, answered a minute before `now` (the switch is not under test here). */
async function liveCall(serverId: string, now: number): Promise<number> {
  const agentId = (await t.db('users').where({ username: 'agent1' }).first('id')).id;
  const [{ id }] = await t.db('interactions')
    .insert({ kind: 'call', direction: 'inbound', caller_number: '+8613800138000', agent_id: agentId, server_id: serverId, started_at: new Date(now - 90_000), answered_at: new Date(now - 60_000) })
    .returning('id');
  return id;
}

const row = (id: number) => t.db('interactions').where({ id }).first('ended_at', 'end_reason', 'talk_seconds');

describe('servers sharing a database', () => {
  it("leaves a neighbour's live call alone at start, and closes it at its last heartbeat once the heartbeat stops", async () => {
    const clockA = new FakeClock();
    const clockB = new FakeClock();
    const a = await server('kefu-a', clockA);
    const startedA = clockA.now();
    const call = await liveCall('kefu-a', startedA);

    await server('kefu-b', clockB);
    expect((await row(call))!.end_reason).toBeNull();

    // A dies (its heartbeat stops); B's beats go on.
    await a.close();
    clockB.advance(HEARTBEAT_MS);
    await apps[1]!.composed.serversSettled();
    expect((await row(call))!.end_reason).toBeNull(); // not yet past the time-to-live
    clockB.advance(HEARTBEAT_TTL_MS);
    await apps[1]!.composed.serversSettled();
    const closed = (await row(call))!;
    expect(closed.end_reason).toBe('interrupted');
    // Stamped at A's last heartbeat, not when B noticed: the downtime is not talk time.
    expect(closed.ended_at!.getTime()).toBe(startedA);
    expect(closed.talk_seconds).toBe(60);

    // The call's real end, arriving later (A was only cut off), still lands.
    await new CallLogRepository(t.db, 'kefu-a').endCall(call, { at: new Date(startedA + 5_000), reason: 'completed', hangupBy: 'customer', waitSeconds: 30, talkSeconds: 65, holdSeconds: 0 });
    expect(await row(call)).toMatchObject({ end_reason: 'completed', talk_seconds: 65 });
  });

  it('closes its own leftovers at once when it restarts under the same name, as of its last heartbeat', async () => {
    const clock = new FakeClock();
    const first = await server('kefu-c', clock);
    const lastBeat = clock.now();
    const call = await liveCall('kefu-c', lastBeat);
    await first.close(); // as after kill -9: nothing ended the call
    clock.advance(5 * 60_000);
    await server('kefu-c', clock);
    const closed = (await row(call))!;
    expect(closed.end_reason).toBe('interrupted');
    expect(closed.ended_at!.getTime()).toBe(lastBeat);
  });
});
