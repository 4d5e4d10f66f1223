// Consult (attended) transfer through the real wiring: real sip.js phones over the built-in
// switch (media faked, but each phone's SDP names its owner, so a test can tell who negotiated
// media with whom), the agent desks over Socket.IO, the call log in PostgreSQL. agent1 holds the
// caller and calls agent2 on a second line; then hands the caller over, cancels, or swaps.
import { WebSocket } from 'ws';
import type { SessionDescriptionHandlerFactory } from 'sip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsultView, LiveCallView } from '../../contract/index.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import type { Softphone } from '../../softphone/src/softphone.js';
import type { CallState } from '../../softphone/src/call-state.js';
import { FakeMediaEngine, type FakeSessionDescriptionHandler } from '../../softphone/src/testing/fake-media.js';
import { callReaches, nextEvent } from '../../softphone/src/testing/phone-harness.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { CallHarness } from '../support/call-harness.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { callAnsweredByFirst, nextOn, signInAgent, webCaller, type AgentDesk } from '../support/two-agent-call.js';

let t: TestDb;
let app: TestApp;
const calls = new CallHarness(() => app.baseUrl);

/** Fake media whose SDP carries its owner's name (s=), and which tells whose SDP it was given. */
class NamedMedia extends FakeMediaEngine {
  /** The owner named by each remote description, in order. */
  readonly heard: string[] = [];
  private waiting: Array<{ who: string; resolve: () => void }> = [];

  constructor(readonly name: string) {
    super();
    const make = this.sessionDescriptionHandlerFactory;
    const named: SessionDescriptionHandlerFactory = (session, options) => {
      const h = make(session, options) as FakeSessionDescriptionHandler;
      const describe = h.getDescription.bind(h);
      h.getDescription = async (o) => {
        const d = await describe(o);
        return { ...d, body: d.body.replace('s=-', `s=${name}`) };
      };
      const take = h.setDescription.bind(h);
      h.setDescription = (sdp: string) => {
        const who = /^s=(.*)$/m.exec(sdp)?.[1]?.trim() ?? '?';
        this.heard.push(who);
        for (const w of this.waiting.filter((x) => x.who === who)) w.resolve();
        this.waiting = this.waiting.filter((x) => x.who !== who);
        return take(sdp);
      };
      return h;
    };
    (this as { sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory }).sessionDescriptionHandlerFactory = named;
  }

  /** Resolves once this phone has been given `who`'s SDP (counting from `since` descriptions on). */
  hears(who: string, since: number): Promise<void> {
    if (this.heard.slice(since).includes(who)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ who, resolve }));
  }
}

interface Desk extends AgentDesk {
  media: NamedMedia;
}
let li: Desk;
let wang: Desk;

async function signIn(username: string, name: string): Promise<Desk> {
  const media = new NamedMedia(name);
  return { ...(await signInAgent(calls, app.baseUrl, t, username, media)), media };
}

const next = nextOn;

async function caller(number: string, name: string): Promise<{ phone: Softphone; media: NamedMedia }> {
  const media = new NamedMedia(name);
  return { phone: await webCaller(calls, app.baseUrl, number, media), media };
}

async function consultReaches(phone: Softphone, state: CallState): Promise<void> {
  if (phone.consultCall?.state === state) return;
  await nextEvent(phone, 'consult:state-changed', (e) => e.call.state === state);
}

async function wrapUp(desk: Desk): Promise<void> {
  const now = await desk.socket.emitWithAck('agent:get-desktop', {});
  if (!now.ok || now.data.status.state !== 'wrap_up' || !now.data.call) return;
  const done = await desk.socket.emitWithAck('call:wrap-up', { interactionId: now.data.call.interactionId, disposition: 'resolved_first_time', then: 'not_ready', reason: 'break' });
  expect(done, JSON.stringify(done)).toMatchObject({ ok: true });
}

async function stateOf(desk: Desk): Promise<string> {
  const now = await desk.socket.emitWithAck('agent:get-desktop', {});
  if (!now.ok) throw new Error(JSON.stringify(now));
  return now.data.status.state;
}

/** The caller reaches agent1 (agent2 is on a break so the queue cannot pick them), then agent2 is Ready. */
const callAnsweredByLi = (from: Softphone): Promise<LiveCallView> => callAnsweredByFirst(li, wang, from, wrapUp);

/** agent1 consults `to`, their phone holds the caller and dials, agent2 answers. */
async function consultAnswered(to: string, reason?: string): Promise<{ view: ConsultView; pop: LiveCallView }> {
  const popForWang = next<LiveCallView>(wang.socket, 'call:offered');
  const started = await li.socket.emitWithAck('call:consult', reason ? { to, reason } : { to });
  expect(started, JSON.stringify(started)).toMatchObject({ ok: true, data: { stage: 'dialling', to: { type: 'agent', id: wang.id }, talkingTo: 'consulted' } });
  if (!started.ok) throw new Error('no consult');
  const pop = await popForWang;
  expect(await stateOf(wang)).toBe('ringing');
  const wangRings = nextEvent(wang.phone, 'call:incoming');
  await li.phone.consult(started.data.dial, started.data.callId);
  expect(li.phone.call?.state).toBe('held');
  const { call: ring } = await wangRings;
  // The ring names the customer's interaction: agent2's desk matches it to the pop it was sent.
  expect(ring.interactionId).toBe(String(pop.interactionId));
  const tooEarly = await li.socket.emitWithAck('call:consult-complete', {});
  expect(tooEarly).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  const wangTalks = next<LiveCallView>(wang.socket, 'call:updated');
  await wang.phone.answer();
  expect((await wangTalks).state).toBe('talking');
  await consultReaches(li.phone, 'active');
  return { view: started.data, pop };
}

beforeAll(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  app = await startTestApp(t.db);
  li = await signIn('agent1', 'li');
  wang = await signIn('agent2', 'wang');
});
afterAll(async () => {
  await calls.close();
  await app.close();
  await t.drop();
});

describe('consult transfer', () => {
  it('refuses a consult with no call, and moves that need a consult or an answer, in words the agent reads', async () => {
    expect(await li.socket.emitWithAck('call:consult', { to: '1002' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await li.socket.emitWithAck('call:consult', { to: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await li.socket.emitWithAck('call:consult-swap', { talkTo: 'nobody' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const customer = await caller('+1 212 555 0142', 'customer');
    await callAnsweredByLi(customer.phone);
    const none = await li.socket.emitWithAck('call:consult-complete', {});
    expect(none).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'You are not consulting anyone about this call' } });
    expect(await li.socket.emitWithAck('call:consult', { to: '1001' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A phone cannot start a consult the server did not grant: the switch turns it away.
    const refused = nextEvent(li.phone, 'consult:state-changed', (e) => e.call.state === 'ended');
    const liBack = callReaches(li.phone, 'active');
    await li.phone.consult('1002', 'not-a-call-of-mine');
    expect((await refused).call.end).toMatchObject({ reason: 'remote-reject', statusCode: 404 });
    await liBack; // the caller is taken off hold once the consult line ends
    expect(await stateOf(wang)).toBe('ready');
    await li.phone.hangup();
    await callReaches(customer.phone, 'ended');
    await app.composed.callsSettled();
  });

  it('hands the caller to agent2 with the context after they talked, and agent1 goes to wrap-up', async () => {
    const customer = await caller('138 0013 8000', 'customer');
    const offer = await callAnsweredByLi(customer.phone);
    expect(await li.socket.emitWithAck('call:save-notes', { interactionId: offer.interactionId, notes: '客户要求退款，已核实订单' })).toMatchObject({ ok: true });

    const { pop } = await consultAnswered('1002', 'Refund needs billing');
    expect(pop).toMatchObject({
      interactionId: offer.interactionId,
      state: 'ringing',
      transfer: { by: { id: li.id }, reason: 'Refund needs billing', notes: '客户要求退款，已核实订单' },
    });
    expect(pop.screenPop.primary?.customer.name).toBe('张伟');
    expect(await stateOf(wang)).toBe('on_call');

    const customerCall = customer.phone.call;
    const liEnded = next<{ endReason: string }>(li.socket, 'call:ended');
    const liCallerLineEnds = callReaches(li.phone, 'ended');
    const liConsultLineEnds = consultReaches(li.phone, 'ended');
    const wangOwnsIt = next<LiveCallView>(wang.socket, 'call:updated');
    const heardByCustomer = customer.media.heard.length;
    const heardByWang = wang.media.heard.length;
    const done = await li.socket.emitWithAck('call:consult-complete', {});
    expect(done).toMatchObject({ ok: true, data: { kind: 'consult', to: { type: 'agent', id: wang.id } } });
    expect((await liEnded).endReason).toBe('completed');
    await liCallerLineEnds;
    await liConsultLineEnds;
    expect(await wangOwnsIt).toMatchObject({ interactionId: offer.interactionId, state: 'talking', transfer: { by: { id: li.id } } });
    // The switch re-negotiated media end to end: each now has the other's SDP, sending both ways.
    await customer.media.hears('wang', heardByCustomer);
    await wang.media.hears('customer', heardByWang);
    expect(customer.media.last.remoteDirection).toBe('sendrecv');
    expect(customer.phone.call?.id).toBe(customerCall?.id);
    expect(customer.phone.call?.state).toBe('active');
    expect(wang.phone.call?.state).toBe('active');
    expect(await li.socket.emitWithAck('agent:get-desktop', {})).toMatchObject({ ok: true, data: { status: { state: 'wrap_up' }, call: { interactionId: offer.interactionId, state: 'wrap_up' } } });

    const wangEnded = next<{ endReason: string }>(wang.socket, 'call:ended');
    await customer.phone.hangup();
    await callReaches(wang.phone, 'ended');
    expect((await wangEnded).endReason).toBe('completed');
    await app.composed.callsSettled();
    const row = await t.db('interactions').where({ id: offer.interactionId }).first();
    expect(row).toMatchObject({ agent_id: wang.id, end_reason: 'completed', hangup_by: 'customer' });
    const transfers = await t.db('interaction_transfers').where({ interaction_id: offer.interactionId });
    expect(transfers).toEqual([
      expect.objectContaining({ kind: 'consult', from_agent_id: li.id, to_agent_id: wang.id, reason: 'Refund needs billing', answered_by: wang.id, cancelled_at: null }),
    ]);
    expect(transfers[0].consult_started_at).toBeInstanceOf(Date);
  });

  it('cancels a consult with a queue: agent2 is hung up and free again, agent1 is back with the caller', async () => {
    const customer = await caller('+852 9123 4567', 'customer');
    const offer = await callAnsweredByLi(customer.phone);
    await consultAnswered('Customer support');

    const wangWithdrawn = next<{ reason: string }>(wang.socket, 'call:offer-withdrawn');
    const wangHungUp = callReaches(wang.phone, 'ended');
    const liBack = callReaches(li.phone, 'active');
    const heardByCustomer = customer.media.heard.length;
    expect(await li.socket.emitWithAck('call:consult-cancel', {})).toMatchObject({ ok: true, data: { cancelled: true } });
    expect((await wangWithdrawn).reason).toBe('consult_ended');
    await wangHungUp;
    await liBack;
    await customer.media.hears('li', heardByCustomer);
    expect(customer.media.last.remoteDirection).toBe('sendrecv');
    expect(li.phone.consultCall).toBeUndefined();
    expect(await stateOf(wang)).toBe('ready');
    expect(await li.socket.emitWithAck('call:consult-cancel', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    await li.phone.hangup();
    await callReaches(customer.phone, 'ended');
    await app.composed.callsSettled();
    const row = await t.db('interactions').where({ id: offer.interactionId }).first();
    expect(row).toMatchObject({ agent_id: li.id, end_reason: 'completed' });
    const support = await t.db('queues').where({ display_name: 'Customer support' }).first('id');
    const [consult] = await t.db('interaction_transfers').where({ interaction_id: offer.interactionId });
    expect(consult).toMatchObject({ kind: 'consult', from_agent_id: li.id, to_agent_id: wang.id, to_queue_id: support.id, answered_by: null });
    expect(consult.cancelled_at).toBeInstanceOf(Date);
  });

  it('swaps between the caller and agent2, holding the other, and ends the consult from the phone', async () => {
    const customer = await caller('139 1234 5678', 'customer');
    await callAnsweredByLi(customer.phone);
    await consultAnswered('1002');

    const toCaller = await li.socket.emitWithAck('call:consult-swap', { talkTo: 'caller' });
    expect(toCaller).toMatchObject({ ok: true, data: { talkingTo: 'caller', stage: 'talking' } });
    await li.phone.talkTo('caller');
    expect(li.phone.call?.state).toBe('active');
    expect(li.phone.consultCall?.state).toBe('held');
    expect(customer.media.last.remoteDirection).toBe('sendrecv');
    expect(wang.media.last.remoteDirection).toBe('sendonly');

    expect(await li.socket.emitWithAck('call:consult-swap', { talkTo: 'consulted' })).toMatchObject({ ok: true, data: { talkingTo: 'consulted' } });
    await li.phone.talkTo('consulted');
    expect(li.phone.call?.state).toBe('held');
    expect(li.phone.consultCall?.state).toBe('active');
    expect(customer.media.last.remoteDirection).toBe('sendonly');
    expect(wang.media.last.remoteDirection).toBe('sendrecv');

    // Hanging the consult line up on the phone ends the consult as "Cancel consult" does.
    const wangWithdrawn = next<{ reason: string }>(wang.socket, 'call:offer-withdrawn');
    const liBack = callReaches(li.phone, 'active');
    const wangHungUp = callReaches(wang.phone, 'ended');
    await li.phone.endConsult();
    expect((await wangWithdrawn).reason).toBe('consult_ended');
    await liBack;
    await wangHungUp;
    expect(await stateOf(wang)).toBe('ready');
    await customer.phone.hangup();
    await callReaches(li.phone, 'ended');
    await app.composed.callsSettled();
  });
});
