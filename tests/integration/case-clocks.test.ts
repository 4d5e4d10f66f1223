// The clocks of a case as the server reads them, sent with every case shape: a case waiting
// for the customer holds its resolution clock, and every view of it says so rather than breached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseClockReading, CaseSummary } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
const clock = new FakeClock();
let customerId: number;
let agent1: ApiClient, admin: ApiClient;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(clock.now()), 5);
  app = await startTestApp(t.db, undefined, { clock });
  customerId = (await t.db('customers').where({ name: '张伟' }).first('id')).id;
  [agent1, admin] = await Promise.all([new ApiClient(app.baseUrl).login('agent1'), new ApiClient(app.baseUrl).login('admin1')]);
  // A calendar-time hour to resolve a P1 ticket, so the test moves minutes rather than business days.
  const policy = (await admin.get('/api/settings/sla_policy')).body;
  policy.value.tickets.resolve.P1 = { time: 'calendar', minutes: 60 };
  expect((await admin.put('/api/settings/sla_policy', policy)).status).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

async function act(c: { id: number; version: number }, action: string) {
  const res = await agent1.post(`/api/cases/${c.id}/transitions`, { version: c.version, action });
  expect(res.status).toBe(200);
  return res.body.case;
}

/** Moves the clock; sessions expire on the same clock, so the agent signs in again. */
async function advance(ms: number): Promise<void> {
  clock.advance(ms);
  agent1 = await new ApiClient(app.baseUrl).login('agent1');
}

const resolveClock = (c: CaseSummary): CaseClockReading | undefined => c.clocks.find((k) => k.clock === 'resolve');

describe('the clock state a case carries', () => {
  it('shows a pending-customer case past its due time as paused, in the case, the lists and the customer 360', async () => {
    let c = (await agent1.post('/api/cases', { kind: 'ticket', customerId, subject: 'Router replacement', priority: 'P1' })).body.case;
    expect(resolveClock(c)).toMatchObject({ state: 'running', atRisk: false, stoppedAt: null, remainingSeconds: 3600 });

    await advance(10 * 60_000);
    c = await act(await act(c, 'open'), 'pend');
    await advance(120 * 60_000); // well past the hour the ticket had, while waiting for the customer
    await app.composed.slaScheduler.sweep();

    const paused = { state: 'paused', atRisk: false, stoppedAt: null, remainingSeconds: 50 * 60, dueAt: c.resolveDueAt };
    const detail = (await agent1.get(`/api/cases/${c.id}`)).body.case as CaseSummary;
    expect(detail.status).toBe('pending_customer');
    expect(resolveClock(detail)).toEqual({ clock: 'resolve', ...paused });
    expect(detail.nextDue).toBeNull();

    const listed = (await agent1.get('/api/cases?status=pending_customer&assignee=me')).body.items.find((x: CaseSummary) => x.id === c.id);
    expect(resolveClock(listed)).toMatchObject(paused);
    const mine = (await agent1.get('/api/cases?sla=breached')).body.items.map((x: CaseSummary) => x.id);
    expect(mine).not.toContain(c.id);

    const open = (await agent1.get(`/api/customers/${customerId}`)).body.cases.open.find((x: CaseSummary) => x.id === c.id);
    expect(resolveClock(open)).toMatchObject(paused);
  });

  it('runs the resolution clock again when the customer answers, with the time it had left', async () => {
    let c = (await agent1.post('/api/cases', { kind: 'ticket', customerId, subject: 'Billing address change', priority: 'P1' })).body.case;
    await advance(20 * 60_000);
    c = await act(await act(c, 'open'), 'pend');
    await advance(90 * 60_000);
    c = await act(c, 'open');
    expect(resolveClock(c)).toMatchObject({ state: 'running', remainingSeconds: 40 * 60 });

    await advance(41 * 60_000);
    c = (await agent1.get(`/api/cases/${c.id}`)).body.case;
    expect(resolveClock(c)).toMatchObject({ state: 'breached', stoppedAt: null, remainingSeconds: -60 });
  });

  it('says met for a clock stopped in time', async () => {
    let c = (await agent1.post('/api/cases', { kind: 'ticket', customerId, subject: 'Password reset', priority: 'P1' })).body.case;
    await advance(5 * 60_000);
    c = await act(c, 'resolve');
    await advance(120 * 60_000);
    c = (await agent1.get(`/api/cases/${c.id}`)).body.case;
    expect(resolveClock(c)).toMatchObject({ state: 'met', remainingSeconds: 55 * 60 });
    expect(c.nextDue).toBeNull();
  });
});
