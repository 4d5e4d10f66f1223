// Calls outside any queue (an agent dialling a customer, a call to an extension): the switch
// bridges them; this logs them as interactions, moves the agent through on call → wrap-up, and
// shows the call on the agent's console as queue calls are shown (offered, updated, ended), so
// the console knows the interaction its notes, cases and wrap-up go to.
import { callerNumberOf, type EndReason, type LiveCallView, type ScreenPop } from '../../../contract/index.js';
import { storedCallerNumber } from './caller-number.js';
import type { Logger } from '../platform/logger.js';
import type { CallLogRepository } from './data/call-log.repository.js';
import type { AgentRegistry, LiveAgent } from '../acd/agent-registry.js';
import type { Clock } from '../platform/clock.js';
import type { DirectCall } from '../switch/ports.js';
import type { SerialQueue } from '../platform/serial-queue.js';
import type { TelephonyNotifier } from '../acd/telephony-notifier.js';

interface Deps {
  callLog: CallLogRepository;
  agents: AgentRegistry;
  clock: Clock;
  log: Logger;
  notifier: TelephonyNotifier;
  /** The pop the call is logged with (customer matched by the system). */
  screenPop(number: string): Promise<ScreenPop>;
  /**
   * The pop the agent's console shows: only customers the agent may see. No queue offered this
   * call, so nothing else grants the agent a look at the number's customers.
   */
  agentScreenPop(agentId: number, number: string): Promise<ScreenPop>;
  writes(): SerialQueue;
  wrapUp(agent: LiveAgent, interactionId: Promise<number | undefined>, view: Promise<LiveCallView | null>): void;
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
  endReason: EndReason | null;
  /** The call as its agent's console sees it: null until logged and its pop built. */
  view: LiveCallView | null;
  /** Settles once `view` is known (or known to stay null). */
  viewReady: Promise<LiveCallView | null>;
}

export class DirectCallLog {
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
    const interactionId = this.d.writes().push(async () => {
      const pop = await this.d.screenPop(customerNumber);
      const id = await this.d.callLog.createCall({
        direction: outbound ? 'outbound' : 'inbound',
        callerNumber: storedCallerNumber(pop.normalizedPhone, customerNumber),
        customerId: pop.primary?.customer.id ?? null,
        queueId: null,
        agentId,
        sipCallId: call.sipCallId,
        at,
      });
      if (outbound && agentId !== null && pop.normalizedPhone && this.d.outboundLogged) {
        await this.d.outboundLogged(agentId, pop.normalizedPhone, id).catch((err) => this.d.log.error({ err }, 'tying an outbound call failed'));
      }
      return id;
    });
    const open: OpenDirectCall = {
      callId: call.callId,
      interactionId,
      agentId,
      inbound: !outbound,
      answeredAt: null,
      startedAt: now,
      endReason: null,
      view: null,
      viewReady: Promise.resolve(null),
    };
    open.viewReady = this.showToAgent(open, customerNumber);
    this.open.set(call.callId, open);
  }

  /** The call on the agent's desk, as their console shows it (e.g. after a reload). */
  currentView(callId: string): LiveCallView | null {
    const open = this.open.get(callId);
    return open?.view ? this.viewAt(open) : null;
  }

  /** The agent chose (or created) the customer on the line: a reload shows that choice. */
  updateScreenPop(callId: string, pop: ScreenPop): boolean {
    const open = this.open.get(callId);
    if (!open?.view) return false;
    open.view = { ...open.view, screenPop: pop };
    return true;
  }

  /**
   * Once the call is logged, tells the agent's console its interaction, with the pop: as an
   * offer while a call to the agent rings, else as an update (and its end, if it ended first).
   */
  private async showToAgent(open: OpenDirectCall, customerNumber: string): Promise<LiveCallView | null> {
    const agentId = open.agentId;
    if (agentId === null) return null;
    try {
      const id = await open.interactionId;
      if (id === undefined) return null;
      const pop = await this.d.agentScreenPop(agentId, customerNumber);
      open.view = {
        callId: open.callId,
        interactionId: id,
        queueName: null,
        callerNumber: callerNumberOf(pop.normalizedPhone, customerNumber),
        state: 'ringing',
        offeredAt: open.inbound ? new Date(open.startedAt).toISOString() : null,
        answeredAt: null,
        ringSeconds: null,
        screenPop: pop,
      };
    } catch (err) {
      this.d.log.error({ err, callId: open.callId }, 'showing a direct call to its agent failed');
      return null;
    }
    const view = this.viewAt(open);
    if (open.inbound && view.state === 'ringing') this.d.notifier.callOffered(agentId, view);
    else this.d.notifier.callUpdated(agentId, view);
    if (open.endReason) this.d.notifier.callEnded(agentId, { callId: open.callId, interactionId: view.interactionId, endReason: open.endReason });
    return view;
  }

  private viewAt(open: OpenDirectCall): LiveCallView {
    const state = open.endReason ? 'wrap_up' : open.answeredAt === null ? 'ringing' : 'talking';
    const answeredAt = open.answeredAt === null ? null : new Date(open.answeredAt).toISOString();
    return { ...open.view!, state, answeredAt };
  }

  private answered(call: DirectCall): void {
    const open = this.open.get(call.callId);
    if (!open) return;
    const now = this.d.clock.now();
    open.answeredAt = now;
    const at = new Date(now);
    void this.d.writes().push(async () => {
      const id = await open.interactionId;
      if (id !== undefined && open.agentId !== null) await this.d.callLog.markAnswered(id, open.agentId, at, 0);
    });
    if (open.view && open.agentId !== null) this.d.notifier.callUpdated(open.agentId, this.viewAt(open));
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
    void this.d.writes().push(async () => {
      const id = await open.interactionId;
      if (id !== undefined) await this.d.callLog.endCall(id, end);
    });
    if (open.view && open.agentId !== null) {
      this.d.notifier.callEnded(open.agentId, { callId: call.callId, interactionId: open.view.interactionId, endReason: reason });
    }
    const agent = open.agentId === null ? undefined : this.d.agents.get(open.agentId);
    if (agent && agent.status.state === 'on_call' && agent.callId === call.callId) {
      this.d.wrapUp(agent, open.interactionId, open.viewReady.then((v) => (v ? this.viewAt(open) : null)));
    }
  }
}
