// The contact-center brain for live calls: admits queue calls, routes them to agents with the
// pure ACD rule, rings, withdraws after the ring time, logs every step, and pushes the
// screen-pop to the ringing agent. It implements the switch's SwitchEvents and drives the
// switch through CallControl; it never speaks SIP.
import { callerNumberOf, type LiveCallView, type ScreenPop } from '../../../contract/index.js';
import { storedCallerNumber } from '../cti/caller-number.js';
import { nextOffers, type QueueRule, type WaitingCall } from './rules/acd-routing.js';
import type { Logger } from '../platform/logger.js';
import type { CallLogRepository } from '../cti/data/call-log.repository.js';
import type { QueueDefinition, QueueDirectoryRepository } from './data/queue-directory.repository.js';
import type { AgentRegistry, LiveAgent } from './agent-registry.js';
import type { Clock } from '../platform/clock.js';
import { holdSecondsAt, talkSeconds, waitSeconds, type LiveCall } from './live-call.js';
import type { CallControl, DirectCall, InboundQueueCall, OfferFailure, QueueAdmission, SwitchEvents } from '../switch/ports.js';
import { AgentShift } from './agent-shift.js';
import { DirectCallLog } from '../cti/direct-call-log.js';
import { SerialQueue } from '../platform/serial-queue.js';
import type { TelephonyNotifier } from './telephony-notifier.js';
import { SatisfactionSurveys } from '../cti/satisfaction-survey.js';
import type { CsatScore } from '../cases/rules/csat.js';

export interface CallCenterDeps {
  directory: QueueDirectoryRepository;
  callLog: CallLogRepository;
  agents: AgentRegistry;
  notifier: TelephonyNotifier;
  clock: Clock;
  log: Logger;
  /** The screen-pop for a caller number, with the customers matched (system view). */
  screenPop(callerNumber: string): Promise<ScreenPop>;
  /** The screen-pop as one agent may see it: for calls no queue offered them. */
  agentScreenPop(agentId: number, callerNumber: string): Promise<ScreenPop>;
  /** An agent's outbound call was logged (a follow-up call is then tied to its case). */
  outboundLogged?(agentId: number, e164: string, interactionId: number): Promise<void>;
  /** A caller's satisfaction score of 1–2: a supervisor should call back. */
  lowCsat?(interactionId: number, score: CsatScore): Promise<void>;
}

/** Callers of the top value tier go ahead in the queue. */
const VIP_PRIORITY = 1;
/** Wrap-up after a call outside any queue (no queue setting applies). */
const DIRECT_CALL_WRAP_SECONDS = 30;

export class CallCenter implements SwitchEvents {
  private control: CallControl | null = null;
  private queues: QueueDefinition[] = [];
  private readonly calls = new Map<string, LiveCall>();
  private readonly writes: SerialQueue;
  private readonly directCalls: DirectCallLog;
  /** Agents' own commands: sign-in, Ready / Not ready, wrap-up. */
  readonly shift: AgentShift;
  private readonly surveys: SatisfactionSurveys;

  constructor(private readonly d: CallCenterDeps) {
    this.writes = new SerialQueue((err) => d.log.error({ err }, 'call log write failed'));
    this.shift = new AgentShift({ agents: d.agents, clock: d.clock, callLog: d.callLog, writes: this.writes, onAvailable: () => this.dispatch() });
    this.surveys = new SatisfactionSurveys({
      clock: d.clock,
      writes: this.writes,
      control: () => this.control,
      saveScore: (id, score, at) => d.callLog.saveCsat(id, score, at),
      lowScore: async (id, score) => {
        await d.lowCsat?.(id, score);
      },
    });
    this.directCalls = new DirectCallLog({
      ...d,
      writes: () => this.writes,
      wrapUp: (agent, interactionId, view) => this.shift.startWrapUp(agent, interactionId, DIRECT_CALL_WRAP_SECONDS, view),
    });
  }

  /** Loads queues and agents and closes whatever a crash left open. */
  async start(control: CallControl): Promise<void> {
    this.control = control;
    const closed = await this.d.callLog.closeInterrupted(new Date(this.d.clock.now()));
    if (closed) this.d.log.warn({ closed }, 'calls left open by the last run closed as interrupted');
    await this.reload();
  }

  async reload(): Promise<void> {
    this.queues = await this.d.directory.queues();
    this.d.agents.load(await this.d.directory.agents());
  }

  /** Waits for every queued database write (tests, shutdown). */
  flush(): Promise<unknown> {
    return this.writes.drain();
  }

  liveCall(callId: string): LiveCall | undefined {
    return this.calls.get(callId);
  }

  // ── SwitchEvents ──────────────────────────────────────────────────────────

  queueCallArrived(c: InboundQueueCall): QueueAdmission {
    let queue = this.findQueue(c.dialled);
    if (!queue) return { outcome: 'refused', status: 404, reason: 'No such queue' };
    if (this.waitingIn(queue.id) >= queue.maxSize) {
      const overflow = this.queues.find((q) => q.id === queue!.overflowQueueId);
      if (!overflow || this.waitingIn(overflow.id) >= overflow.maxSize) {
        this.logRefused(c, queue, 'busy');
        return { outcome: 'refused', status: 486, reason: 'Queue full' };
      }
      queue = overflow;
    }
    const now = this.d.clock.now();
    const call: LiveCall = {
      callId: c.callId,
      sipCallId: c.sipCallId,
      callerNumber: c.callerNumber,
      queue,
      priority: 0,
      queuedAt: now,
      interactionId: null,
      customerId: null,
      screenPop: null,
      offer: null,
      agentId: null,
      answeredAt: null,
      holdSince: null,
      holdSeconds: 0,
      maxWaitTimer: null,
      ended: false,
    };
    this.calls.set(call.callId, call);
    call.maxWaitTimer = this.d.clock.setTimeout(() => this.maxWaitReached(call), queue.maxWaitSeconds * 1000);
    void this.admit(call).catch((err) => this.d.log.error({ err, callId: call.callId }, 'admitting a call failed'));
    return { outcome: 'queued', queueName: queue.name };
  }

  offerRinging(): void {
    // The agent's console already shows the call from the offer push; nothing to change.
  }

  offerAnswered(callId: string, agentUserId: number): void {
    const call = this.calls.get(callId);
    const agent = this.d.agents.get(agentUserId);
    if (!call || !agent || call.offer?.agentId !== agentUserId) return;
    const now = this.d.clock.now();
    const offer = call.offer;
    this.clearOffer(call);
    this.d.clock.clearTimeout(call.maxWaitTimer);
    call.agentId = agentUserId;
    call.answeredAt = now;
    this.d.agents.apply(agent, { type: 'answer' });
    const at = new Date(now);
    const wait = waitSeconds(call, now);
    this.persist(call, async (id) => {
      await this.d.callLog.markAnswered(id, agentUserId, at, wait);
      const offerId = await offer.offerId;
      if (offerId !== undefined) await this.d.callLog.endOffer(offerId, 'answered', at);
    });
    this.d.notifier.callUpdated(agentUserId, this.view(call, 'talking'));
  }

  offerFailed(callId: string, agentUserId: number, why: OfferFailure): void {
    const call = this.calls.get(callId);
    const agent = this.d.agents.get(agentUserId);
    if (!call || !agent || call.offer?.agentId !== agentUserId) return;
    if (why === 'unreachable') {
      agent.reachable = false;
      this.endOffer(call, agent, 'unreachable', { type: 'offer_withdrawn' });
    } else {
      // A reject counts as a miss: the agent leaves rotation until they say they're back.
      this.endOffer(call, agent, why === 'rejected' ? 'rejected' : 'missed', { type: 'reject' });
    }
    this.dispatch();
  }

  callerLeft(callId: string): void {
    if (this.surveys.has(callId)) return this.surveys.callerLeft(callId);
    const call = this.calls.get(callId);
    if (!call || call.ended) return;
    const now = this.d.clock.now();
    if (call.agentId !== null) {
      this.finish(call, 'completed', 'customer', now);
      return;
    }
    if (call.offer) {
      const agent = this.d.agents.get(call.offer.agentId);
      this.control?.withdrawOffer(callId, call.offer.agentId);
      if (agent) this.endOffer(call, agent, 'withdrawn', { type: 'offer_withdrawn' }, 'caller_left');
    }
    this.finish(call, 'abandoned', 'customer', now);
    this.dispatch();
  }

  agentLeft(callId: string, agentUserId: number): 'release' | 'keep_caller' {
    const call = this.calls.get(callId);
    if (!call || call.ended || call.agentId !== agentUserId) return 'release';
    this.finish(call, 'completed', 'agent', this.d.clock.now());
    if (!call.queue.csatEnabled || call.interactionId === null) return 'release';
    this.surveys.start(callId, call.interactionId);
    return 'keep_caller';
  }

  holdChanged(callId: string, onHold: boolean): void {
    const call = this.calls.get(callId);
    if (!call || call.answeredAt === null) return;
    const now = this.d.clock.now();
    if (onHold && call.holdSince === null) call.holdSince = now;
    if (!onHold && call.holdSince !== null) {
      call.holdSeconds += Math.round((now - call.holdSince) / 1000);
      call.holdSince = null;
    }
    if (call.agentId !== null) this.d.notifier.callUpdated(call.agentId, this.view(call, onHold ? 'held' : 'talking'));
  }

  callerDtmf(callId: string, digit: string): void {
    // Only the satisfaction survey listens to the caller's keypad so far (no IVR yet).
    this.surveys.digit(callId, digit);
  }

  agentReachabilityChanged(agentUserId: number, reachable: boolean): void {
    const agent = this.d.agents.get(agentUserId);
    if (!agent || agent.reachable === reachable) return;
    agent.reachable = reachable;
    this.d.notifier.agentStateChanged(agentUserId, this.d.agents.view(agent));
    if (reachable) this.dispatch();
  }

  directCallChanged(call: DirectCall, change: 'started' | 'answered' | 'ended', endedBy?: 'caller' | 'callee' | 'failed'): void {
    this.directCalls.handle(call, change, endedBy);
  }

  /** The agent picked (or created) the customer on the line: the pop and the routing follow. */
  updateScreenPop(callId: string, pop: ScreenPop, customerId: number): void {
    if (this.directCalls.updateScreenPop(callId, pop)) return;
    const call = this.calls.get(callId);
    if (!call) return;
    call.screenPop = pop;
    call.customerId = customerId;
  }

  /** The agent's current call as their console shows it, e.g. after a reload. */
  currentCallOf(userId: number): LiveCallView | null {
    const agent = this.d.agents.get(userId);
    const call = agent?.callId ? this.calls.get(agent.callId) : undefined;
    // After the hang-up the call is gone from the switch, but the agent is still working on it.
    if (agent?.status.state === 'wrap_up' && !call) return agent.wrapOf?.view ?? null;
    if (agent?.callId && !call) return this.directCalls.currentView(agent.callId);
    if (!agent || !call || !call.screenPop || call.interactionId === null) return null;
    const state = agent.status.state === 'ringing' ? 'ringing' : agent.status.state === 'wrap_up' ? 'wrap_up' : call.holdSince !== null ? 'held' : 'talking';
    return this.view(call, state);
  }

  // ── internals ─────────────────────────────────────────────────────────────


  private findQueue(dialled: string): QueueDefinition | undefined {
    const key = dialled.trim().toLowerCase();
    return this.queues.find((q) => q.name.toLowerCase() === key || (q.dialNumber !== null && q.dialNumber === key));
  }

  private waitingIn(queueId: number): number {
    let n = 0;
    for (const c of this.calls.values()) if (c.queue.id === queueId && !c.ended && c.agentId === null) n++;
    return n;
  }

  private async admit(call: LiveCall): Promise<void> {
    const pop = await this.d.screenPop(call.callerNumber);
    const primary = pop.primary?.customer ?? null;
    call.screenPop = pop;
    call.customerId = primary?.id ?? null;
    call.priority = primary?.valueTier === 'vip' ? VIP_PRIORITY : 0;
    const id = await this.writes.push(() =>
      this.d.callLog.createCall({
        direction: 'inbound',
        callerNumber: storedCallerNumber(pop.normalizedPhone, call.callerNumber),
        customerId: call.customerId,
        queueId: call.queue.id,
        agentId: null,
        sipCallId: call.sipCallId,
        at: new Date(call.queuedAt),
      }),
    );
    if (id === undefined) return;
    call.interactionId = id;
    if (call.ended) {
      // The caller left while the row was being written: close it with what is known.
      this.persist(call, (iid) => this.d.callLog.endCall(iid, { at: new Date(this.d.clock.now()), reason: 'abandoned', hangupBy: 'customer', waitSeconds: waitSeconds(call, this.d.clock.now()), talkSeconds: null, holdSeconds: 0 }));
      return;
    }
    this.dispatch();
  }

  /** Makes every offer the routing rule allows right now. */
  private dispatch(): void {
    if (!this.control) return;
    const waiting: WaitingCall[] = [];
    for (const c of this.calls.values()) {
      if (c.ended || c.agentId !== null || c.interactionId === null) continue;
      waiting.push({ callId: c.callId, queueId: c.queue.id, priority: c.priority, queuedAt: c.queuedAt, beingOffered: c.offer !== null });
    }
    if (waiting.length === 0) return;
    const rules = new Map<number, QueueRule>(this.queues.map((q) => [q.id, { id: q.id, skillId: q.skillId }]));
    for (const o of nextOffers(waiting, this.d.agents.routable(), rules)) {
      const call = this.calls.get(o.callId)!;
      const agent = this.d.agents.get(o.agentId)!;
      this.startOffer(call, agent);
    }
  }

  private startOffer(call: LiveCall, agent: LiveAgent): void {
    const now = this.d.clock.now();
    const interactionId = call.interactionId!;
    this.d.agents.apply(agent, { type: 'offer' });
    agent.callId = call.callId;
    const at = new Date(now);
    const offerId = this.writes.push(() => this.d.callLog.recordOffer(interactionId, agent.def.id, at));
    call.offer = {
      agentId: agent.def.id,
      at: now,
      offerId,
      timer: this.d.clock.setTimeout(() => this.ringTimedOut(call, agent), call.queue.ringSeconds * 1000),
    };
    // Push the pop first: it is already built, and the agent sees it as the phone rings.
    this.d.notifier.callOffered(agent.def.id, this.view(call, 'ringing'));
    if (!this.control!.offer(call.callId, agent.def.id, { interactionId })) {
      agent.reachable = false;
      this.endOffer(call, agent, 'unreachable', { type: 'offer_withdrawn' }, 'unreachable');
      this.dispatch();
    }
  }

  private ringTimedOut(call: LiveCall, agent: LiveAgent): void {
    if (call.offer?.agentId !== agent.def.id || call.ended) return;
    this.control?.withdrawOffer(call.callId, agent.def.id);
    this.endOffer(call, agent, 'missed', { type: 'ring_no_answer' }, 'timeout');
    this.dispatch();
  }

  private endOffer(
    call: LiveCall,
    agent: LiveAgent,
    outcome: 'answered' | 'missed' | 'rejected' | 'withdrawn' | 'unreachable',
    event: { type: 'ring_no_answer' } | { type: 'reject' } | { type: 'offer_withdrawn' },
    reason: 'timeout' | 'caller_left' | 'rejected' | 'unreachable' = outcome === 'rejected' ? 'rejected' : 'timeout',
  ): void {
    const offer = call.offer;
    if (!offer) return;
    this.clearOffer(call);
    agent.callId = null;
    if (agent.status.state === 'ringing') this.d.agents.apply(agent, event);
    const at = new Date(this.d.clock.now());
    void this.writes.push(async () => {
      const id = await offer.offerId;
      if (id !== undefined) await this.d.callLog.endOffer(id, outcome, at);
    });
    this.d.notifier.offerWithdrawn(agent.def.id, call.callId, reason);
  }

  private clearOffer(call: LiveCall): void {
    if (!call.offer) return;
    this.d.clock.clearTimeout(call.offer.timer);
    call.offer = null;
  }

  /** The call is over: log it, move the agent to wrap-up, forget the live call. */
  private finish(call: LiveCall, reason: 'completed' | 'abandoned' | 'busy', hangupBy: 'customer' | 'agent' | 'system', now: number): void {
    call.ended = true;
    this.d.clock.clearTimeout(call.maxWaitTimer);
    this.calls.delete(call.callId);
    const end = {
      at: new Date(now),
      reason,
      hangupBy,
      waitSeconds: waitSeconds(call, now),
      talkSeconds: talkSeconds(call, now),
      holdSeconds: holdSecondsAt(call, now),
    } as const;
    this.persist(call, (id) => this.d.callLog.endCall(id, end));
    if (call.agentId === null) return;
    const agent = this.d.agents.get(call.agentId);
    if (!agent) return;
    if (call.interactionId !== null) this.d.notifier.callEnded(agent.def.id, { callId: call.callId, interactionId: call.interactionId, endReason: reason });
    const wrapView = call.interactionId !== null && call.screenPop ? this.view(call, 'wrap_up') : null;
    this.shift.startWrapUp(agent, call.interactionId, call.queue.wrapUpSeconds, wrapView);
  }

  private maxWaitReached(call: LiveCall): void {
    if (call.ended || call.agentId !== null) return;
    const overflow = this.queues.find((q) => q.id === call.queue.overflowQueueId);
    if (overflow) {
      this.d.log.info({ callId: call.callId, from: call.queue.name, to: overflow.name }, 'max wait reached: overflow');
      call.queue = overflow;
      call.maxWaitTimer = this.d.clock.setTimeout(() => this.maxWaitReached(call), overflow.maxWaitSeconds * 1000);
      this.dispatch();
      return;
    }
    if (call.offer) {
      const agent = this.d.agents.get(call.offer.agentId);
      this.control?.withdrawOffer(call.callId, call.offer.agentId);
      if (agent) this.endOffer(call, agent, 'withdrawn', { type: 'offer_withdrawn' }, 'caller_left');
    }
    this.control?.release(call.callId, 486);
    this.finish(call, 'busy', 'system', this.d.clock.now());
  }

  private logRefused(c: InboundQueueCall, queue: QueueDefinition, reason: 'busy'): void {
    const at = new Date(this.d.clock.now());
    void this.writes.push(async () => {
      const pop = await this.d.screenPop(c.callerNumber);
      const id = await this.d.callLog.createCall({
        direction: 'inbound',
        callerNumber: storedCallerNumber(pop.normalizedPhone, c.callerNumber),
        customerId: pop.primary?.customer.id ?? null,
        queueId: queue.id,
        agentId: null,
        sipCallId: c.sipCallId,
        at,
      });
      await this.d.callLog.endCall(id, { at, reason, hangupBy: 'system', waitSeconds: 0, talkSeconds: null, holdSeconds: 0 });
    });
  }

  private persist(call: LiveCall, write: (interactionId: number) => Promise<void>): void {
    void this.writes.push(async () => {
      if (call.interactionId !== null) await write(call.interactionId);
    });
  }

  private view(call: LiveCall, state: LiveCallView['state']): LiveCallView {
    return {
      callId: call.callId,
      interactionId: call.interactionId!,
      queueName: call.queue.displayName,
      callerNumber: callerNumberOf(call.screenPop?.normalizedPhone ?? null, call.callerNumber),
      state,
      offeredAt: call.offer ? new Date(call.offer.at).toISOString() : null,
      answeredAt: call.answeredAt ? new Date(call.answeredAt).toISOString() : null,
      ringSeconds: state === 'ringing' ? call.queue.ringSeconds : null,
      screenPop: call.screenPop!,
    };
  }
}
