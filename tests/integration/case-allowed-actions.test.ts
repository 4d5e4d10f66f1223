// The status moves a case's page offers, through the real API and database: each viewer gets
// the moves the status machine allows and only on cases they may change, and every change that
// answers with the case answers with the moves that follow it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
const clock = new FakeClock();
let zhangwei: number;
let agent1: ApiClient, agent2: ApiClient, supervisor: ApiClient, marketer: ApiClient, admin: ApiClient;
const userId = {} as Record<string, number>;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(clock.now()), 20);
  app = await startTestApp(t.db, undefined, { clock });
  zhangwei = (await t.db('customers').where({ name: '张伟' }).first('id')).id;
  for (const u of await t.db('users').select('id', 'username')) userId[u.username] = u.id;
  // agent2 has handled a call of 张伟's, so may see the customer and her cases, though not change agent1's.
  await t.db('interactions').insert({ customer_id: zhangwei, kind: 'call', agent_id: userId.agent2, started_at: new Date(clock.now()) });
  const login = (u: string) => new ApiClient(app.baseUrl).login(u);
  [agent1, agent2, supervisor, marketer, admin] = await Promise.all([login('agent1'), login('agent2'), login('supervisor1'), login('marketer1'), login('admin1')]);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const newComplaint = async () => {
  const r = await agent1.post('/api/cases', {
    kind: 'complaint',
    customerId: zhangwei,
    subject: '账单重复扣费 Charged twice',
    category: 'billing',
    severity: 'medium',
  });
  expect(r.status).toBe(201);
  return r.body.case as { id: number; version: number; allowedActions: string[] };
};

describe('allowed status moves on the case detail', () => {
  it('gives each viewer the moves they may make on a new complaint: all for its owner, none for a colleague', async () => {
    const c = await newComplaint();
    // The creating response carries them too.
    expect(c.allowedActions).toEqual(['acknowledge', 'open', 'resolve']);

    const seen = async (who: ApiClient) => {
      const r = await who.get(`/api/cases/${c.id}`);
      expect(r.status).toBe(200);
      return r.body.case.allowedActions;
    };
    expect(await seen(agent1)).toEqual(['acknowledge', 'open', 'resolve']);
    expect(await seen(supervisor)).toEqual(['acknowledge', 'open', 'resolve']);
    expect(await seen(admin)).toEqual(['acknowledge', 'open', 'resolve']);
    // agent2 may read the case but not change it: no buttons.
    expect(await seen(agent2)).toEqual([]);
    // Marketers do not get case details at all.
    expect((await marketer.get(`/api/cases/${c.id}`)).status).toBe(403);
  });

  it('answers every change with the moves that follow it', async () => {
    let c = await newComplaint();
    const act = async (action: string, extra: Record<string, unknown> = {}) => {
      const r = await agent1.post(`/api/cases/${c.id}/transitions`, { version: c.version, action, ...extra });
      expect(r.status).toBe(200);
      c = r.body.case;
      return c.allowedActions;
    };
    // Acknowledged once, never again.
    expect(await act('acknowledge')).toEqual(['pend', 'resolve']);
    expect(await act('pend')).toEqual(['open', 'resolve']);
    // Offered although a complaint needs its resolution first: the move itself says what is missing.
    expect(await act('resolve', { resolution: '已退还重复扣款', rootCause: 'billing_error' })).toEqual(['close', 'reopen']);

    const note = await agent1.post(`/api/cases/${c.id}/notes`, { text: '客户已收到退款' });
    expect(note.body.case.allowedActions).toEqual(['close', 'reopen']);
  });

  it('follows the case to its new assignee when a supervisor hands it over', async () => {
    const c = await newComplaint();
    expect((await agent2.get(`/api/cases/${c.id}`)).body.case.allowedActions).toEqual([]);
    const handed = await supervisor.patch(`/api/cases/${c.id}`, { version: c.version, assigneeId: userId.agent2 });
    expect(handed.status).toBe(200);
    expect(handed.body.case.allowedActions).toEqual(['acknowledge', 'open', 'resolve']);
    expect((await agent2.get(`/api/cases/${c.id}`)).body.case.allowedActions).toEqual(['acknowledge', 'open', 'resolve']);
    // And agent2 can indeed make one of them.
    const moved = await agent2.post(`/api/cases/${c.id}/transitions`, { version: handed.body.case.version, action: 'open' });
    expect(moved.status).toBe(200);
  });
});
