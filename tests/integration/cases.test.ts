// Tickets and complaints through the real API and database: creating one from a call, the
// timeline, version conflicts, the status rules, follow-ups, who may change what, lists and
// search, and the SLA sweep across a restart with a clock moved by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { SlaScheduler } from '../../server/src/cases/sla-scheduler.js';
import { logger } from '../../server/src/platform/logger.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
const clock = new FakeClock();
let zhangwei: number;
let agent1Call: number;
let agent1: ApiClient, agent2: ApiClient, supervisor: ApiClient, marketer: ApiClient, admin: ApiClient;
const userId = {} as Record<string, number>;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(clock.now()), 20);
  app = await startTestApp(t.db, undefined, { clock });
  zhangwei = (await t.db('customers').where({ name: '张伟' }).first('id')).id;
  for (const u of await t.db('users').select('id', 'username')) userId[u.username] = u.id;
  agent1Call = Number((await t.db('interactions').where({ customer_id: zhangwei, agent_id: userId.agent1 }).first('id')).id);
  const login = (u: string) => new ApiClient(app.baseUrl).login(u);
  [agent1, agent2, supervisor, marketer, admin] = await Promise.all([login('agent1'), login('agent2'), login('supervisor1'), login('marketer1'), login('admin1')]);
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const complaint = (over: Record<string, unknown> = {}) => ({
  kind: 'complaint',
  customerId: zhangwei,
  subject: '宽带反复断线 Broadband keeps dropping',
  description: '客户称每天晚上八点后断线',
  category: 'service',
  severity: 'high',
  priority: 'P2',
  ...over,
});

describe('a complaint from a call', () => {
  it('is numbered, assigned to its creator, linked to the call, and has both clocks', async () => {
    const r = await agent1.post('/api/cases', complaint({ interactionId: agent1Call }));
    expect(r.status).toBe(201);
    const c = r.body.case;
    expect(c.number).toMatch(/^C-2026-\d{6}$/);
    expect(c).toMatchObject({ kind: 'complaint', status: 'new', assigneeName: '李娜 Li Na', channel: 'phone', version: 1 });
    expect(Date.parse(c.ackDueAt)).toBeGreaterThan(clock.now());
    expect(Date.parse(c.resolveDueAt)).toBeGreaterThan(Date.parse(c.ackDueAt));
    expect(c.nextDue).toMatchObject({ clock: 'acknowledge', status: 'on_track' });
    const kinds = r.body.timeline.map((e: { kind: string; type?: string }) => e.type ?? e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['created', 'linked', 'interaction']));

    // The customer's screen-pop now lists it with its next due time.
    const pop = await agent1.get(`/api/customers/${zhangwei}`);
    expect(pop.body.cases.open.map((x: { number: string }) => x.number)).toContain(c.number);
  });

  it('refuses a complaint without category and severity, naming both fields', async () => {
    const r = await agent1.post('/api/cases', complaint({ category: undefined, severity: undefined }));
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['category', 'severity']);
  });

  it('links one call to several cases, and each case lists the call', async () => {
    const a = (await agent1.post('/api/cases', { kind: 'ticket', customerId: zhangwei, subject: 'Modem swap' })).body.case;
    const b = (await agent1.post('/api/cases', { kind: 'ticket', customerId: zhangwei, subject: 'Bill dispute' })).body.case;
    for (const c of [a, b]) expect((await agent1.post(`/api/cases/${c.id}/links`, { interactionId: agent1Call })).status).toBe(201);
    for (const c of [a, b]) {
      const got = await agent1.get(`/api/cases/${c.id}`);
      expect(got.body.timeline.filter((e: { kind: string }) => e.kind === 'interaction').map((e: { interaction: { id: number } }) => e.interaction.id)).toEqual([agent1Call]);
    }
    // Linking twice changes nothing.
    await agent1.post(`/api/cases/${a.id}/links`, { interactionId: agent1Call });
    const links = await t.db('interaction_links').where({ interaction_id: agent1Call }).count('* as n').first();
    expect(Number(links?.n)).toBe(4);
  });

  it('does not let an agent link a colleague\'s call', async () => {
    const c = (await agent1.post('/api/cases', { kind: 'ticket', customerId: zhangwei, subject: 'x' })).body.case;
    const other = await t.db('interactions').whereNot({ agent_id: userId.agent1 }).andWhere({ customer_id: zhangwei }).whereNotNull('agent_id').first('id');
    const r = await agent1.post(`/api/cases/${c.id}/links`, { interactionId: Number(other.id) });
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0]).toMatchObject({ field: 'interactionId' });
  });
});

describe('editing', () => {
  it('gives the second of two saves from the same version a 409 and keeps the first', async () => {
    const c = (await agent1.post('/api/cases', complaint())).body.case;
    const first = await agent1.patch(`/api/cases/${c.id}`, { version: c.version, subject: 'First editor' });
    expect(first.status).toBe(200);
    const second = await supervisor.patch(`/api/cases/${c.id}`, { version: c.version, subject: 'Second editor' });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/someone else saved/i);
    expect((await agent1.get(`/api/cases/${c.id}`)).body.case.subject).toBe('First editor');
  });

  it('lets the assignee and the team supervisor edit, not another agent, and hides cases from marketers', async () => {
    const c = (await agent1.post('/api/cases', { kind: 'ticket', customerId: zhangwei, subject: 'Only mine' })).body.case;
    await t.db('interactions').insert({ customer_id: zhangwei, kind: 'call', agent_id: userId.agent2, started_at: new Date() });
    expect((await agent2.patch(`/api/cases/${c.id}`, { version: 1, priority: 'P1' })).status).toBe(403);
    expect((await supervisor.patch(`/api/cases/${c.id}`, { version: 1, priority: 'P1' })).status).toBe(200);
    expect((await marketer.get('/api/cases')).status).toBe(403);
    const denied = await t.db('audit_log').where({ user_id: userId.agent2, action: 'case.update', outcome: 'denied' }).first();
    expect(denied).toBeTruthy();
  });
});

describe('status rules', () => {
  it('walks a complaint to closed only with a resolution and the customer\'s confirmation or a contact attempt', async () => {
    let c = (await agent1.post('/api/cases', complaint())).body.case;
    const act = async (action: string, extra: Record<string, unknown> = {}) => {
      const r = await agent1.post(`/api/cases/${c.id}/transitions`, { version: c.version, action, ...extra });
      if (r.status === 200) c = r.body.case;
      return r;
    };
    const illegal = await act('close');
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.message).toMatch(/new/i);
    expect((await act('acknowledge')).status).toBe(200);
    expect(c).toMatchObject({ status: 'open' });
    expect(c.acknowledgedAt).not.toBeNull();
    expect((await act('resolve')).status).toBe(400); // no resolution or root cause yet
    expect((await act('resolve', { resolution: '更换光猫，已恢复', rootCause: 'product_defect' })).status).toBe(200);
    expect(c).toMatchObject({ status: 'resolved', nextDue: null });
    // Resolving schedules the confirmation call (回访).
    const tasks = (await agent1.get(`/api/cases/${c.id}/follow-ups`)).body.items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ reason: 'on_resolve', status: 'pending', phone: '+8613800138000' });
    const closeEarly = await act('close');
    expect(closeEarly.status).toBeGreaterThanOrEqual(400);
    expect(closeEarly.body.error.message).toMatch(/confirm|attempt|reach/i);
    // The follow-up call does not reach the customer: an attempt is logged and the task comes back later.
    const outcome = await agent1.post(`/api/follow-ups/${tasks[0].id}/outcome`, { version: tasks[0].version, outcome: 'not_reached' });
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ status: 'pending', attempts: 1 });
    expect(Date.parse(outcome.body.dueAt)).toBeGreaterThan(clock.now());
    c = (await agent1.get(`/api/cases/${c.id}`)).body.case;
    expect(c.contactAttempts).toBe(1);
    expect((await act('close')).status).toBe(200);
    expect(c.status).toBe('closed');
  });

  it('reopens a resolved ticket when the follow-up hears it is not solved', async () => {
    let c = (await agent1.post('/api/cases', { kind: 'ticket', customerId: zhangwei, subject: 'Slow Wi-Fi', priority: 'P3' })).body.case;
    c = (await agent1.post(`/api/cases/${c.id}/transitions`, { version: c.version, action: 'resolve' })).body.case;
    expect(c.status).toBe('resolved');
    const task = (await agent1.post('/api/follow-ups', { caseId: c.id, dueAt: new Date(clock.now() + 3600_000).toISOString() })).body;
    expect(task).toMatchObject({ reason: 'manual', status: 'pending' });
    const myWork = (await agent1.get('/api/my-work')).body;
    expect(myWork.followUps.map((f: { id: number }) => f.id)).toContain(task.id);
    const r = await agent1.post(`/api/follow-ups/${task.id}/outcome`, { version: task.version, outcome: 'reached_not_solved', note: '还是慢' });
    expect(r.body).toMatchObject({ status: 'done', outcome: 'reached_not_solved' });
    const after = (await agent1.get(`/api/cases/${c.id}`)).body;
    expect(after.case).toMatchObject({ status: 'open', resolvedAt: null });
    expect(after.case.nextDue).toMatchObject({ clock: 'resolve' });
    const audit = await t.db('audit_log').where({ action: 'follow_up.outcome', entity_id: String(task.id) });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'follow_up', outcome: 'allowed' });
    expect(audit[0].detail).toMatchObject({ caseId: c.id, outcome: 'reached_not_solved' });
  });
});

describe('lists and search', () => {
  it("lists only cases of customers the viewer may see", async () => {
    const emily = (await t.db('customers').where({ name: 'Emily Chan' }).first('id')).id;
    const c = (await agent2.post('/api/cases', { kind: 'ticket', customerId: emily, subject: 'API contact for bookings', priority: 'P3' })).body.case;
    expect((await admin.get('/api/cases?limit=100')).body.items.map((x: { id: number }) => x.id)).toContain(c.id);
    expect((await agent2.get('/api/cases?limit=100')).body.items.map((x: { id: number }) => x.id)).toContain(c.id);
    const seenByAgent1 = (await agent1.get('/api/cases?limit=100')).body.items as { id: number; customerName: string }[];
    expect(seenByAgent1.length).toBeGreaterThan(0);
    expect(seenByAgent1.map((x) => x.customerName)).not.toContain('Emily Chan');
  });

  it('filters by kind, status and assignee, and finds Chinese and English words in subjects', async () => {
    const mine = await agent1.get('/api/cases?assignee=me&kind=complaint&status=active');
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((c: { kind: string; assigneeName: string }) => c.kind === 'complaint' && c.assigneeName === '李娜 Li Na')).toBe(true);
    const zh = await supervisor.get(`/api/cases?q=${encodeURIComponent('反复断线')}`);
    expect(zh.body.items.length).toBeGreaterThan(0);
    expect(zh.body.items.every((c: { subject: string }) => c.subject.includes('反复断线') || c.subject === 'First editor')).toBe(true);
    const en = await supervisor.get('/api/cases?q=broadband');
    expect(en.body.items.length).toBeGreaterThan(0);
    expect((await supervisor.get(`/api/cases?q=${encodeURIComponent('不存在的词')}`)).body.items).toEqual([]);
    expect((await supervisor.get('/api/cases?status=bogus')).status).toBe(400);
  });

  it('pages with a cursor without repeating a case', async () => {
    const first = await admin.get('/api/cases?limit=3');
    const second = await admin.get(`/api/cases?limit=3&before=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...second.body.items].map((c: { id: number }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('SLA sweep', () => {
  it('warns, then escalates a breach, then goes one level up, each exactly once, across a restart', async () => {
    // Calendar-time clocks of an hour, so the test moves minutes rather than business days.
    const policy = (await admin.get('/api/settings/sla_policy')).body;
    policy.value.complaints.bySeverity.critical = { acknowledge: { time: 'calendar', minutes: 60 }, resolve: { time: 'calendar', minutes: 120 } };
    expect((await admin.put('/api/settings/sla_policy', policy)).status).toBe(200);
    const c = (await agent1.post('/api/cases', complaint({ severity: 'critical', subject: 'SLA clock test' }))).body.case;
    const escalations = () => t.db('escalations').where({ ticket_id: c.id }).orderBy('id');
    const sweep = () => app.composed.slaScheduler.sweep();

    clock.advance(30 * 60_000);
    await sweep();
    expect(await escalations()).toHaveLength(0);

    clock.advance(16 * 60_000); // 46 of 60 minutes: at risk
    await sweep();
    // With nothing new, the next pass neither reads nor rewrites the case.
    const rowVersion = async () => ((await t.db.raw('SELECT xmin::text AS v FROM case_sla WHERE ticket_id = ?', [c.id])) as { rows: { v: string }[] }).rows[0]?.v;
    const settled = await rowVersion();
    await sweep();
    expect(await rowVersion()).toBe(settled);
    let rows = await escalations();
    expect(rows.map((r) => [r.clock, r.level, r.to_user_id])).toEqual([['acknowledge', 'at_risk', userId.supervisor1]]);
    const list = (await supervisor.get('/api/escalations')).body.items;
    expect(list[0]).toMatchObject({ caseNumber: c.number, level: 'at_risk', clock: 'acknowledge' });
    expect((await agent1.get(`/api/cases/${c.id}`)).body.case.nextDue.status).toBe('at_risk');
    expect((await supervisor.get('/api/cases?sla=at_risk')).body.items.map((x: { id: number }) => x.id)).toContain(c.id);

    // A second server (a restart) sweeping the same database fires nothing new.
    const restarted = new SlaScheduler({ db: t.db, sla: app.services.sla, clock, log: logger.child({ test: true }), notifier: { escalationRaised: () => {} } }, 0);
    await restarted.sweep();
    expect(await escalations()).toHaveLength(1);

    clock.advance(15 * 60_000); // 61 minutes: acknowledgement breached
    await restarted.sweep();
    await sweep();
    clock.advance(30 * 60_000); // 91 minutes: 150 % of the budget, one level up for a complaint
    // Both servers sweeping at the same moment: still one firing.
    await Promise.all([sweep(), restarted.sweep()]);
    await Promise.all([sweep(), restarted.sweep()]);
    rows = await escalations();
    expect(rows.map((r) => [r.clock, r.level, r.to_user_id])).toEqual([
      ['acknowledge', 'at_risk', userId.supervisor1],
      ['acknowledge', 'breached', userId.supervisor1],
      ['acknowledge', 'breached_level2', userId.admin1],
      ['resolve', 'at_risk', userId.supervisor1],
    ]);
    const timeline = (await agent1.get(`/api/cases/${c.id}`)).body.timeline.map((e: { type?: string }) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['at_risk', 'breached', 'escalated']));
    expect((await agent1.get('/api/escalations')).status).toBe(403);
  });

  it('leaves a resolved case alone past its deadline, and watches it again once reopened', async () => {
    const policy = (await admin.get('/api/settings/sla_policy')).body;
    policy.value.tickets.resolve.P1 = { time: 'calendar', minutes: 60 };
    expect((await admin.put('/api/settings/sla_policy', policy)).status).toBe(200);
    let c = (await agent1.post('/api/cases', { kind: 'ticket', customerId: zhangwei, subject: 'Line dead since morning', priority: 'P1' })).body.case;
    const escalations = () => t.db('escalations').where({ ticket_id: c.id });
    const watched = async () => Boolean(await t.db('case_sla').where({ ticket_id: c.id }).first());
    expect(await watched()).toBe(true);
    // The assignee is copied into the sweep's set: a hand-over is what the sweep sees.
    expect((await t.db('case_sla').where({ ticket_id: c.id }).first()).assignee_id).toBe(userId.agent1);

    c = (await agent1.post(`/api/cases/${c.id}/transitions`, { version: c.version, action: 'resolve' })).body.case;
    expect(await watched()).toBe(false);
    clock.advance(120 * 60_000); // well past the hour it had
    await app.composed.slaScheduler.sweep();
    expect(await escalations()).toHaveLength(0);

    c = (await agent1.post(`/api/cases/${c.id}/transitions`, { version: c.version, action: 'reopen' })).body.case;
    expect(await watched()).toBe(true);
    clock.advance(46 * 60_000); // a new hour from the reopening: at risk
    await app.composed.slaScheduler.sweep();
    expect((await escalations()).map((e) => e.level)).toEqual(['at_risk']);
    expect((await supervisor.get('/api/cases?sla=at_risk')).body.items.map((x: { id: number }) => x.id)).toContain(c.id);

    // The supervisor's report counts it among their team's open cases at risk.
    const period = `from=${new Date(clock.now() - 86_400_000).toISOString()}&to=${new Date(clock.now() + 60_000).toISOString()}`;
    const report = await supervisor.get(`/api/reports/cases?${period}`);
    expect(report.status).toBe(200);
    expect(report.body.sla.openAtRisk).toBeGreaterThanOrEqual(1);
    const atRiskInTeam = await t.db('case_sla as s').join('tickets as t', 't.id', 's.ticket_id').where({ 's.status': 'at_risk', 't.team_id': c.teamId }).count('* as n').first();
    expect(report.body.sla.openAtRisk).toBe(Number(atRiskInTeam?.n));
  });
});
