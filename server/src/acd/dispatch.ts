// Routing and the life of an offer: which waiting call rings which free agent (the pure rule
// over the per-queue indexes), ringing, and ending an offer that was not answered. The offer's
// fact (and so its screen-pop push) goes out before the switch rings the agent's phone, so the
// pop never waits behind the ring.
import { nextOffers, type Offer } from './rules/acd-routing.js';
import type { AgentEvent } from './rules/agent-state.js';
import type { CallControl } from '../switch/ports.js';
import type { Clock } from '../platform/clock.js';
import type { AgentRegistry, LiveAgent } from './agent-registry.js';
import type { CallFacts, OfferOutcome, WithdrawReason } from './call-facts.js';
import type { LiveCall } from './live-call.js';
import { queueCallView } from './live-call-view.js';
import type { OfferTimers } from './offer-timers.js';
import { WaitingCalls } from './waiting-calls.js';

interface Deps {
  agents: AgentRegistry;
  facts: CallFacts;
  clock: Clock;
  timers: OfferTimers;
  control(): CallControl | null;
  call(callId: string): LiveCall | undefined;
  /** An offer ended unanswered: true when this hook took the call elsewhere (a transfer's way back). */
  unanswered?(call: LiveCall, agent: LiveAgent, reason: WithdrawReason): boolean;
}

type UnansweredEvent = Extract<AgentEvent, { type: 'ring_no_answer' | 'reject' | 'offer_withdrawn' }>;

export class Dispatcher {
  private readonly waiting = new WaitingCalls();

  constructor(private readonly d: Deps) {}

  /** The call (admitted, or back from an offer, or moved to another queue) waits for an agent. */
  wait(call: LiveCall): void {
    if (call.ended || call.agentId !== null || call.offer !== null || call.interactionId === null) return;
    this.waiting.add({ id: call.queue.id, skillId: call.queue.skillId }, { callId: call.callId, priority: call.priority, queuedAt: call.queuedAt });
  }

  /** Whether the call waits for an offer now (not ringing, not answered). */
  isWaiting(call: LiveCall): boolean {
    return this.waiting.has(call.callId);
  }

  /** The call's place in its queue's line, or null when it is not waiting for an offer. */
  positionOf(callId: string): number | null {
    return this.waiting.positionOf(callId);
  }

  /** The call no longer waits (answered, gone, or being moved). */
  leave(call: LiveCall): void {
    this.waiting.remove(call.callId);
  }

  /** The offers the routing rule allows right now (nothing is changed). */
  plan(): Offer[] {
    if (!this.d.agents.anyFree()) return [];
    return nextOffers(this.waiting.queueLines(), (q) => this.d.agents.freeIn(q));
  }

  /** Makes every offer the routing rule allows right now. */
  dispatch(): void {
    if (!this.d.control()) return;
    for (const o of this.plan()) {
      const call = this.d.call(o.callId);
      const agent = this.d.agents.get(o.agentId);
      // A failed offer routes again at once, so a later offer of this round may be stale.
      if (call && agent && call.offer === null && this.waiting.has(call.callId) && this.d.agents.isFree(agent)) this.startOffer(call, agent);
    }
  }

  /** Ends the ringing offer without an answer; the call waits again unless it is ending. */
  endOffer(call: LiveCall, agent: LiveAgent, outcome: Exclude<OfferOutcome, 'answered'>, event: UnansweredEvent, reason: WithdrawReason): void {
    if (!call.offer) return;
    this.d.timers.stopRing(call);
    call.offer = null;
    agent.callId = null;
    if (agent.status.state === 'ringing') this.d.agents.apply(agent, event);
    this.d.facts.emit({ type: 'offer-ended', callId: call.callId, agentId: agent.def.id, outcome, reason, at: this.d.clock.now() });
    if (this.d.unanswered?.(call, agent, reason)) return;
    this.wait(call);
  }

  /** Stops ringing the agent, e.g. because the caller left or waited too long. */
  withdraw(call: LiveCall): void {
    if (!call.offer) return;
    const agentId = call.offer.agentId;
    const agent = this.d.agents.get(agentId);
    this.d.control()?.withdrawOffer(call.callId, agentId);
    if (agent) this.endOffer(call, agent, 'withdrawn', { type: 'offer_withdrawn' }, 'caller_left');
  }

  /**
   * Rings this agent for this waiting call now, whoever the routing rule would choose (a
   * supervisor's pull). The caller checks the agent is free; an unanswered offer puts the call
   * back in its queue as any offer does.
   */
  offerTo(call: LiveCall, agent: LiveAgent, event: 'offer' | 'transfer_recall' = 'offer'): void {
    if (!this.d.control()) throw new Error('the call center has not started');
    this.startOffer(call, agent, event);
  }

  private startOffer(call: LiveCall, agent: LiveAgent, event: 'offer' | 'transfer_recall' = 'offer'): void {
    const now = this.d.clock.now();
    const interactionId = call.interactionId!;
    this.waiting.remove(call.callId);
    agent.callId = call.callId;
    call.offer = { agentId: agent.def.id, at: now, timer: null };
    // The pop goes first, ahead of the agent's Ringing state and of the INVITE: it is already
    // built, and a push queued behind another on the agent's socket would reach the console
    // only after the phone had started to ring.
    this.d.facts.emit({ type: 'call-offered', callId: call.callId, interactionId, agentId: agent.def.id, at: now, view: queueCallView(call)! });
    this.d.agents.apply(agent, { type: event });
    call.offer.timer = this.d.timers.ring(call, () => this.ringTimedOut(call, agent));
    if (!this.d.control()!.offer(call.callId, agent.def.id, { interactionId })) {
      this.d.agents.setReachable(agent, false, false);
      this.endOffer(call, agent, 'unreachable', { type: 'offer_withdrawn' }, 'unreachable');
      this.dispatch();
    }
  }

  private ringTimedOut(call: LiveCall, agent: LiveAgent): void {
    if (call.offer?.agentId !== agent.def.id || call.ended) return;
    this.d.control()?.withdrawOffer(call.callId, agent.def.id);
    this.endOffer(call, agent, 'missed', { type: 'ring_no_answer' }, 'timeout');
    this.dispatch();
  }
}
