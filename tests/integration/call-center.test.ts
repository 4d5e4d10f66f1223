// The ACD and call logging against a real database, with the switch faked at its port and
// time moved by hand: routing, ring-no-answer, abandon, wrap-up, and restart recovery.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentStatusView, LiveCallView } from '../../contract/index.js';
import { logger } from '../../server/src/platform/logger.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createCallCenter, createServices } from '../../server/src/compose.js';
import type { AgentRegistry } from '../../server/src/acd/agent-registry.js';
import type { CallCenter } from '../../server/src/acd/call-center.js';
import type { CallControl, DirectCall } from '../../server/src/switch/ports.js';
import type { TelephonyNotifier } from '../../server/src/acd/telephony-notifier.js';
import { FakeClock } from '../support/fake-clock.js';
import { DispositionRepository } from '../../server/src/cti/data/disposition.repository.js';
import { NotReadyReasonRepository } from '../../server/src/acd/data/not-ready-reason.repository.js';
import { NotReadyReasons } from '../../server/src/acd/not-ready-reasons.js';
import { WrapUpService } from '../../server/src/cti/wrap-up.service.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db, 'CN', new Date(), 5);
  for (const u of ['agent1', 'agent2', 'agent3']) ids[u] = (await t.db('users').where({ username: u }).first('id')).id;
});
afterAll(() => t.drop());

/** What the agents' consoles and phones got, in order, across the notifier and the switch. */
let sequence: string[] = [];

class FakeSwitch implements CallControl {
  offers: { callId: string; agentId: number; interactionId: number }[] = [];
  withdrawn: { callId: string; agentId: number }[] = [];
  released: { callId: string; status?: number }[] = [];
  reachable = new Set<number>();
  offer(callId: string, agentUserId: number, h: { interactionId: number }) {
    if (!this.reachable.has(agentUserId)) return false;
    sequence.push(`invite:${agentUserId}`);
    this.offers.push({ callId, agentId: agentUserId, interactionId: h.interactionId });
    return true;
  }
  withdrawOffer(callId: string, agentUserId: number) {
    this.withdrawn.push({ callId, agentId: agentUserId });
  }
  release(callId: string, status?: 480 | 486 | 503) {
    this.released.push({ callId, status });
  }
  isReachable(id: number) {
    return this.reachable.has(id);
  }
  prompts: { callId: string; text: string }[] = [];
  promptCaller(callId: string, text: string) {
    this.prompts.push({ callId, text });
  }
}

class RecordingNotifier implements TelephonyNotifier {
  events: { to: number; kind: string; payload: unknown }[] = [];
  agentStateChanged(to: number, p: unknown) {
    sequence.push(`state:${to}:${(p as AgentStatusView).state}`);
    this.events.push({ to, kind: 'state', payload: p });
  }
  callOffered(to: number, p: LiveCallView) {
    sequence.push(`pop:${to}`);
    this.events.push({ to, kind: 'offered', payload: p });
  }
  offerWithdrawn(to: number, callId: string, reason: string) {
    this.events.push({ to, kind: 'withdrawn', payload: { callId, reason } });
  }
  callUpdated(to: number, p: unknown) {
    this.events.push({ to, kind: 'updated', payload: p });
  }
  callEnded(to: number, p: unknown) {
    this.events.push({ to, kind: 'ended', payload: p });
  }
  offersTo(agent: number) {
    return this.events.filter((e) => e.to === agent && e.kind === 'offered').map((e) => e.payload as LiveCallView);
  }
}

let clock: FakeClock;
let sw: FakeSwitch;
let notifier: RecordingNotifier;
let cc: CallCenter;
let registry: AgentRegistry;
let callsSettled: () => Promise<void>;
let services: ReturnType<typeof createServices>;
let seq = 0;

/** Waits until the call center rests: admissions done, every call fact written to the log. */
function settle() {
  return callsSettled();
}

async function startCenter() {
  clock = new FakeClock();
  sequence = [];
  sw = new FakeSwitch();
  notifier = new RecordingNotifier();
  services = createServices(t.db, { sessionTtlMs: 1000, defaultRegion: 'CN' });
  // One server name throughout: a second startCenter() is this server restarting.
  const center = createCallCenter(services, { clock, log: logger.child({ test: 'call-center' }), notifier, control: () => sw, serverId: 'call-center-test' });
  cc = center.callCenter;
  registry = center.agents;
  callsSettled = center.callsSettled;
  await center.closeInterrupted();
  await cc.start(sw);
}

function arrive(caller: string, dialled = '4008001234') {
  const callId = `call-${++seq}`;
  const admission = cc.queueCallArrived({ callId, sipCallId: `sip-${seq}-${Date.now()}`, callerNumber: caller, callerDisplayName: null, dialled });
  return { callId, admission };
}

function readyAgents(...names: string[]) {
  for (const n of names) {
    sw.reachable.add(ids[n]!);
    cc.agentReachabilityChanged(ids[n]!, true);
    cc.shift.agentConnected(ids[n]!);
    cc.shift.setReady(ids[n]!);
    clock.advance(1000); // a second apart: the first named has been idle longest
  }
}

const interaction = (id: number) => t.db('interactions').where({ id }).first();
/** The agent's state as their console last heard it. */
const lastState = (agent: string) =>
  notifier.events.filter((e) => e.to === ids[agent] && e.kind === 'state').at(-1)!.payload as AgentStatusView;

beforeEach(async () => {
  await startCenter();
});

describe('routing inbound calls', () => {
  it('offers the call to the longest-idle agent with the caller history, and logs the answered call', async () => {
    readyAgents('agent2', 'agent1');
    const { callId, admission } = arrive('+86 138 0013 8000');
    expect(admission).toEqual({ outcome: 'queued', queueName: 'support' });
    await settle();
    expect(sw.offers).toEqual([{ callId, agentId: ids.agent2, interactionId: expect.any(Number) }]);
    const [pop] = notifier.offersTo(ids.agent2!);
    expect(pop!.screenPop.primary!.customer.name).toBe('张伟');
    expect(pop!.screenPop.primary!.openCases!.some((c) => c.kind === 'complaint')).toBe(true);
    expect(pop!.screenPop.primary!.interactions[0]!.notes).toBeTruthy();
    expect(notifier.offersTo(ids.agent1!)).toEqual([]); // only the ringing agent sees the pop

    clock.advance(4000);
    cc.offerAnswered(callId, ids.agent2!);
    clock.advance(10_000);
    cc.holdChanged(callId, true);
    clock.advance(5000);
    cc.holdChanged(callId, false);
    clock.advance(20_000);
    cc.agentLeft(callId, ids.agent2!);
    await settle();
    const row = await interaction(sw.offers[0]!.interactionId);
    expect(row).toMatchObject({ agent_id: ids.agent2, end_reason: 'completed', hangup_by: 'agent', wait_seconds: 4, talk_seconds: 30, hold_seconds: 5, caller_number: '+8613800138000' });
    expect(row.customer_id).toBe((await t.db('customers').where({ name: '张伟' }).first('id')).id);
    const offer = await t.db('interaction_offers').where({ interaction_id: row.id }).first();
    expect(offer.outcome).toBe('answered');
    // Wrapping up, the agent still has the call on the desk (notes, customer), then it is gone.
    expect(cc.currentCallOf(ids.agent2!)).toMatchObject({ callId, state: 'wrap_up' });
    clock.advance(60_000);
    expect(cc.currentCallOf(ids.agent2!)).toBeNull();
  });

  it('pushes the pop to the agent before their Ringing state and before their phone is rung', async () => {
    readyAgents('agent1');
    sequence = [];
    arrive('+86 138 0013 8000');
    await settle();
    expect(sequence).toEqual([`pop:${ids.agent1}`, `state:${ids.agent1}:ringing`, `invite:${ids.agent1}`]);
  });

  it('moves an unanswered call to the next agent after the ring time, and takes the first out of rotation', async () => {
    readyAgents('agent1', 'agent2');
    const { callId } = arrive('+852 9123 4567');
    await settle();
    expect(sw.offers.map((o) => o.agentId)).toEqual([ids.agent1]);
    clock.advance(15_000); // the demo queue rings 15 s
    await settle();
    expect(sw.withdrawn).toEqual([{ callId, agentId: ids.agent1 }]);
    expect(sw.offers.map((o) => o.agentId)).toEqual([ids.agent1, ids.agent2]);
    const states = notifier.events.filter((e) => e.to === ids.agent1 && e.kind === 'state').map((e) => e.payload as { state: string; reason: string });
    expect(states.at(-1)).toMatchObject({ state: 'not_ready', reason: 'missed' });
    const offers = await t.db('interaction_offers').where({ interaction_id: sw.offers[0]!.interactionId }).orderBy('id');
    expect(offers.map((o: { outcome: string }) => o.outcome)).toEqual(['missed', null]);
  });

  it('treats a reject like a miss and tries the next agent', async () => {
    readyAgents('agent1', 'agent2');
    const { callId } = arrive('13800138000');
    await settle();
    cc.offerFailed(callId, ids.agent1!, 'rejected');
    await settle();
    expect(sw.offers.map((o) => o.agentId)).toEqual([ids.agent1, ids.agent2]);
    expect(notifier.events.filter((e) => e.kind === 'withdrawn')).toEqual([{ to: ids.agent1, kind: 'withdrawn', payload: { callId, reason: 'rejected' } }]);
  });

  it('puts a VIP caller ahead of a normal caller who waited longer', async () => {
    const normal = arrive('+852 9123 4567');
    clock.advance(30_000);
    const vip = arrive('+86 138 0013 8000');
    await settle();
    expect(sw.offers).toEqual([]);
    readyAgents('agent3');
    await settle();
    expect(sw.offers.map((o) => o.callId)).toEqual([vip.callId]);
    void normal;
  });

  it('releases a caller at once (503) when their pop cannot be built, instead of leaving them in silence', async () => {
    readyAgents('agent1');
    services.customers.offerScreenPop = () => Promise.reject(new Error('Timeout acquiring a connection'));
    const { callId, admission } = arrive('+8613800138000');
    expect(admission.outcome).toBe('queued');
    await settle();
    expect(sw.released).toEqual([{ callId, status: 503 }]);
    expect(cc.liveCall(callId)).toBeUndefined();
    expect(notifier.offersTo(ids.agent1!)).toEqual([]);
  });

  it('logs a caller who hangs up while waiting as abandoned, with the wait', async () => {
    const { callId } = arrive('+86 139 1234 5678');
    await settle();
    clock.advance(42_000);
    cc.callerLeft(callId);
    await settle();
    const row = await t.db('interactions').where({ kind: 'call' }).orderBy('id', 'desc').first();
    expect(row).toMatchObject({ end_reason: 'abandoned', wait_seconds: 42, hangup_by: 'customer', agent_id: null });
  });

  it('withdraws a ringing offer when the caller leaves, and the agent stays Ready', async () => {
    readyAgents('agent1');
    const { callId } = arrive('+86 139 1234 5678');
    await settle();
    cc.callerLeft(callId);
    await settle();
    expect(sw.withdrawn).toEqual([{ callId, agentId: ids.agent1 }]);
    const last = notifier.events.filter((e) => e.to === ids.agent1 && e.kind === 'state').at(-1)!.payload as { state: string };
    expect(last.state).toBe('ready');
  });

  it('never rings one agent with two calls', async () => {
    readyAgents('agent1');
    arrive('+86 139 1234 5678');
    arrive('+852 9123 4567');
    await settle();
    expect(sw.offers).toHaveLength(1);
  });

  it('refuses an unknown queue and a full one, and logs the busy caller', async () => {
    expect(arrive('+86 139 1234 5678', 'nosuchqueue').admission).toMatchObject({ outcome: 'refused', status: 404 });
    await t.db('queues').where({ name: 'sales' }).update({ max_size: 1 });
    await cc.reload();
    expect(arrive('+86 139 1234 5678', 'sales').admission.outcome).toBe('queued');
    const second = arrive('+852 9123 4567', 'SALES');
    expect(second.admission).toMatchObject({ outcome: 'refused', status: 486 });
    await settle();
    const busy = await t.db('interactions').where({ end_reason: 'busy' }).first();
    expect(busy.caller_number).toBe('+85291234567');
    await t.db('queues').where({ name: 'sales' }).update({ max_size: 50 });
  });

  it('ends wrap-up after the queue wrap time and makes the agent Ready again, logging the wrap time', async () => {
    readyAgents('agent3');
    const { callId } = arrive('+86 139 1234 5678');
    await settle();
    cc.offerAnswered(callId, ids.agent3!);
    clock.advance(5000);
    cc.callerLeft(callId);
    const mid = notifier.events.filter((e) => e.to === ids.agent3 && e.kind === 'state').at(-1)!.payload as { state: string };
    expect(mid.state).toBe('wrap_up');
    clock.advance(60_000); // demo wrap-up limit
    await settle();
    const last = notifier.events.filter((e) => e.to === ids.agent3 && e.kind === 'state').at(-1)!.payload as { state: string };
    expect(last.state).toBe('ready');
    const row = await interaction(sw.offers[0]!.interactionId);
    expect(row).toMatchObject({ end_reason: 'completed', hangup_by: 'customer', wrap_seconds: 60 });
  });
});

describe('wrap-up', () => {
  async function callEndedFor(agent: string) {
    readyAgents(agent);
    const { callId } = arrive('+86 139 1234 5678');
    await settle();
    cc.offerAnswered(callId, ids[agent]!);
    clock.advance(20_000);
    cc.callerLeft(callId);
    await settle();
    return sw.offers.at(-1)!.interactionId;
  }
  const wrapUp = () =>
    new WrapUpService({ interactions: services.interactions, dispositions: new DispositionRepository(t.db), agents: registry, shift: () => cc.shift, reasons: new NotReadyReasons(new NotReadyReasonRepository(t.db)) });

  it('will not let the agent leave wrap-up by hand until the call has a disposition of its queue', async () => {
    const interactionId = await callEndedFor('agent1');
    expect(() => cc.shift.setReady(ids.agent1!)).toThrow(/disposition/);
    expect(() => cc.shift.setNotReady(ids.agent1!, 'break')).toThrow(/disposition/);
    // `sale` is a code of the sales queue, not of support.
    await expect(wrapUp().wrapUp(ids.agent1!, { interactionId, disposition: 'no_sale', then: 'ready', reason: 'break' })).rejects.toThrow(/disposition/i);
    clock.advance(12_000);
    const view = await wrapUp().wrapUp(ids.agent1!, { interactionId, disposition: 'follow_up_needed', notes: '需要回访确认', then: 'not_ready', reason: 'admin' });
    expect(view).toMatchObject({ state: 'not_ready', reason: 'admin' });
    await settle();
    // The notes are sealed at rest and read back in clear.
    expect(await interaction(interactionId)).toMatchObject({ disposition: 'follow_up_needed', notes: expect.stringMatching(/^enc:v1:/), wrap_seconds: 12 });
    expect((await services.interactions.findById(interactionId))?.notes).toBe('需要回访确认');
  });

  it('returns the agent to Ready when the wrap-up limit runs out, without a disposition', async () => {
    const interactionId = await callEndedFor('agent2');
    clock.advance(60_000);
    await settle();
    const last = notifier.events.filter((e) => e.to === ids.agent2 && e.kind === 'state').at(-1)!.payload as { state: string };
    expect(last.state).toBe('ready');
    expect(await interaction(interactionId)).toMatchObject({ disposition: null, wrap_seconds: 60 });
    // The disposition can still be given afterwards; the agent stays Ready.
    const view = await wrapUp().wrapUp(ids.agent2!, { interactionId, disposition: 'resolved_first_time', then: 'ready', reason: 'break' });
    expect(view.state).toBe('ready');
    expect(await interaction(interactionId)).toMatchObject({ disposition: 'resolved_first_time' });
  });

  it('refuses another agent\'s call', async () => {
    const interactionId = await callEndedFor('agent1');
    await expect(wrapUp().wrapUp(ids.agent2!, { interactionId, disposition: 'resolved_first_time', then: 'ready', reason: 'break' })).rejects.toThrow(/not your call/);
  });

  it('tells the agent when the queue\'s wrap-up limit will make them Ready', async () => {
    await callEndedFor('agent1');
    const endedAt = clock.now();
    // The state pushed as wrap-up starts already carries its end: the console counts down from it.
    expect(lastState('agent1')).toMatchObject({ state: 'wrap_up', wrapUpEndsAt: new Date(endedAt + 60_000).toISOString() });
    expect(registry.view(registry.get(ids.agent1!)!).wrapUpEndsAt).toBe(new Date(endedAt + 60_000).toISOString());
    clock.advance(60_000);
    expect(lastState('agent1')).toMatchObject({ state: 'ready', wrapUpEndsAt: null });
  });

  it('has no end for wrap-up when the queue sets no limit, and leaves the agent in it', async () => {
    await t.db('queues').where({ name: 'support' }).update({ wrap_up_seconds: 0 });
    try {
      await cc.reload();
      const interactionId = await callEndedFor('agent2');
      expect(lastState('agent2')).toMatchObject({ state: 'wrap_up', wrapUpEndsAt: null });
      clock.advance(3_600_000);
      expect(lastState('agent2').state).toBe('wrap_up');
      const view = await wrapUp().wrapUp(ids.agent2!, { interactionId, disposition: 'resolved_first_time', then: 'ready', reason: 'break' });
      expect(view).toMatchObject({ state: 'ready', wrapUpEndsAt: null });
    } finally {
      await t.db('queues').where({ name: 'support' }).update({ wrap_up_seconds: 60 });
    }
  });
});

describe('calls outside a queue', () => {
  let n = 0;
  const direct = (from: DirectCall['from'], to: DirectCall['to']): DirectCall => ({ callId: `direct-${++n}`, sipCallId: `direct-sip-${n}-${Date.now()}`, from, to });
  const rowOf = (call: DirectCall) => t.db('interactions').where({ sip_call_id: call.sipCallId }).first();
  const pushesTo = (agent: string, callId: string) =>
    notifier.events.filter((e) => e.to === ids[agent] && e.kind !== 'state' && (e.payload as { callId: string }).callId === callId);

  it('pushes the interaction of an agent\'s outbound call to their console, through to wrap-up', async () => {
    readyAgents('agent3');
    const call = direct({ userId: ids.agent3!, number: '1003' }, { userId: null, number: '+12125550142' });
    cc.directCallChanged(call, 'started');
    await settle();
    const row = await rowOf(call);
    expect(row).toMatchObject({ direction: 'outbound', agent_id: ids.agent3 });
    const [shown] = pushesTo('agent3', call.callId);
    expect(shown).toMatchObject({ kind: 'updated', payload: { callId: call.callId, interactionId: row.id, queueName: null, state: 'ringing' } });
    // agent3 looks after David Miller: the console shows him.
    expect((shown!.payload as LiveCallView).screenPop.primary?.customer.name).toBe('David Miller');

    clock.advance(3_000);
    cc.directCallChanged(call, 'answered');
    clock.advance(40_000);
    cc.directCallChanged(call, 'ended', 'caller');
    await settle();
    expect(pushesTo('agent3', call.callId).map((e) => [e.kind, (e.payload as { interactionId: number }).interactionId])).toEqual([
      ['updated', row.id],
      ['updated', row.id],
      ['ended', row.id],
    ]);
    // A reload during wrap-up finds the call, and wrap-up ends after the fixed time for calls outside a queue.
    expect(cc.currentCallOf(ids.agent3!)).toMatchObject({ callId: call.callId, interactionId: row.id, state: 'wrap_up' });
    expect(lastState('agent3')).toMatchObject({ state: 'wrap_up', wrapUpEndsAt: new Date(clock.now() + 30_000).toISOString() });
  });

  it('asks for a disposition even when the call ends before it is logged', async () => {
    readyAgents('agent3');
    const call = direct({ userId: ids.agent3!, number: '1003' }, { userId: null, number: '+12125550142' });
    // No pause between the events: the call's row is still being written when it ends.
    cc.directCallChanged(call, 'started');
    cc.directCallChanged(call, 'answered');
    cc.directCallChanged(call, 'ended', 'caller');
    expect(lastState('agent3')).toMatchObject({ state: 'wrap_up' });
    expect(() => cc.shift.setReady(ids.agent3!)).toThrow(/disposition/);
    await settle();
    expect(() => cc.shift.setReady(ids.agent3!)).toThrow(/disposition/);
    clock.advance(30_000); // the fixed wrap-up time of calls outside a queue
    expect(lastState('agent3')).toMatchObject({ state: 'ready' });
  });

  it('offers a call to the agent\'s extension with its interaction, before answer', async () => {
    readyAgents('agent1');
    const call = direct({ userId: null, number: '+8613800138000' }, { userId: ids.agent1!, number: '1001' });
    cc.directCallChanged(call, 'started');
    await settle();
    const row = await rowOf(call);
    expect(row).toMatchObject({ direction: 'inbound', agent_id: ids.agent1 });
    expect(pushesTo('agent1', call.callId)).toEqual([
      { to: ids.agent1, kind: 'offered', payload: expect.objectContaining({ callId: call.callId, interactionId: row.id, state: 'ringing', ringSeconds: null }) },
    ]);
    expect(cc.currentCallOf(ids.agent1!)).toMatchObject({ callId: call.callId, interactionId: row.id, state: 'ringing' });
    cc.directCallChanged(call, 'ended', 'caller');
    await settle();
    expect(pushesTo('agent1', call.callId).at(-1)).toMatchObject({ kind: 'ended', payload: { interactionId: row.id, endReason: 'failed' } });
  });
});

describe('satisfaction survey', () => {
  async function surveyedCall(caller: string) {
    readyAgents('agent3');
    const { callId } = arrive(caller, 'sales');
    await settle();
    cc.offerAnswered(callId, ids.agent3!);
    clock.advance(30_000);
    expect(cc.agentLeft(callId, ids.agent3!)).toBe('keep_caller');
    return { callId, interactionId: sw.offers.at(-1)!.interactionId };
  }

  it('keeps the caller after the agent hangs up, asks again on a wrong key, stores the score and ends the call', async () => {
    const { callId, interactionId } = await surveyedCall('+1 212 555 0142');
    expect(sw.prompts.map((p) => p.callId)).toEqual([callId]);
    expect(sw.prompts[0]!.text).toMatch(/1.*5/);
    cc.callerDtmf(callId, '9');
    expect(sw.prompts).toHaveLength(2);
    expect(sw.released).toEqual([]);
    cc.callerDtmf(callId, '4');
    await settle();
    expect(sw.released.map((r) => r.callId)).toEqual([callId]);
    expect(await interaction(interactionId)).toMatchObject({ csat_score: 4, end_reason: 'completed', hangup_by: 'agent' });
    expect(await t.db('follow_up_tasks').where({ interaction_id: interactionId })).toHaveLength(0);
  });

  it('turns a low score into a callback task for the queue team\'s supervisor', async () => {
    const { callId, interactionId } = await surveyedCall('+1 212 555 0142');
    cc.callerDtmf(callId, '1');
    await settle();
    const task = await t.db('follow_up_tasks').where({ interaction_id: interactionId }).first();
    const supervisor = await t.db('users').where({ username: 'supervisor1' }).first('id');
    expect(task).toMatchObject({ reason: 'low_csat', status: 'pending', assignee_id: supervisor.id });
  });

  it('ends the call without a score when the caller presses nothing for 15 seconds', async () => {
    const { callId, interactionId } = await surveyedCall('+1 212 555 0142');
    clock.advance(14_000);
    expect(sw.released).toEqual([]);
    clock.advance(1_500);
    await settle();
    expect(sw.released.map((r) => r.callId)).toEqual([callId]);
    expect(await interaction(interactionId)).toMatchObject({ csat_score: null });
    // A digit after the end changes nothing.
    cc.callerDtmf(callId, '5');
    await settle();
    expect(await interaction(interactionId)).toMatchObject({ csat_score: null });
  });

  it('does not survey callers of a queue without it', async () => {
    readyAgents('agent1');
    const { callId } = arrive('+86 139 1234 5678');
    await settle();
    cc.offerAnswered(callId, ids.agent1!);
    expect(cc.agentLeft(callId, ids.agent1!)).toBe('release');
    expect(sw.prompts).toEqual([]);
  });
});

describe('after a restart', () => {
  it('closes calls that were in progress as interrupted, with their known times', async () => {
    readyAgents('agent1');
    const { callId } = arrive('+86 138 0013 8000');
    await settle();
    cc.offerAnswered(callId, ids.agent1!);
    await settle();
    const id = sw.offers[0]!.interactionId;
    expect((await interaction(id)).ended_at).toBeNull();
    await startCenter(); // a new process: the old one vanished mid-call
    const row = await interaction(id);
    expect(row.end_reason).toBe('interrupted');
    expect(row.ended_at).not.toBeNull();
    expect(row.answered_at).not.toBeNull();
    const open = await t.db('interactions').where({ kind: 'call' }).whereNull('ended_at');
    expect(open).toEqual([]);
    const states = await t.db('agent_state_history').whereNull('ended_at').select('state');
    expect(new Set(states.map((s: { state: string }) => s.state))).toEqual(new Set(['logged_out']));
  });
});

describe('shutting down', () => {
  it('decides nothing after stop: a closed console’s logout grace and a ringing offer’s limit no longer fire', async () => {
    readyAgents('agent1', 'agent2');
    arrive('+86 138 0013 8000');
    await settle();
    expect(sw.offers).toHaveLength(1);
    cc.shift.agentDisconnected(ids.agent2!);
    const before = notifier.events.length;
    cc.stop();
    clock.advance(10 * 60_000); // past the logout grace, the ring time and the longest wait
    await settle();
    expect(notifier.events.slice(before)).toEqual([]);
    expect(sw.withdrawn).toEqual([]);
    const open = await t.db('agent_state_history').where({ user_id: ids.agent2!, server_id: 'call-center-test' }).whereNull('ended_at').first('state');
    expect(open.state).toBe('ready');
  });
});
