// The ACD's side of a supervisor's moves, against a real database with the switch faked at its
// port and time moved by hand: a forced Not ready or log-out that waits for the call's work to
// end, and pulling a waiting call to another queue or a named agent.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStatusView } from '../../contract/index.js';
import { logger } from '../../server/src/platform/logger.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createCallCenter, createServices } from '../../server/src/compose.js';
import type { CallCenter } from '../../server/src/acd/call-center.js';
import type { CallFact } from '../../server/src/acd/call-facts.js';
import type { CallControl } from '../../server/src/switch/ports.js';
import type { TelephonyNotifier } from '../../server/src/acd/telephony-notifier.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
const ids: Record<string, number> = {};
let salesQueue = 0;

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 0);
  const agent1 = await t.db('users').where({ username: 'agent1' }).first();
  // An agent of the support team in no queue: routing never picks them, a pull can.
  await t.db('users').insert({ ...withoutId(agent1), username: 'floater', display_name: 'Floater', extension: '1010' });
  for (const u of ['agent1', 'agent2', 'agent3', 'floater', 'supervisor1']) ids[u] = (await t.db('users').where({ username: u }).first('id')).id;
  salesQueue = (await t.db('queues').where({ name: 'sales' }).first('id')).id;
});
afterAll(() => t.drop());

function withoutId(row: Record<string, unknown>) {
  const { id: _id, ...rest } = row;
  return rest;
}

class FakeSwitch implements CallControl {
  offers: { callId: string; agentId: number }[] = [];
  reachable = new Set<number>();
  offer(callId: string, agentUserId: number) {
    if (!this.reachable.has(agentUserId)) return false;
    this.offers.push({ callId, agentId: agentUserId });
    return true;
  }
  withdrawOffer() {}
  release() {}
  isReachable(id: number) {
    return this.reachable.has(id);
  }
  promptCaller() {}
}

const states: { to: number; view: AgentStatusView }[] = [];
const notifier: TelephonyNotifier = {
  agentStateChanged: (to, view) => states.push({ to, view }),
  callOffered() {},
  offerWithdrawn() {},
  callUpdated() {},
  callEnded() {},
};

let clock: FakeClock;
let sw: FakeSwitch;
let cc: CallCenter;
let facts: CallFact[];
let settle: () => Promise<void>;
let seq = 0;

beforeEach(async () => {
  clock = new FakeClock();
  sw = new FakeSwitch();
  states.length = 0;
  const services = createServices(t.db, { sessionTtlMs: 1000, defaultRegion: 'CN' });
  const center = createCallCenter(services, { clock, log: logger.child({ test: 'floor-control' }), notifier, control: () => sw, serverId: 'floor-control-test' });
  cc = center.callCenter;
  settle = center.callsSettled;
  facts = [];
  center.facts.subscribe((f) => facts.push(f));
  await center.closeInterrupted();
  await cc.start(sw);
});

afterEach(async () => {
  cc.stop();
  await settle();
});

function signIn(name: string, ready: boolean) {
  sw.reachable.add(ids[name]!);
  cc.agentReachabilityChanged(ids[name]!, true);
  cc.shift.agentConnected(ids[name]!);
  if (ready) cc.shift.setReady(ids[name]!);
  clock.advance(1000);
}

async function arrive() {
  const callId = `floor-call-${++seq}`;
  cc.queueCallArrived({ callId, sipCallId: `floor-sip-${seq}-${Date.now()}`, callerNumber: '+8613800138000', callerDisplayName: null, dialled: '4008001234' });
  await settle();
  return callId;
}

const lastState = (name: string) => states.filter((s) => s.to === ids[name]).at(-1)!.view;

describe('a forced state change', () => {
  it('makes a Ready agent Not ready at once, with the reason', () => {
    signIn('agent1', true);
    expect(cc.floor.forceNotReady(ids.agent1!, 'training')).toEqual({ applied: 'now', state: 'not_ready' });
    expect(lastState('agent1')).toMatchObject({ state: 'not_ready', reason: 'training' });
  });

  it('waits for the call and its wrap-up to end, then lands instead of Ready', async () => {
    signIn('agent1', true);
    const callId = await arrive();
    cc.offerAnswered(callId, ids.agent1!);
    expect(cc.floor.forceNotReady(ids.agent1!, 'meeting')).toEqual({ applied: 'after_call', state: 'on_call' });
    expect(lastState('agent1').state).toBe('on_call'); // never cut off mid-call
    cc.agentLeft(callId, ids.agent1!);
    await settle();
    expect(lastState('agent1').state).toBe('wrap_up');
    clock.advance(60_000); // the queue's wrap-up time runs out: Ready would follow
    expect(lastState('agent1')).toMatchObject({ state: 'not_ready', reason: 'meeting' });
    expect(states.filter((s) => s.to === ids.agent1 && s.view.state === 'ready')).toHaveLength(1); // only the sign-in's
    // The next call does not ring them.
    await arrive();
    expect(sw.offers.map((o) => o.agentId)).toEqual([ids.agent1]);
  });

  it('logs an agent out after their call, and refuses an agent who is not signed in', async () => {
    signIn('agent2', true);
    const callId = await arrive();
    cc.offerAnswered(callId, ids.agent2!);
    expect(cc.floor.logOut(ids.agent2!, 'supervisor').applied).toBe('after_call');
    cc.agentLeft(callId, ids.agent2!);
    await settle();
    clock.advance(60_000);
    expect(lastState('agent2')).toMatchObject({ state: 'logged_out', reason: 'supervisor' });
    expect(() => cc.floor.forceNotReady(ids.agent2!, 'break')).toThrow(/not signed in/);
    // Their console is still open: choosing Ready signs them back in.
    expect(cc.shift.setReady(ids.agent2!).status.state).toBe('ready');
  });
});

describe('pulling a waiting call', () => {
  it('moves it to another queue, where that queue\'s agents get it', async () => {
    const callId = await arrive();
    expect(cc.floor.waiting().map((c) => c.callId)).toEqual([callId]);
    cc.floor.pull(callId, { kind: 'queue', queueId: salesQueue });
    expect(facts.filter((f) => f.type === 'call-requeued')).toEqual([expect.objectContaining({ callId, toQueueId: salesQueue, by: 'supervisor' })]);
    expect(cc.floor.waiting()[0]!.queue.id).toBe(salesQueue);
    signIn('agent3', true); // a member of sales
    expect(sw.offers).toEqual([{ callId, agentId: ids.agent3 }]);
  });

  it('rings a named Ready agent outside the queue, and the call waits again if they do not answer', async () => {
    signIn('floater', true);
    const callId = await arrive();
    expect(sw.offers).toEqual([]); // not a member: routing leaves them alone
    cc.floor.pull(callId, { kind: 'agent', agentId: ids.floater!, wake: false });
    expect(sw.offers).toEqual([{ callId, agentId: ids.floater }]);
    expect(() => cc.floor.pull(callId, { kind: 'queue', queueId: salesQueue })).toThrow(/ringing/);
    clock.advance(15_000); // not answered
    expect(cc.floor.waiting().map((c) => c.callId)).toEqual([callId]);
  });

  it('refuses an agent who is not Ready, unless it is the supervisor taking it themselves', async () => {
    signIn('agent1', false);
    signIn('supervisor1', false);
    const callId = await arrive();
    expect(() => cc.floor.pull(callId, { kind: 'agent', agentId: ids.agent1!, wake: false })).toThrow(/not Ready/);
    cc.floor.pull(callId, { kind: 'agent', agentId: ids.supervisor1!, wake: true });
    expect(sw.offers).toEqual([{ callId, agentId: ids.supervisor1 }]);
    cc.offerAnswered(callId, ids.supervisor1!);
    expect(lastState('supervisor1').state).toBe('on_call');
    expect(() => cc.floor.pull(callId, { kind: 'queue', queueId: salesQueue })).toThrow(/no longer waiting/);
  });
});
