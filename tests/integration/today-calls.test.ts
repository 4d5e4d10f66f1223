// "Today's calls" on the agent desk count from midnight in the configured zone (Asia/Shanghai
// here), as the case lists' "due today" does, not from the server process's own midnight; and the
// wrap-up codes of a call are the agent's own call's, by the wrap-up rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
// 2026-11-26 17:00 in Shanghai.
const clock = new FakeClock();
let agentId: number;
let agent1: ApiClient, agent2: ApiClient, supervisor: ApiClient;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(clock.now()), 0);
  app = await startTestApp(t.db, undefined, { clock });
  agentId = (await t.db('users').where({ username: 'agent1' }).first('id')).id;
  const login = (u: string) => new ApiClient(app.baseUrl).login(u);
  [agent1, agent2, supervisor] = await Promise.all([login('agent1'), login('agent2'), login('supervisor1')]);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

async function callAt(startedAt: string, disposition: string | null = null): Promise<number> {
  const queue = await t.db('queues').first('id');
  const [row] = await t.db('interactions')
    .insert({
      kind: 'call', direction: 'inbound', caller_number: '+8613800138000', agent_id: agentId, queue_id: queue.id,
      started_at: new Date(startedAt), answered_at: new Date(startedAt), ended_at: new Date(Date.parse(startedAt) + 60_000),
      wait_seconds: 0, talk_seconds: 60, hold_seconds: 0, wrap_seconds: 0, end_reason: 'completed', hangup_by: 'customer', disposition,
    })
    .returning('id');
  return Number(row.id);
}

describe("today's calls", () => {
  it('start at midnight in the configured zone', async () => {
    const afterMidnight = await callAt('2026-11-25T16:30:00Z'); // 00:30 on the 26th in Shanghai
    const beforeMidnight = await callAt('2026-11-25T15:30:00Z'); // 23:30 on the 25th in Shanghai
    const ids = (await agent1.get('/api/interactions/today')).body.items.map((i: { id: number }) => i.id);
    expect(ids).toContain(afterMidnight);
    expect(ids).not.toContain(beforeMidnight);
  });
});

describe('the wrap-up codes of a call', () => {
  it("are the agent's own call's only", async () => {
    const call = await callAt('2026-11-26T08:00:00Z');
    const own = await agent1.get(`/api/interactions/${call}/dispositions`);
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect((await agent2.get(`/api/interactions/${call}/dispositions`)).status).toBe(403);
    expect((await supervisor.get(`/api/interactions/${call}/dispositions`)).status).toBe(403);
    expect((await agent1.get('/api/interactions/999999/dispositions')).status).toBe(404);
  });
});

describe("a call's disposition", () => {
  it("comes with the server's words for it, or none for a code the server does not know", async () => {
    const known = await callAt('2026-11-26T07:00:00Z', 'resolved_first_time');
    const unknown = await callAt('2026-11-26T07:30:00Z', 'made_up_code');
    const items = (await agent1.get('/api/interactions/today')).body.items as { id: number; dispositionLabel: unknown }[];
    expect(items.find((i) => i.id === known)?.dispositionLabel).toEqual({ label: 'Resolved on first contact', labelZh: '首次解决' });
    expect(items.find((i) => i.id === unknown)?.dispositionLabel).toBeNull();
  });
});
