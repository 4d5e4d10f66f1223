// Reports read the same state as the lists, and are right before the SLA sweep has ever run:
// the satisfaction "by queue" and "by agent" count the same responses, and the breached count
// of the report is the number of cases the list shows breached, straight after start-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseList, CaseReport } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { SlaScheduler } from '../../server/src/cases/sla-scheduler.js';
import { logger } from '../../server/src/platform/logger.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

const clock = new FakeClock();
let t: TestDb;
let app: TestApp;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(clock.now()), 20);
  // The server was down for a month: every clock still running is long past due, and no sweep
  // has looked at any case since.
  clock.advance(30 * 86_400_000);
  app = await startTestApp(t.db, undefined, { clock });
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const period = () => `from=${new Date(clock.now() - 60 * 86_400_000).toISOString()}&to=${new Date(clock.now() + 60_000).toISOString()}`;

async function breachedInList(client: ApiClient): Promise<number[]> {
  const ids: number[] = [];
  let before: string | null = null;
  do {
    const page: { body: CaseList } = await client.get(`/api/cases?status=active&limit=100${before ? `&before=${before}` : ''}`);
    for (const c of page.body.items) if (c.clocks.some((k) => k.state === 'breached')) ids.push(c.id);
    before = page.body.nextCursor;
  } while (before);
  return ids;
}

describe('reports and lists agree', () => {
  it('counts as breached, before the first sweep, the cases the list shows breached', async () => {
    const supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
    const shown = await breachedInList(supervisor);
    expect(shown.length).toBeGreaterThan(0);
    const report = (await supervisor.get<CaseReport>(`/api/reports/cases?${period()}`)).body;
    expect(report.sla.openBreached).toBe(shown.length);
    const filtered = (await supervisor.get<CaseList>('/api/cases?sla=breached&limit=100')).body.items.map((c) => c.id);
    expect(filtered.sort()).toEqual([...shown].sort());

    // The first sweep changes none of it.
    await app.composed.slaScheduler.sweep();
    expect((await supervisor.get<CaseReport>(`/api/reports/cases?${period()}`)).body.sla.openBreached).toBe(shown.length);
  });

  it('sweeps once at start-up, so the escalations are there without waiting a whole interval', async () => {
    const scheduler = new SlaScheduler({ db: t.db, sla: app.services.sla, clock, log: logger.child({ test: true }), notifier: { escalationRaised: () => {} } }, 10 * 60_000);
    // As before any sweep: no level passed, nothing sent.
    await t.db('escalations').del();
    await t.db('case_sla').update({ state: '{}', status: 'on_track' });
    scheduler.start();
    clock.advance(0); // no time passes
    await scheduler.stop(); // waits for the pass under way
    expect(Number((await t.db('escalations').count('* as n').first())?.n)).toBeGreaterThan(0);
  });

  it("gives satisfaction by queue and by agent over the same responses: the team's calls", async () => {
    // A score for a call of the Sales queue (another team's) answered by agent3 (the support team).
    const agent3 = (await t.db('users').where({ username: 'agent3' }).first('id')).id;
    const sales = (await t.db('queues').where({ name: 'sales' }).first('id')).id;
    const at = new Date(clock.now() - 3600_000);
    await t.db('interactions').insert({ kind: 'call', direction: 'inbound', agent_id: agent3, queue_id: sales, caller_number: '+8613800138000', started_at: at, ended_at: at, end_reason: 'completed', csat_score: 2, csat_at: at });
    const supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
    const { csat } = (await supervisor.get<CaseReport>(`/api/reports/cases?${period()}`)).body;
    const total = (rows: { responses: number }[]) => rows.reduce((n, r) => n + r.responses, 0);
    expect(csat.byAgent.length).toBeGreaterThan(0);
    expect(csat.byQueue.map((r) => r.key)).toContain('Sales');
    expect(total(csat.byQueue)).toBe(total(csat.byAgent));
  });
});
