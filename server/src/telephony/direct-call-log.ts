// Calls outside any queue (an agent dialling a customer, a call to an extension): the switch
// bridges them; this logs them as interactions and moves the agent through on call → wrap-up.
import type { ScreenPop } from '../../contract/index.js';
import type { Logger } from '../logger.js';
import type { CallLogRepository } from '../repositories/call-log.repository.js';
import type { AgentRegistry, LiveAgent } from './agent-registry.js';
import type { Clock } from './clock.js';
import type { DirectCall } from './ports.js';
import type { SerialQueue } from './serial-queue.js';

interface Deps {
  callLog: CallLogRepository;
  agents: AgentRegistry;
  clock: Clock;
  log: Logger;
  screenPop(number: string): Promise<ScreenPop>;
  writes(): SerialQueue;
  wrapUp(agent: LiveAgent, interactionId: Promise<number | undefined>): void;
  /** An agent's outbound call was logged (e.g. to tie a follow-up call to its case). */
  outboundLogged?(agentId: number, e164: string, interactionId: number): Promise<void>;
}

interface OpenDirectCall {
  interactionId: Promise<number | undefined>;
  agentId: number | null;
  answeredAt: number | null;
  startedAt: number;
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
        callerNumber: pop.normalizedPhone ?? customerNumber.slice(0, 20),
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
    this.open.set(call.callId, { interactionId, agentId, answeredAt: null, startedAt: now });
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
  }

  private ended(call: DirectCall, endedBy: 'caller' | 'callee' | 'failed'): void {
    const open = this.open.get(call.callId);
    if (!open) return;
    this.open.delete(call.callId);
    const now = this.d.clock.now();
    const agentIsCaller = call.from.userId !== null;
    const hangupBy = endedBy === 'failed' ? 'system' : (endedBy === 'caller') === agentIsCaller ? 'agent' : 'customer';
    const end = {
      at: new Date(now),
      reason: open.answeredAt === null ? ('failed' as const) : ('completed' as const),
      hangupBy: hangupBy as 'agent' | 'customer' | 'system',
      waitSeconds: null,
      talkSeconds: open.answeredAt === null ? null : Math.round((now - open.answeredAt) / 1000),
      holdSeconds: 0,
    };
    void this.d.writes().push(async () => {
      const id = await open.interactionId;
      if (id !== undefined) await this.d.callLog.endCall(id, end);
    });
    const agent = open.agentId === null ? undefined : this.d.agents.get(open.agentId);
    if (agent && agent.status.state === 'on_call' && agent.callId === call.callId) this.d.wrapUp(agent, open.interactionId);
  }
}
