// Blind transfer through the real wiring: real sip.js phones over the built-in switch (media
// faked), the agent desks over Socket.IO, the call log in PostgreSQL. The switch hangs up the
// first agent's leg, rings the second agent's phone without an offer, and re-negotiates the
// caller's media with that phone; the context (who, why, notes, cases) reaches the second
// agent's pop before their phone rings.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveCallView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import type { Softphone } from '../../softphone/src/softphone.js';
import { callReaches, nextEvent } from '../../softphone/src/testing/phone-harness.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { CallHarness } from '../support/call-harness.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { callAnsweredByFirst, nextOn, signInAgent, webCaller, type AgentDesk } from '../support/two-agent-call.js';

let t: TestDb;
let app: TestApp;
const calls = new CallHarness(() => app.baseUrl);

type Desk = AgentDesk;
let li: Desk;
let wang: Desk;

const signIn = (username: string): Promise<Desk> => signInAgent(calls, app.baseUrl, t, username);
const next = nextOn;
const caller = (number: string): Promise<Softphone> => webCaller(calls, app.baseUrl, number);

/** Finishes the agent's after-call work, if any: each agent gives their own part a disposition. */
async function wrapUp(desk: Desk): Promise<void> {
  const now = await desk.socket.emitWithAck('agent:get-desktop', {});
  if (!now.ok || now.data.status.state !== 'wrap_up' || !now.data.call) return;
  const done = await desk.socket.emitWithAck('call:wrap-up', { interactionId: now.data.call.interactionId, disposition: 'resolved_first_time', then: 'not_ready', reason: 'break' });
  expect(done, JSON.stringify(done)).toMatchObject({ ok: true, data: { state: "not_ready" } });
}

/** The caller reaches agent1 (agent2 is on a break so the queue cannot pick them). */
const callAnsweredByLi = (from: Softphone): Promise<LiveCallView> => callAnsweredByFirst(li, wang, from, wrapUp);

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
  li = await signIn('agent1');
  wang = await signIn('agent2');
});
afterAll(async () => {
  await calls.close();
  await app.close();
  await t.drop();
});

describe('blind transfer', () => {
  it('lists the agents one can transfer to with their state, and the queues', async () => {
    const dir = await li.socket.emitWithAck('transfer:directory', {});
    expect(dir.ok).toBe(true);
    if (!dir.ok) return;
    expect(dir.data.agents.find((a: { id: number }) => a.id === wang.id)).toMatchObject({ extension: '1002', phoneReachable: true });
    expect(dir.data.agents.some((a: { id: number }) => a.id === li.id)).toBe(false);
    expect(dir.data.queues.some((q: { name: string }) => q.name === 'Customer support')).toBe(true);
  });

  it('refuses a transfer with no call, and an unknown target, in words the agent reads', async () => {
    const none = await li.socket.emitWithAck('call:transfer', { to: '1002' });
    expect(none).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const badReason = await li.socket.emitWithAck('call:transfer', { to: '1002', reason: 'two\nlines' });
    expect(badReason).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('hands the call to agent2 with the notes, linked case and reason on their pop, then logs both parts', async () => {
    const customer = await caller('138 0013 8000');
    const offer = await callAnsweredByLi(customer);
    const caseId = offer.screenPop.primary!.openCases![0]!.id;
    expect((await li.client.post(`/api/cases/${caseId}/links`, { interactionId: offer.interactionId })).status).toBe(201);
    expect(await li.socket.emitWithAck('call:save-notes', { interactionId: offer.interactionId, notes: '客户要求退款，已核实订单' })).toMatchObject({ ok: true });

    const unknown = await li.socket.emitWithAck('call:transfer', { to: 'nobody at all' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const popForWang = next<LiveCallView>(wang.socket, 'call:offered');
    const liEnded = next<{ endReason: string }>(li.socket, 'call:ended');
    const wangRings = nextEvent(wang.phone, 'call:incoming');
    const liHungUp = callReaches(li.phone, 'ended');
    const done = await li.socket.emitWithAck('call:transfer', { to: '1002', reason: 'Refund needs billing' });
    expect(done).toMatchObject({ ok: true, data: { kind: 'blind', to: { type: 'agent', id: wang.id } } });

    const pop = await popForWang;
    expect(pop).toMatchObject({
      interactionId: offer.interactionId,
      state: 'ringing',
      transfer: { by: { id: li.id }, reason: 'Refund needs billing', notes: '客户要求退款，已核实订单' },
    });
    expect(pop.transfer!.cases.map((c) => c.id)).toEqual([caseId]);
    expect(pop.screenPop.primary?.customer.name).toBe('张伟');
    await liHungUp;
    await liEnded;
    const { call } = await wangRings;
    expect(call.remote.user).toBe('+8613800138000');

    const wangTalks = next<LiveCallView>(wang.socket, 'call:updated');
    const mediaBefore = customer.call;
    await wang.phone.answer();
    expect((await wangTalks).state).toBe('talking');
    // The caller never left the call: the same call, its media now agent2's.
    expect(customer.call?.state).toBe('active');
    expect(customer.call?.id).toBe(mediaBefore?.id);
    const liDesk = await li.socket.emitWithAck('agent:get-desktop', {});
    expect(liDesk).toMatchObject({ ok: true, data: { status: { state: 'wrap_up' }, call: { interactionId: offer.interactionId, state: 'wrap_up' } } });

    const wangEnded = next<{ endReason: string }>(wang.socket, 'call:ended');
    await customer.hangup();
    await callReaches(wang.phone, 'ended');
    expect((await wangEnded).endReason).toBe('completed');
    await app.composed.callsSettled();

    const row = await t.db('interactions').where({ id: offer.interactionId }).first();
    expect(row).toMatchObject({ agent_id: wang.id, end_reason: 'completed', hangup_by: 'customer' });
    const transfers = await t.db('interaction_transfers').where({ interaction_id: offer.interactionId });
    expect(transfers).toEqual([
      expect.objectContaining({ kind: 'blind', from_agent_id: li.id, to_agent_id: wang.id, reason: 'Refund needs billing', answered_by: wang.id }),
    ]);
    // Both agents may finish their own part of the call.
    expect(await li.socket.emitWithAck('call:save-notes', { interactionId: offer.interactionId, notes: '已转账务' })).toMatchObject({ ok: true });
  });

  it('comes back to agent1, rung again from their wrap-up, when agent2 does not take it', async () => {
    const customer = await caller('+852 9123 4567');
    const offer = await callAnsweredByLi(customer);
    const wangRings = nextEvent(wang.phone, 'call:incoming');
    const liHungUp = callReaches(li.phone, 'ended');
    expect(await li.socket.emitWithAck('call:transfer', { to: '王芳 Wang Fang (1002)' })).toMatchObject({ ok: true });
    await wangRings;
    await liHungUp;
    expect((await li.socket.emitWithAck('agent:get-desktop', {})) as unknown).toMatchObject({ ok: true, data: { status: { state: 'wrap_up' } } });

    const backToLi = next<LiveCallView>(li.socket, 'call:offered');
    const liRings = nextEvent(li.phone, 'call:incoming');
    await wang.phone.reject();
    expect(await backToLi).toMatchObject({ interactionId: offer.interactionId, state: 'ringing' });
    await liRings;
    const liTalks = next<LiveCallView>(li.socket, 'call:updated');
    await li.phone.answer();
    expect((await liTalks).state).toBe('talking');
    expect(customer.call?.state).toBe('active');

    await li.phone.hangup();
    await callReaches(customer, 'ended');
    await app.composed.callsSettled();
    const row = await t.db('interactions').where({ id: offer.interactionId }).first();
    expect(row).toMatchObject({ agent_id: li.id, end_reason: 'completed', hangup_by: 'agent' });
    const [transfer] = await t.db('interaction_transfers').where({ interaction_id: offer.interactionId });
    expect(transfer).toMatchObject({ to_agent_id: wang.id, answered_by: li.id });
    // agent2 rejected: out of rotation until they say they are back, as for any missed offer.
    expect(await wang.socket.emitWithAck('agent:get-desktop', {})).toMatchObject({ ok: true, data: { status: { state: 'not_ready' } } });
  });

  it('puts the caller in the queue named, where the next free agent answers', async () => {
    const customer = await caller('+1 212 555 0142');
    const offer = await callAnsweredByLi(customer);
    const popForWang = next<LiveCallView>(wang.socket, 'call:offered');
    const done = await li.socket.emitWithAck('call:transfer', { to: 'Customer support', reason: 'Second opinion' });
    expect(done).toMatchObject({ ok: true, data: { to: { type: 'queue', name: 'Customer support' } } });
    const pop = await popForWang;
    expect(pop).toMatchObject({ interactionId: offer.interactionId, transfer: { reason: 'Second opinion', by: { id: li.id } } });
    await nextEvent(wang.phone, 'call:incoming');
    const wangTalks = next<LiveCallView>(wang.socket, 'call:updated');
    await wang.phone.answer();
    expect(await wangTalks).toMatchObject({ state: 'talking', transfer: { by: { id: li.id } } });
    await customer.hangup();
    await callReaches(wang.phone, 'ended');
    await app.composed.callsSettled();
    const [transfer] = await t.db('interaction_transfers').where({ interaction_id: offer.interactionId });
    expect(transfer).toMatchObject({ to_queue_id: expect.any(Number), to_agent_id: null, answered_by: wang.id });
  });
});
