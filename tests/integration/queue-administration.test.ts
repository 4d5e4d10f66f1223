// Queues, phone numbers and skills set up through /api/admin, and the ACD following each change
// on its next routing decision without a restart. The server's switch is replaced at its port by
// a fake and time is a fake clock, so the routing decisions are read directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminPhoneNumber, AdminQueue, AdminSkill, AdminUserCreated, AgentRouting, SetupChecklist } from '../../contract/index.js';
import { officeHoursCalendar } from '../../server/src/cases/rules/business-calendar.js';
import type { CallCenter } from '../../server/src/acd/call-center.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import type { CallControl } from '../../server/src/switch/ports.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

class FakeSwitch implements CallControl {
  offers: { callId: string; agentId: number }[] = [];
  withdrawn: { callId: string; agentId: number }[] = [];
  reachable = new Set<number>();
  offer(callId: string, agentUserId: number) {
    if (!this.reachable.has(agentUserId)) return false;
    this.offers.push({ callId, agentId: agentUserId });
    return true;
  }
  withdrawOffer(callId: string, agentUserId: number) {
    this.withdrawn.push({ callId, agentId: agentUserId });
  }
  release() {}
  isReachable(id: number) {
    return this.reachable.has(id);
  }
  promptCaller() {}
  offersOf(callId: string) {
    return this.offers.filter((o) => o.callId === callId).map((o) => o.agentId);
  }
}

let t: TestDb;
let app: TestApp;
let admin: ApiClient;
let adminId: number;
let clock: FakeClock;
let cc: CallCenter;
const sw = new FakeSwitch();
let supportTeamId: number;
let seq = 0;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  clock = new FakeClock(); // Thursday 2026-11-26 17:00 in Shanghai
  app = await startTestApp(t.db, undefined, { clock });
  cc = app.composed.callCenter;
  // The server's own call center, its phones replaced by the fake: admin changes reach it as they would in production.
  await cc.start(sw);
  admin = await new ApiClient(app.baseUrl).login('admin1');
  adminId = (await t.db('users').where({ username: 'admin1' }).first('id')).id;
  supportTeamId = (await t.db('teams').where({ name: 'Support' }).first('id')).id;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const audits = (action: string, entityId: number) => t.db('audit_log').where({ action, entity_id: String(entityId) }).select('user_id', 'detail');

async function newAgent(teamId = supportTeamId): Promise<number> {
  const username = `qa.agent${++seq}`;
  const r = await admin.post<AdminUserCreated>('/api/admin/users', { username, displayName: `QA ${seq}`, role: 'agent', teamId, password: 'a-long-password-1' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.user.id;
}

async function createQueue(body: Record<string, unknown>): Promise<AdminQueue> {
  const r = await admin.post<AdminQueue>('/api/admin/queues', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function patchQueue(q: AdminQueue, body: Record<string, unknown>): Promise<AdminQueue> {
  const current = (await admin.get<AdminQueue>(`/api/admin/queues/${q.id}`)).body;
  const r = await admin.patch<AdminQueue>(`/api/admin/queues/${q.id}`, { version: current.version, ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

function ready(...agentIds: number[]) {
  for (const id of agentIds) {
    sw.reachable.add(id);
    cc.agentReachabilityChanged(id, true);
    cc.shift.agentConnected(id);
    cc.shift.setReady(id);
    clock.advance(1000); // a second apart: the first named has been idle longest
  }
}

/** A caller dials `dialled`; resolves once the call is admitted and routed. */
async function dial(dialled: string) {
  const callId = `qa-call-${++seq}`;
  const admission = cc.queueCallArrived({ callId, sipCallId: `qa-sip-${seq}`, callerNumber: `+8613900${String(seq).padStart(6, '0')}`, callerDisplayName: null, dialled });
  await app.composed.callsSettled();
  return { callId, admission };
}

describe('queues through the API', () => {
  it('creates a queue with numbers in any written form stored as E.164, members with levels, audited', async () => {
    const agent = await newAgent();
    const q = await createQueue({ name: 'Billing', displayName: '账单', numbers: ['400 900 1234', '+86 10 5800 9999'], members: [{ userId: agent, skillLevel: 4 }] });
    expect(q).toMatchObject({ name: 'billing', displayName: '账单', numbers: ['+864009001234', '+861058009999'], active: true, version: 1, ringSeconds: 15, serviceLevelSeconds: 20 });
    expect(q.members).toEqual([{ userId: agent, displayName: expect.any(String), teamId: supportTeamId, skillLevel: 4 }]);
    const [entry] = await audits('admin.queue.created', q.id);
    expect(entry).toMatchObject({ user_id: adminId });
    expect(entry.detail.after).toMatchObject({ name: 'billing', numbers: ['+864009001234', '+861058009999'], members: [{ userId: agent, skillLevel: 4 }] });
  });

  it('names each bad field with a 400, and a taken name or number clearly', async () => {
    const bad = await admin.post('/api/admin/queues', { name: 'Bad name!', ringSeconds: 1, members: [{ userId: 1, skillLevel: 11 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['members.0.skillLevel', 'name', 'ringSeconds']);

    const notNumbers = await admin.post('/api/admin/queues', { name: 'nums', numbers: ['hello', '4009001111', '400-900-1111'] });
    expect(notNumbers.body.error.fields).toEqual([
      { field: 'numbers.0', message: 'hello is not a phone number' },
      { field: 'numbers.2', message: '+864009001111 is listed twice' },
    ]);

    const marketer = (await t.db('users').where({ username: 'marketer1' }).first('id')).id;
    const member = await admin.post('/api/admin/queues', { name: 'members', members: [{ userId: marketer }] });
    expect(member.body.error.fields).toEqual([{ field: 'members.0.userId', message: 'Members are active agents or supervisors' }]);

    const name = await admin.post('/api/admin/queues', { name: 'SUPPORT' });
    expect(name.body.error.fields).toEqual([{ field: 'name', message: 'A queue with this name exists' }]);
    const number = await admin.post('/api/admin/queues', { name: 'again', numbers: ['+86 400-800-1234'] });
    expect(number.status).toBe(400);
    expect(number.body.error.fields).toEqual([{ field: 'numbers.0', message: '+864008001234 already goes to Customer support; one number has one destination' }]);
  });

  it('edits at the loaded version, answers 409 to a stale one, and audits before and after', async () => {
    const q = await createQueue({ name: 'versions' });
    const first = await admin.patch<AdminQueue>(`/api/admin/queues/${q.id}`, { version: 1, ringSeconds: 25, csatEnabled: true });
    expect(first.body).toMatchObject({ ringSeconds: 25, csatEnabled: true, version: 2 });
    const stale = await admin.patch(`/api/admin/queues/${q.id}`, { version: 1, ringSeconds: 30 });
    expect(stale.status).toBe(409);
    const [entry] = await audits('admin.queue.updated', q.id);
    expect(entry.detail).toEqual({ before: { ringSeconds: 15, csatEnabled: false }, after: { ringSeconds: 25, csatEnabled: true } });
    const self = await admin.patch(`/api/admin/queues/${q.id}`, { version: 2, overflowQueueId: q.id });
    expect(self.body.error.fields).toEqual([{ field: 'overflowQueueId', message: 'A queue cannot send its callers to itself' }]);
  });

  it('lists queues a page at a time, for admins and supervisors only', async () => {
    const page1 = await admin.get('/api/admin/queues?limit=2');
    expect(page1.body.items).toHaveLength(2);
    const page2 = await admin.get(`/api/admin/queues?limit=2&after=${page1.body.nextAfter}`);
    expect(page2.body.items[0].id).toBeGreaterThan(page1.body.nextAfter);
    const supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
    expect((await supervisor.get('/api/admin/queues')).status).toBe(200);
    expect((await supervisor.post('/api/admin/queues', { name: 'mine' })).status).toBe(403);
    const agent = await new ApiClient(app.baseUrl).login('agent1');
    expect((await agent.get('/api/admin/queues')).status).toBe(403);
  });
});

describe('the ACD follows the administration without a restart', () => {
  it('routes a call to a new queue by its number, to a new member, and not to a removed one', async () => {
    const [a, b] = [await newAgent(), await newAgent()];
    const q = await createQueue({ name: 'fresh', numbers: ['4009002000'], members: [{ userId: a }] });
    ready(a);
    const first = await dial('4009002000');
    expect(first.admission).toEqual({ outcome: 'queued', queueName: 'fresh' });
    expect(sw.offersOf(first.callId)).toEqual([a]);

    // a is busy ringing; b is Ready but not a member: the next call waits until b is put in.
    ready(b);
    const second = await dial('+86 400 900 2000');
    expect(sw.offersOf(second.callId)).toEqual([]);
    await patchQueue(q, { members: [{ userId: a }, { userId: b }] });
    await app.composed.callsSettled();
    expect(sw.offersOf(second.callId)).toEqual([b]);

    // Removed, b is not offered the next call; the call ringing b is not withdrawn.
    cc.callerLeft(first.callId);
    await patchQueue(q, { members: [{ userId: a }] });
    expect(sw.withdrawn.filter((w) => w.callId === second.callId)).toEqual([]);
    cc.callerLeft(second.callId);
    await app.composed.callsSettled();
    const third = await dial('4009002000');
    expect(sw.offersOf(third.callId)).toEqual([a]);
    cc.callerLeft(third.callId);
  });

  it('rings for the changed ring time', async () => {
    const [a, b] = [await newAgent(), await newAgent()];
    const q = await createQueue({ name: 'ringtime', numbers: ['4009003000'], members: [{ userId: a }, { userId: b }], ringSeconds: 30 });
    await patchQueue(q, { ringSeconds: 8 });
    ready(a, b);
    const call = await dial('4009003000');
    expect(sw.offersOf(call.callId)).toEqual([a]);
    clock.advance(8_000);
    await app.composed.callsSettled();
    expect(sw.offersOf(call.callId)).toEqual([a, b]);
    cc.callerLeft(call.callId);
  });

  it('offers the call to the higher skill level among free agents', async () => {
    const [low, high] = [await newAgent(), await newAgent()];
    await createQueue({ name: 'levels', numbers: ['4009004000'], members: [{ userId: low, skillLevel: 2 }, { userId: high, skillLevel: 8 }] });
    ready(low, high); // low has been idle longer
    const call = await dial('4009004000');
    expect(sw.offersOf(call.callId)).toEqual([high]);
    cc.callerLeft(call.callId);
  });

  it('sends callers elsewhere, or busy, outside the business calendar', async () => {
    const [a, b] = [await newAgent(), await newAgent()];
    const night = await createQueue({ name: 'night', members: [{ userId: b }] });
    const day = await createQueue({ name: 'daytime', numbers: ['4009005000'], members: [{ userId: a }], openingHours: officeHoursCalendar('Asia/Shanghai') });
    ready(a, b);
    const open = await dial('4009005000'); // 17:00 on a Thursday in Shanghai
    expect(open.admission).toEqual({ outcome: 'queued', queueName: 'daytime' });
    cc.callerLeft(open.callId);

    clock.advance(2 * 3600_000); // 19:00: closed
    const closed = await dial('4009005000');
    // A phone-line caller hears the closed prompt before the busy.
    expect(closed.admission).toEqual({ outcome: 'refused', status: 486, reason: 'Queue closed', announce: 'closed' });

    await patchQueue(day, { outOfHoursQueueId: night.id });
    const elsewhere = await dial('4009005000');
    expect(elsewhere.admission).toEqual({ outcome: 'queued', queueName: 'night' });
    expect(sw.offersOf(elsewhere.callId)).toEqual([b]);
    cc.callerLeft(elsewhere.callId);
  });

  it('stops taking callers to a deactivated queue', async () => {
    const q = await createQueue({ name: 'closing', numbers: ['4009006000'] });
    await patchQueue(q, { active: false });
    expect((await dial('4009006000')).admission).toMatchObject({ outcome: 'refused', status: 404 });
    const [entry] = await audits('admin.queue.deactivated', q.id);
    expect(entry.detail).toEqual({ before: { active: true }, after: { active: false } });
  });
});

describe('phone numbers', () => {
  it('rings an agent directly on their number, one destination per number, and keeps one default caller id', async () => {
    const agent = await newAgent();
    const first = await admin.post<AdminPhoneNumber>('/api/admin/phone-numbers', { number: '010 5800 7777', destination: { kind: 'agent', userId: agent }, defaultOutbound: true });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ number: '+861058007777', destination: { kind: 'agent', userId: agent }, defaultOutbound: true, version: 1 });
    expect(cc.agentForNumber('+861058007777')).toBe(agent);

    const again = await admin.post('/api/admin/phone-numbers', { number: '+861058007777', destination: { kind: 'queue', queueId: 1 } });
    expect(again.body.error.fields).toEqual([{ field: 'number', message: `+861058007777 already goes to QA ${seq}; one number has one destination` }]);

    const second = await admin.post<AdminPhoneNumber>('/api/admin/phone-numbers', { number: '4009007000', destination: { kind: 'queue', queueId: 1 }, defaultOutbound: true });
    const list = (await admin.get<{ items: AdminPhoneNumber[] }>('/api/admin/phone-numbers')).body.items;
    expect(list.filter((n) => n.defaultOutbound).map((n) => n.id)).toEqual([second.body.id]);

    const moved = await admin.patch<AdminPhoneNumber>(`/api/admin/phone-numbers/${first.body.id}`, { version: 1, destination: { kind: 'queue', queueId: 1 } });
    expect(moved.status).toBe(409); // losing the default caller id bumped its version
    const current = list.find((n) => n.id === first.body.id)!;
    const ok = await admin.patch<AdminPhoneNumber>(`/api/admin/phone-numbers/${first.body.id}`, { version: current.version, destination: { kind: 'queue', queueId: 1 } });
    expect(ok.status).toBe(200);
    expect(cc.agentForNumber('+861058007777')).toBeNull();
    const [entry] = await audits('admin.phone-number.updated', first.body.id);
    expect(entry.detail).toEqual({ before: { destination: { kind: 'agent', userId: agent } }, after: { destination: { kind: 'queue', queueId: 1 } } });

    expect((await admin.request('DELETE', `/api/admin/phone-numbers/${second.body.id}?version=1`)).status).toBe(204);
  });
});

describe('skills and agents\' routing', () => {
  it('keeps skill names unique and edits them at their version', async () => {
    const r = await admin.post<AdminSkill>('/api/admin/skills', { name: 'mandarin' });
    expect(r.status).toBe(201);
    expect((await admin.post('/api/admin/skills', { name: 'mandarin' })).body.error.fields).toEqual([{ field: 'name', message: 'A skill with this name exists' }]);
    expect((await admin.patch(`/api/admin/skills/${r.body.id}`, { version: 1, name: '普通话' })).status).toBe(200);
    expect((await admin.patch(`/api/admin/skills/${r.body.id}`, { version: 1, name: 'stale' })).status).toBe(409);
  });

  it("lets a supervisor set their own team's agent's skill levels and queues, and refuses another team's", async () => {
    const supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
    const skill = (await admin.post<AdminSkill>('/api/admin/skills', { name: 'cantonese' })).body;
    const ownAgent = await newAgent();
    const q = await createQueue({ name: 'supervised' });
    const put = await supervisor.put<AgentRouting>(`/api/admin/agents/${ownAgent}/routing`, { skills: [{ skillId: skill.id, level: 7 }], queues: [{ queueId: q.id, skillLevel: 5 }] });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.skills).toEqual([{ skillId: skill.id, name: 'cantonese', level: 7 }]);
    expect(put.body.queues).toEqual([{ queueId: q.id, name: 'supervised', skillLevel: 5 }]);
    const [entry] = await audits('admin.agent.routing-changed', ownAgent);
    expect(entry.detail.after).toEqual({ skills: [{ skillId: skill.id, level: 7 }], queues: [{ queueId: q.id, skillLevel: 5 }] });

    const otherTeam = (await admin.post('/api/admin/teams', { name: 'Elsewhere' })).body.id as number;
    const stranger = await newAgent(otherTeam);
    const refused = await supervisor.put(`/api/admin/agents/${stranger}/routing`, { skills: [{ skillId: skill.id, level: 9 }] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("Supervisors manage only their own team's agents");
    expect((await t.db('agent_skills').where({ user_id: stranger })).length).toBe(0);
    expect((await admin.put(`/api/admin/agents/${stranger}/routing`, { skills: [{ skillId: skill.id, level: 9 }] })).status).toBe(200);
  });
});

describe('the start-up checklist', () => {
  it('is hidden in demo mode, and each step reads the data', async () => {
    const r = await admin.get<SetupChecklist>('/api/admin/setup-checklist');
    expect(r.body.show).toBe(false); // the test app runs in demo mode
    expect(Object.fromEntries(r.body.steps.map((s) => [s.step, s.done]))).toMatchObject({ team: true, agents: true, queue: true, members: true });
    const agent = await new ApiClient(app.baseUrl).login('agent1');
    expect((await agent.get('/api/admin/setup-checklist')).status).toBe(403);
  });
});
