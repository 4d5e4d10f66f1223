// Not-ready reasons and disposition codes set up through /api/admin: validated field by field,
// audited with before and after, 409 when stale. The desk offers only active reasons and wrap-up
// only active codes, while history keeps showing the words of retired ones.
import { WebSocket } from 'ws';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminDisposition, AdminDispositionList, NotReadyReason, NotReadyReasonList } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { CallHarness } from '../support/call-harness.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestDb;
let app: TestApp;
let admin: ApiClient;
let supervisor: ApiClient;
let agent: ApiClient;
let adminId: number;
let agentId: number;
let deskSocket: Socket;
const calls = new CallHarness(() => app.baseUrl);

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
  admin = await new ApiClient(app.baseUrl).login('admin1');
  supervisor = await new ApiClient(app.baseUrl).login('supervisor1');
  agent = await new ApiClient(app.baseUrl).login('agent1');
  adminId = (await t.db('users').where({ username: 'admin1' }).first('id')).id;
  agentId = (await t.db('users').where({ username: 'agent1' }).first('id')).id;
  deskSocket = await calls.desk(agent);
});
afterAll(async () => {
  await calls.close();
  await app?.close();
  await t?.drop();
});

const audits = (action: string, entityId: number) => t.db('audit_log').where({ action, entity_id: String(entityId) }).select('user_id', 'detail', 'outcome');
const setState = (cmd: Record<string, unknown>) => deskSocket.emitWithAck('agent:set-state', cmd as never);

describe('Not-ready reasons', () => {
  let coaching: NotReadyReason;

  it('starts with the five reasons of earlier versions, active and in order, readable by every signed-in user', async () => {
    const r = await agent.get<NotReadyReasonList>('/api/not-ready-reasons');
    expect(r.status).toBe(200);
    expect(r.body.items.map((x) => [x.code, x.label, x.labelZh, x.active])).toEqual([
      ['break', 'Break', '小休', true],
      ['lunch', 'Lunch', '午餐', true],
      ['training', 'Training', '培训', true],
      ['meeting', 'Meeting', '会议', true],
      ['admin', 'Admin work', '行政事务', true],
    ]);
  });

  it('lets supervisors read the admin list but only admins change it; agents get neither', async () => {
    expect((await supervisor.get('/api/admin/not-ready-reasons')).status).toBe(200);
    const refused = await supervisor.post('/api/admin/not-ready-reasons', { code: 'nap', label: 'Nap', labelZh: '小睡' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Only admins change Not-ready reasons and disposition codes');
    expect((await agent.get('/api/admin/not-ready-reasons')).status).toBe(403);
    expect((await agent.post('/api/admin/not-ready-reasons', { code: 'nap', label: 'Nap', labelZh: '小睡' })).status).toBe(403);
  });

  it('adds a reason with words in both languages at the end of the list, audited, and the agent can choose it at once', async () => {
    const r = await admin.post<NotReadyReason>('/api/admin/not-ready-reasons', { code: ' Coaching ', label: 'Coaching', labelZh: '辅导' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    coaching = r.body;
    expect(coaching).toMatchObject({ code: 'coaching', label: 'Coaching', labelZh: '辅导', active: true, sort: 5, version: 1 });
    const [entry] = await audits('admin.not_ready_reason.created', coaching.id);
    expect(entry).toMatchObject({ user_id: adminId, outcome: 'allowed' });
    expect(entry.detail.after).toEqual({ code: 'coaching', label: 'Coaching', labelZh: '辅导', sort: 5, active: true });

    const ack = await setState({ state: 'not_ready', reason: 'coaching' });
    expect(ack).toMatchObject({ ok: true, data: { state: 'not_ready', reason: 'coaching' } });
  });

  it('names each wrong field, and refuses a taken code or one the system sets by itself', async () => {
    const bad = await admin.post('/api/admin/not-ready-reasons', { code: 'no spaces!', label: '', labelZh: 'x'.repeat(101), sort: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['code', 'label', 'labelZh', 'sort']);

    const taken = await admin.post('/api/admin/not-ready-reasons', { code: 'break', label: 'Another break', labelZh: '另一个小休' });
    expect(taken.status).toBe(400);
    expect(taken.body.error.fields).toEqual([{ field: 'code', message: 'A Not-ready reason with this code exists' }]);

    const system = await admin.post('/api/admin/not-ready-reasons', { code: 'missed', label: 'Missed', labelZh: '未接' });
    expect(system.status).toBe(400);
    expect(system.body.error.fields).toEqual([{ field: 'code', message: 'This code is one the system sets by itself (missed, after_call, login); choose another' }]);
  });

  it('refuses a reason that is not an admin reason, with a clear message in the agent’s language', async () => {
    expect(await setState({ state: 'not_ready', reason: 'missed' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: "'missed' is not an active Not-ready reason: choose one of break, lunch, training, meeting, admin, coaching" },
    });
  });

  it('retires a reason with a 409 for a stale edit: audited, refused on the desk and after wrap-up, and still worded in the list', async () => {
    const stale = await admin.patch('/api/admin/not-ready-reasons/' + coaching.id, { version: coaching.version + 5, active: false });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe('This Not-ready reason was changed by someone else; reload and try again');

    const r = await admin.patch<NotReadyReason>('/api/admin/not-ready-reasons/' + coaching.id, { version: coaching.version, active: false, labelZh: '一对一辅导' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ active: false, labelZh: '一对一辅导', version: coaching.version + 1 });
    const [entry] = await audits('admin.not_ready_reason.updated', coaching.id);
    expect(entry.detail).toEqual({ code: 'coaching', before: { active: true, labelZh: '辅导' }, after: { active: false, labelZh: '一对一辅导' } });

    const refused = await setState({ state: 'not_ready', reason: 'coaching' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/^'coaching' is not an active Not-ready reason/);

    // The same rule after wrap-up: nothing is saved when the reason is refused.
    const call = await t.db('interactions').where({ agent_id: agentId, kind: 'call' }).whereNotNull('queue_id').first('id', 'disposition', 'queue_id');
    const codes = (await agent.get<{ items: { code: string }[] }>(`/api/interactions/${call.id}/dispositions`)).body.items;
    const wrap = await deskSocket.emitWithAck('call:wrap-up', { interactionId: call.id, disposition: codes[0]!.code, then: 'not_ready', reason: 'coaching' } as never);
    expect(wrap).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await t.db('interactions').where('id', call.id).first('disposition')).disposition).toBe(call.disposition);

    const list = (await agent.get<NotReadyReasonList>('/api/not-ready-reasons')).body.items;
    expect(list.find((x) => x.code === 'coaching')).toMatchObject({ active: false, label: 'Coaching', labelZh: '一对一辅导' });
    expect(await setState({ state: 'not_ready', reason: 'lunch' })).toMatchObject({ ok: true, data: { reason: 'lunch' } });
  });

  it('answers 404 for no such reason, and 400 for an edit with a wrong field', async () => {
    expect((await admin.patch('/api/admin/not-ready-reasons/999999', { version: 1, label: 'x' })).status).toBe(404);
    const bad = await admin.patch('/api/admin/not-ready-reasons/' + coaching.id, { version: 2, code: 'renamed' });
    expect(bad.status).toBe(400);
  });
});

describe('disposition codes', () => {
  let supportQueueId: number;
  let salesQueueId: number;
  let callId: number;
  let customerId: number;

  beforeAll(async () => {
    supportQueueId = (await t.db('queues').where({ name: 'support' }).first('id')).id;
    salesQueueId = (await t.db('queues').where({ name: 'sales' }).first('id')).id;
    const call = await t.db('interactions').where({ agent_id: agentId, kind: 'call' }).whereNotNull('customer_id').first('id', 'customer_id');
    callId = call.id;
    customerId = call.customer_id;
    await t.db('interactions').where('id', callId).update({ queue_id: supportQueueId, disposition: 'wrong_number' });
  });

  const offered = async () => (await agent.get<{ items: { code: string }[] }>(`/api/interactions/${callId}/dispositions`)).body.items.map((c) => c.code);
  const list = async () => (await admin.get<AdminDispositionList>('/api/admin/dispositions')).body.items;

  it('lists the shared codes first, then each queue’s own, retired ones too, for supervisors and admins', async () => {
    const items = await list();
    expect(items[0]).toMatchObject({ queueId: null, queueName: null, code: 'resolved_first_time', active: true, version: 1 });
    expect(items.find((c) => c.code === 'no_answer')).toMatchObject({ queueId: null, active: false });
    expect(items.filter((c) => c.queueId === salesQueueId).map((c) => c.code)).toEqual(['sale', 'no_sale', 'callback_requested', 'wrong_number']);
    expect(items.find((c) => c.queueId === salesQueueId)?.queueName).toBe('Sales');
    const all = await supervisor.get<AdminDispositionList>('/api/admin/dispositions');
    expect(all.status).toBe(200);
    expect(all.body.queues).toEqual([
      { id: supportQueueId, name: 'Customer support' },
      { id: salesQueueId, name: 'Sales' },
    ]);
    expect((await supervisor.post('/api/admin/dispositions', { code: 'x_code', label: 'X', labelZh: '某' })).status).toBe(403);
    expect((await agent.get('/api/admin/dispositions')).status).toBe(403);
  });

  it('adds a shared code, audited, and wrap-up of a queue without codes of its own offers it', async () => {
    const r = await admin.post<AdminDisposition>('/api/admin/dispositions', { code: 'transferred_l2', label: 'Passed to second line', labelZh: '转二线', revealsCase: false });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ queueId: null, code: 'transferred_l2', active: true, version: 1 });
    const [entry] = await audits('admin.disposition.created', r.body.id);
    expect(entry).toMatchObject({ user_id: adminId, outcome: 'allowed' });
    expect(entry.detail.after).toMatchObject({ queueId: null, code: 'transferred_l2', label: 'Passed to second line', labelZh: '转二线' });
    expect(await offered()).toContain('transferred_l2');
  });

  it('names each wrong field, keeps codes unique within a list, and refuses an unknown queue', async () => {
    const bad = await admin.post('/api/admin/dispositions', { code: '', label: 'x'.repeat(101), queueId: -3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['code', 'label', 'labelZh', 'queueId']);
    const taken = await admin.post('/api/admin/dispositions', { code: 'sale', label: 'Sale again', labelZh: '又成交' });
    expect(taken.status).toBe(400);
    expect(taken.body.error.fields).toEqual([{ field: 'code', message: "This code is already in the same list (the queue's own, or the shared codes)" }]);
    const noQueue = await admin.post('/api/admin/dispositions', { queueId: 999_999, code: 'lost', label: 'Lost', labelZh: '丢失' });
    expect(noQueue.status).toBe(400);
    expect(noQueue.body.error.fields).toEqual([{ field: 'queueId', message: 'No such queue' }]);
  });

  it('retires a code: 409 when stale, audited, no longer offered at wrap-up, and still worded in call history', async () => {
    const code = (await list()).find((c) => c.queueId === null && c.code === 'wrong_number')!;
    expect(await offered()).toContain('wrong_number');
    expect((await admin.patch(`/api/admin/dispositions/${code.id}`, { version: code.version + 1, active: false })).status).toBe(409);

    const r = await admin.patch<AdminDisposition>(`/api/admin/dispositions/${code.id}`, { version: code.version, active: false });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ active: false, version: code.version + 1, code: 'wrong_number' });
    const [entry] = await audits('admin.disposition.updated', code.id);
    expect(entry.detail).toEqual({ queueId: null, code: 'wrong_number', before: { active: true }, after: { active: false } });

    expect(await offered()).not.toContain('wrong_number');
    const refused = await deskSocket.emitWithAck('call:wrap-up', { interactionId: callId, disposition: 'wrong_number', then: 'ready' } as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const history = await admin.get<{ items: { id: number; disposition: string; dispositionLabel: { label: string; labelZh: string } | null }[] }>(
      `/api/customers/${customerId}/interactions?limit=200`,
    );
    expect(history.body.items.find((i) => i.id === callId)).toMatchObject({ disposition: 'wrong_number', dispositionLabel: { label: 'Wrong number', labelZh: '打错电话' } });
  });

  it("makes a queue with active codes of its own offer only those, and the shared ones again once they are all retired", async () => {
    const own = await admin.post<AdminDisposition>('/api/admin/dispositions', { queueId: supportQueueId, code: 'password_reset', label: 'Password reset', labelZh: '重置密码' });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body).toMatchObject({ queueId: supportQueueId, queueName: 'Customer support', sort: 0 });
    expect(await offered()).toEqual(['password_reset']);
    const off = await admin.patch(`/api/admin/dispositions/${own.body.id}`, { version: 1, active: false });
    expect(off.status).toBe(200);
    expect(await offered()).toContain('resolved_first_time');
  });
});
