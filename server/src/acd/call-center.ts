// The contact-center brain for live calls, as the switch sees it (SwitchEvents): it admits queue
// calls (admission.ts), routes and rings them (dispatch.ts), follows them through answer, hold
// and hang-up, and hands the agent to wrap-up and the caller to the survey. Everything that
// happens is a call fact; the call log and the consoles follow the facts. It never speaks SIP
// and never writes the log itself.
import type { LiveCallView, ScreenPop } from '../../../contract/index.js';
import type { QueueDefinition } from './data/queue-directory.repository.js';
import type { CallControl, DirectCall, InboundQueueCall, OfferFailure, QueueAdmission, SwitchEvents } from '../switch/ports.js';
import { holdSecondsAt, talkSeconds, waitSeconds, type LiveCall } from './live-call.js';
import { queueCallView } from './live-call-view.js';
import { AgentShift } from './agent-shift.js';
import { Admission } from './admission.js';
import { Dispatcher } from './dispatch.js';
import { OfferTimers } from './offer-timers.js';
import { FloorControl } from './floor-control.js';
import { NewestRead } from '../platform/newest-read.js';
import type { CallCenterDeps } from './call-center-ports.js';
import { CallTransfers } from './call-transfers.js';
import { CallConsults } from './call-consults.js';

export class CallCenter implements SwitchEvents {
  private control: CallControl | null = null;
  private queues: QueueDefinition[] = [];
  /** Numbers that ring one agent directly: E.164 → user id. */
  private agentNumbers = new Map<string, number>();
  private readonly calls = new Map<string, LiveCall>();
  private readonly timers: OfferTimers;
  private readonly admission: Admission;
  /** Routing and offers; public for the dispatch benchmark. */
  readonly dispatcher: Dispatcher;
  /** Agents' own commands: sign-in, Ready / Not ready, wrap-up. */
  readonly shift: AgentShift;
  /** A supervisor's moves: forcing an agent's state, pulling a waiting call. */
  readonly floor: FloorControl;
  /** An agent handing their call on to another agent or a queue. */
  readonly transfers: CallTransfers;
  /** An agent consulting a colleague about their call, then handing it over or not. */
  readonly consults: CallConsults;

  /** Overlapping reloads keep the newest read (see reload()). */
  private readonly reloads = new NewestRead();

  constructor(private readonly d: CallCenterDeps) {
    this.timers = new OfferTimers(d.clock);
    this.dispatcher = new Dispatcher({
      agents: d.agents,
      facts: d.facts,
      clock: d.clock,
      timers: this.timers,
      control: () => this.control,
      call: (id) => this.calls.get(id),
      unanswered: (call, agent, reason) => this.transfers.unanswered(call, agent, reason),
    });
    this.shift = new AgentShift({ agents: d.agents, clock: d.clock, facts: d.facts, onAvailable: () => this.dispatcher.dispatch() });
    this.floor = new FloorControl({
      agents: d.agents,
      dispatcher: this.dispatcher,
      queues: () => this.queues,
      calls: () => this.calls.values(),
      call: (id) => this.calls.get(id),
      requeue: (call, queue, by) => this.requeue(call, queue, by),
    });
    this.transfers = new CallTransfers({
      agents: d.agents,
      facts: d.facts,
      clock: d.clock,
      timers: this.timers,
      dispatcher: this.dispatcher,
      control: () => this.control,
      call: (id) => this.calls.get(id),
      queues: () => this.queues,
      startWrapUp: (agent, call) => this.shift.startWrapUp(agent, call.interactionId, call.queue.wrapUpSeconds),
      waitInQueue: (call, queue, by) => {
        if (by === 'overflow') return this.requeue(call, queue, 'overflow');
        this.dispatcher.leave(call);
        call.queue = queue;
        this.dispatcher.wait(call);
        this.timers.maxWait(call, () => this.maxWaitReached(call));
        this.dispatcher.dispatch();
      },
      returnSeconds: d.transferReturnSeconds ?? 60,
    });
    this.consults = new CallConsults({
      agents: d.agents,
      facts: d.facts,
      clock: d.clock,
      control: () => this.control,
      call: (id) => this.calls.get(id),
      queues: () => this.queues,
      connectedCallOf: (agentId) => this.transfers.connectedCallOf(agentId),
      startWrapUp: (agent, call) => this.shift.startWrapUp(agent, call.interactionId, call.queue.wrapUpSeconds),
      lost: (call) => {
        if (!call.ended) this.finish(call, 'completed', 'system', this.d.clock.now());
      },
      dialSeconds: d.consultDialSeconds ?? 20,
    });
    this.admission = new Admission({
      ...d,
      queues: () => this.queues,
      calls: () => this.calls.values(),
      arrived: (call) => {
        this.calls.set(call.callId, call);
        this.timers.maxWait(call, () => this.maxWaitReached(call));
      },
      admitted: (call) => {
        this.dispatcher.wait(call);
        this.dispatcher.dispatch();
      },
      failed: (call) => {
        if (call.ended) return;
        // Told at once (503) rather than left to wait in silence until the longest wait.
        this.control?.release(call.callId, 503);
        this.finish(call, 'busy', 'system', this.d.clock.now());
      },
    });
  }

  /** Takes the switch's controls and loads queues and agents. */
  async start(control: CallControl): Promise<void> {
    this.control = control;
    await this.reload();
  }

  /**
   * Reads queues, numbers, members and levels afresh: the next routing decision follows them,
   * without a restart. Calls already waiting take their queue's new settings (ring time of the
   * next offer, overflow); an offer ringing now is left to ring, and a longest wait already
   * running keeps its end.
   */
  async reload(): Promise<void> {
    // Reloads overlap (an admin's save, a new agent, the floor's refresh).
    await this.reloads.run(
      () => Promise.all([this.d.directory.queues(), this.d.directory.agents(), this.d.directory.agentNumbers?.() ?? []]),
      ([queues, agents, numbers]) => {
        this.queues = queues;
        this.agentNumbers = new Map(numbers.map((n) => [n.e164, n.userId]));
        this.d.agents.load(agents);
        const byId = new Map(queues.map((q) => [q.id, q]));
        for (const call of this.calls.values()) {
          const fresh = byId.get(call.queue.id);
          if (!fresh || fresh === call.queue) continue;
          call.queue = fresh;
          if (this.dispatcher.isWaiting(call)) this.dispatcher.wait(call);
        }
        this.dispatcher.dispatch();
      },
    );
  }

  /** A waiting call's place in its queue (1: next), or null when it rings an agent, is answered or gone. */
  positionInQueue(callId: string): number | null {
    return this.dispatcher.positionOf(callId);
  }

  /** The agent a number rings directly, if it is one of theirs; the switch gives it in E.164. */
  agentForNumber(e164: string): number | null {
    return this.agentNumbers.get(e164) ?? null;
  }

  /**
   * Shutting down: no timer of the ACD fires any more (a console's logout grace, wrap-up, ring
   * and longest-wait limits), so nothing is decided, and no state written, after the server has
   * closed its database. What they would have ended, the next start closes from the log.
   */
  stop(): void {
    for (const agent of this.d.agents.all()) {
      this.d.clock.clearTimeout(agent.logoutTimer);
      this.d.clock.clearTimeout(agent.wrapTimer);
      agent.logoutTimer = null;
      agent.wrapTimer = null;
    }
    for (const call of this.calls.values()) {
      this.timers.stopRing(call);
      this.timers.stopMaxWait(call);
    }
  }

  /** The idle signal: resolves once no admission is in flight, so every fact so far is out. */
  idle(): Promise<void> {
    return this.admission.idle();
  }

  get admitting(): boolean {
    return this.admission.busy;
  }

  liveCall(callId: string): LiveCall | undefined {
    return this.calls.get(callId);
  }

  liveCalls(): IterableIterator<LiveCall> {
    return this.calls.values();
  }

  queueDefinitions(): readonly QueueDefinition[] {
    return this.queues;
  }

  // ── SwitchEvents ──────────────────────────────────────────────────────────

  queueCallArrived(c: InboundQueueCall): QueueAdmission {
    return this.admission.arrive(c);
  }

  offerRinging(): void {
    // The agent's console already shows the call from the offer push; nothing to change.
  }

  offerAnswered(callId: string, agentUserId: number): void {
    const call = this.calls.get(callId);
    const agent = this.d.agents.get(agentUserId);
    if (!call || !agent || call.offer?.agentId !== agentUserId) return;
    if (call.transfer) return this.transfers.answered(call, agent);
    const now = this.d.clock.now();
    this.timers.stopRing(call);
    this.timers.stopMaxWait(call);
    call.offer = null;
    call.agentId = agentUserId;
    call.answeredAt = now;
    this.d.agents.apply(agent, { type: 'answer' });
    const view = queueCallView(call)!;
    this.d.facts.emit({ type: 'call-answered', callId, interactionId: call.interactionId!, agentId: agentUserId, at: now, waitSeconds: waitSeconds(call, now), view });
    this.d.facts.emit({ type: 'offer-ended', callId, agentId: agentUserId, outcome: 'answered', reason: null, at: now });
  }

  offerFailed(callId: string, agentUserId: number, why: OfferFailure): void {
    const call = this.calls.get(callId);
    const agent = this.d.agents.get(agentUserId);
    if (!call || !agent || call.offer?.agentId !== agentUserId) return;
    if (why === 'unreachable') {
      this.d.agents.setReachable(agent, false, false);
      this.dispatcher.endOffer(call, agent, 'unreachable', { type: 'offer_withdrawn' }, 'timeout');
    } else if (why === 'rejected') {
      // A reject counts as a miss: the agent leaves rotation until they say they're back.
      this.dispatcher.endOffer(call, agent, 'rejected', { type: 'reject' }, 'rejected');
    } else {
      this.dispatcher.endOffer(call, agent, 'missed', { type: 'reject' }, 'timeout');
    }
    this.dispatcher.dispatch();
  }

  callerLeft(callId: string): void {
    if (this.d.survey.has(callId)) return this.d.survey.callerLeft(callId);
    const call = this.calls.get(callId);
    if (!call || call.ended) return;
    const now = this.d.clock.now();
    if (call.agentId !== null) return this.finish(call, 'completed', 'customer', now);
    this.dispatcher.withdraw(call);
    // A caller who hangs up while their call is transferred was served: not an abandon.
    this.finish(call, call.answeredAt !== null ? 'completed' : 'abandoned', 'customer', now);
    this.dispatcher.dispatch();
  }

  agentLeft(callId: string, agentUserId: number): 'release' | 'keep_caller' {
    const call = this.calls.get(callId);
    if (!call || call.ended || call.agentId !== agentUserId) return 'release';
    this.finish(call, 'completed', 'agent', this.d.clock.now());
    if (!call.queue.csatEnabled || call.interactionId === null) return 'release';
    this.d.survey.start(callId, call.interactionId);
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
    if (call.agentId === null) return;
    const view = queueCallView(call)!;
    this.d.facts.emit({ type: onHold ? 'call-held' : 'call-resumed', callId, agentId: call.agentId, view });
  }

  callerDtmf(callId: string, digit: string): void {
    // Only the satisfaction survey listens to the caller's keypad so far (no IVR yet).
    this.d.survey.digit(callId, digit);
  }

  agentReachabilityChanged(agentUserId: number, reachable: boolean): void {
    const agent = this.d.agents.get(agentUserId);
    if (!agent || agent.reachable === reachable) return;
    this.d.agents.setReachable(agent, reachable, true);
    if (reachable) this.dispatcher.dispatch();
  }

  directCallChanged(call: DirectCall, change: 'started' | 'answered' | 'ended', endedBy?: 'caller' | 'callee' | 'failed'): void {
    if (call.consultOf !== undefined) return this.consults.changed(call, change);
    this.d.directCalls.handle(call, change, endedBy);
  }

  /** The agent picked (or created) the customer on the line: the pop and the routing follow. */
  updateScreenPop(callId: string, pop: ScreenPop, customerId: number): void {
    if (this.d.directCalls.updateScreenPop(callId, pop)) return;
    const call = this.calls.get(callId);
    if (!call) return;
    call.screenPop = pop;
    call.customerId = customerId;
  }

  /** The agent's current call as their console shows it, e.g. after a reload. */
  currentCallOf(userId: number): LiveCallView | null {
    const agent = this.d.agents.get(userId);
    const call = agent?.callId ? this.calls.get(agent.callId) : undefined;
    // After the hang-up (or their transfer) the call is gone from the agent, who still works on it.
    if (agent?.status.state === 'wrap_up' && (!call || call.agentId !== userId)) return agent.wrapOf?.view ?? null;
    if (agent?.callId && !call) return this.d.directCalls.currentView(agent.callId);
    return call ? queueCallView(call) : null;
  }

  // ── internals ─────────────────────────────────────────────────────────────

  /** The call is over: the fact goes out, the agent moves to wrap-up, the live call is forgotten. */
  private finish(call: LiveCall, reason: 'completed' | 'abandoned' | 'busy', hangupBy: 'customer' | 'agent' | 'system', now: number): void {
    call.ended = true;
    this.timers.stopMaxWait(call);
    this.transfers.forget(call);
    this.consults.forget(call);
    this.dispatcher.leave(call);
    this.calls.delete(call.callId);
    // A call still in admission has no id yet: admission reports its end once it has one.
    if (call.interactionId !== null) {
      this.d.facts.emit({
        type: 'call-ended',
        callId: call.callId,
        interactionId: call.interactionId,
        agentId: call.agentId,
        at: now,
        reason,
        hangupBy,
        waitSeconds: waitSeconds(call, now),
        talkSeconds: talkSeconds(call, now),
        holdSeconds: holdSecondsAt(call, now),
      });
    }
    if (call.agentId === null) return;
    const agent = this.d.agents.get(call.agentId);
    if (!agent) return;
    this.shift.startWrapUp(agent, call.interactionId, call.queue.wrapUpSeconds, queueCallView(call));
  }

  /** The waiting call moves to another queue, with that queue's longest wait from now. */
  private requeue(call: LiveCall, queue: QueueDefinition, by: 'overflow' | 'supervisor'): void {
    const from = call.queue.id;
    this.dispatcher.leave(call);
    call.queue = queue;
    this.dispatcher.wait(call);
    this.timers.maxWait(call, () => this.maxWaitReached(call));
    this.d.facts.emit({ type: 'call-requeued', callId: call.callId, interactionId: call.interactionId!, fromQueueId: from, toQueueId: queue.id, by, at: this.d.clock.now() });
    this.dispatcher.dispatch();
  }

  private maxWaitReached(call: LiveCall): void {
    if (call.ended || call.agentId !== null) return;
    const overflow = this.queues.find((q) => q.id === call.queue.overflowQueueId);
    if (overflow) {
      this.d.log.info({ callId: call.callId, from: call.queue.name, to: overflow.name }, 'max wait reached: overflow');
      this.requeue(call, overflow, 'overflow');
      return;
    }
    this.dispatcher.withdraw(call);
    this.control?.release(call.callId, 486);
    this.finish(call, 'busy', 'system', this.d.clock.now());
  }
}
