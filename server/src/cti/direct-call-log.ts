// Calls outside any queue (an agent dialling a customer, a call to an extension): the switch
// bridges them; this logs them as interactions, moves the agent through on call → wrap-up, and
// shows the call on the agent's console as queue calls are shown (offered, updated, ended), so
// the console knows the interaction its notes, cases and wrap-up go to.
import { callerNumberOf, type EndReason, type LiveCallView, type ScreenPop } from '../../../contract/index.js';
import type { Logger } from '../platform/logger.js';
import type { CallLogRepository } from './data/call-log.repository.js';
import type { AgentRegistry } from '../acd/agent-registry.js';
import type { AgentShift } from '../acd/agent-shift.js';
import type { Clock } from '../platform/clock.js';
import type { DirectCall } from '../switch/ports.js';
import type { CallFacts } from '../acd/call-facts.js';
import type { DirectCalls } from '../acd/call-center-ports.js';
import { liveCallView } from '../acd/live-call-view.js';
import { maskScreenPop } from '../customers/privacy/phone-masking.js';
import { maskPhoneText } from '../customers/privacy/rules/phone-mask.js';

/** Wrap-up after a call outside any queue (no queue setting applies). */
const DIRECT_CALL_WRAP_SECONDS = 30;

interface Deps {
  callLog: CallLogRepository;
  agents: AgentRegistry;
  shift(): AgentShift;
  clock: Clock;
  log: Logger;
  facts: CallFacts;
  /** The pop the call is logged with (customer matched by the system). */
  screenPop(number: string): Promise<ScreenPop>;
  /**
   * The pop the agent's console shows: only customers the agent may see. No queue offered this
   * call, so nothing else grants the agent a look at the number's customers.
   */
  agentScreenPop(agentId: number, number: string): Promise<ScreenPop>;
  /** Queues a write after the call's own, off the switch's path (the call log writer). */
  forCall<T>(callId: string, job: () => Promise<T>): Promise<T | undefined>;
  /** An agent's outbound call was logged (e.g. to tie a follow-up call to its case). */
  outboundLogged?(agentId: number, e164: string, interactionId: number): Promise<void>;
}

interface OpenDirectCall {
  callId: string;
  interactionId: Promise<number | undefined>;
  agentId: number | null;
  inbound: boolean;
  answeredAt: number | null;
  startedAt: number;
  /** Dialled through a dial token: the agent is shown the number masked, never whole. */
  numberHidden: boolean;
  endReason: EndReason | null;
  /** The interaction and pop its agent's console sees: null until logged and the pop built. */
  shown: { interactionId: number; screenPop: ScreenPop; callerNumber: string } | null;
  /** Settles once `view` is known (or known to stay null). */
  viewReady: Promise<LiveCallView | null>;
}

export class DirectCallLog implements DirectCalls {
  private readonly open = new Map<string, OpenDirectCall>();

  constructor(private readonly d: Deps) {}

  handle(call: DirectCall, change: 'started' | 'answered' | 'ended', endedBy?: 'caller' | 'callee' | 'failed'): void {
    if (change === 'started') this.started(call);
    else if (change === 'answered') this.answered(call);
    else this.ended(call, endedBy ?? 'caller');
  }

  private started(call: DirectCall): void {
    const now = this.d.clock.now();
    // The agent's side decides the direction: an agent calling out is outbound.
    const outbound = call.from.userId !== null;
    const agentId = call.from.userId ?? call.to.userId;
    const customerNumber = outbound ? call.to.number : call.from.number;
    const agent = agentId === null ? undefined : this.d.agents.get(agentId);
    if (agent && (agent.status.state === 'ready' || agent.status.state === 'not_ready')) {
      this.d.agents.apply(agent, { type: 'dial_out' });
      agent.callId = call.callId;
    }
    const at = new Date(now);
    const logged = this.d.forCall(call.callId, async () => {
      const [pop, agentPop] = await Promise.all([
        this.d.screenPop(customerNumber),
        agentId === null ? Promise.resolve(null) : this.d.agentScreenPop(agentId, customerNumber),
      ]);
      const customerId = pop.primary?.customer.id ?? null;
      const id = await this.d.callLog.createCall({
        direction: outbound ? 'outbound' : 'inbound',
        callerNumber: callerNumberOf(pop.normalizedPhone, customerNumber),
        customerId,
        queueId: null,
        agentId,
        // Who dialled whom grants nothing: only a customer the agent could already see counts.
        agentHandled: customerId !== null && agentPop !== null && agentPop.matches.some((m) => m.id === customerId),
        ...(call.numberHidden ? { numberHidden: true } : {}),
        sipCallId: call.sipCallId,
        at,
      });
      if (outbound && agentId !== null && pop.normalizedPhone && this.d.outboundLogged) {
        await this.d.outboundLogged(agentId, pop.normalizedPhone, id).catch((err) => this.d.log.error({ err }, 'tying an outbound call failed'));
      }
      return { id, agentPop };
    });
    const interactionId = logged.then((l) => l?.id);
    const open: OpenDirectCall = {
      callId: call.callId,
      interactionId,
      agentId,
      inbound: !outbound,
      answeredAt: null,
      startedAt: now,
      numberHidden: call.numberHidden === true,
      endReason: null,
      shown: null,
      viewReady: Promise.resolve(null),
    };
    // After the row, on the call's own write chain: the log's idle signal covers the push too.
    open.viewReady = this.d.forCall(call.callId, () => this.showToAgent(open, customerNumber, logged)).then((v) => v ?? null);
    this.open.set(call.callId, open);
  }

  /** The call on the agent's desk, as their console shows it (e.g. after a reload). */
  currentView(callId: string): LiveCallView | null {
    const open = this.open.get(callId);
    return open?.shown ? this.viewAt(open) : null;
  }

  /** The agent chose (or created) the customer on the line: a reload shows that choice. */
  updateScreenPop(callId: string, pop: ScreenPop): boolean {
    const open = this.open.get(callId);
    if (!open?.shown) return false;
    open.shown = { ...open.shown, screenPop: open.numberHidden ? maskScreenPop(pop) : pop };
    return true;
  }

  /**
   * Once the call is logged, tells the agent's console its interaction, with the pop: as an
   * offer while a call to the agent rings, else as an update (and its end, if it ended first).
   */
  private async showToAgent(
    open: OpenDirectCall,
    customerNumber: string,
    logged: Promise<{ id: number; agentPop: ScreenPop | null } | undefined>,
  ): Promise<LiveCallView | null> {
    const agentId = open.agentId;
    if (agentId === null) return null;
    try {
      const row = await logged;
      if (row === undefined || row.agentPop === null) return null;
      const { id, agentPop: pop } = row;
      const callerNumber = callerNumberOf(pop.normalizedPhone, customerNumber);
      open.shown = open.numberHidden
        ? { interactionId: id, screenPop: maskScreenPop(pop), callerNumber: maskPhoneText(callerNumber) }
        : { interactionId: id, screenPop: pop, callerNumber };
    } catch (err) {
      this.d.log.error({ err, callId: open.callId }, 'showing a direct call to its agent failed');
      return null;
    }
    const view = this.viewAt(open);
    this.d.facts.emit({ type: 'direct-call-shown', callId: open.callId, agentId, ringing: open.inbound && view.state === 'ringing', view });
    if (open.endReason) this.d.facts.emit({ type: 'direct-call-ended', callId: open.callId, agentId, interactionId: view.interactionId, reason: open.endReason });
    return view;
  }

  private viewAt(open: OpenDirectCall): LiveCallView {
    const shown = open.shown!;
    return liveCallView({
      callId: open.callId,
      interactionId: shown.interactionId,
      queueName: null,
      callerNumber: shown.callerNumber,
      screenPop: shown.screenPop,
      offeredAt: open.inbound ? open.startedAt : null,
      answeredAt: open.answeredAt,
      ringSeconds: null,
      onHold: false,
      ended: open.endReason !== null,
      numberHidden: open.numberHidden,
    });
  }

  private answered(call: DirectCall): void {
    const open = this.open.get(call.callId);
    if (!open) return;
    const now = this.d.clock.now();
    open.answeredAt = now;
    const at = new Date(now);
    void this.d.forCall(call.callId, async () => {
      const id = await open.interactionId;
      if (id !== undefined && open.agentId !== null) await this.d.callLog.markAnswered(id, open.agentId, at, 0);
    });
    if (open.shown && open.agentId !== null) {
      this.d.facts.emit({ type: 'direct-call-shown', callId: open.callId, agentId: open.agentId, ringing: false, view: this.viewAt(open) });
    }
  }

  private ended(call: DirectCall, endedBy: 'caller' | 'callee' | 'failed'): void {
    const open = this.open.get(call.callId);
    if (!open) return;
    this.open.delete(call.callId);
    const now = this.d.clock.now();
    const agentIsCaller = call.from.userId !== null;
    const hangupBy = endedBy === 'failed' ? 'system' : (endedBy === 'caller') === agentIsCaller ? 'agent' : 'customer';
    const reason: EndReason = open.answeredAt === null ? 'failed' : 'completed';
    open.endReason = reason;
    const end = {
      at: new Date(now),
      reason,
      hangupBy: hangupBy as 'agent' | 'customer' | 'system',
      waitSeconds: null,
      talkSeconds: open.answeredAt === null ? null : Math.round((now - open.answeredAt) / 1000),
      holdSeconds: 0,
    };
    void this.d.forCall(call.callId, async () => {
      const id = await open.interactionId;
      if (id !== undefined) await this.d.callLog.endCall(id, end);
    });
    if (open.shown && open.agentId !== null) {
      this.d.facts.emit({ type: 'direct-call-ended', callId: call.callId, agentId: open.agentId, interactionId: open.shown.interactionId, reason });
    }
    const agent = open.agentId === null ? undefined : this.d.agents.get(open.agentId);
    if (agent && agent.status.state === 'on_call' && agent.callId === call.callId) {
      const view = open.viewReady.then((v) => (v ? this.viewAt(open) : null));
      this.d.shift().startWrapUp(agent, open.interactionId, DIRECT_CALL_WRAP_SECONDS, view);
    }
  }
}
