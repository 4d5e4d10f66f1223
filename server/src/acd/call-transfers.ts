// Blind transfer of a queue call the agent answered: the agent's part ends (they go to wrap-up)
// and the caller stays on the line while the call rings the target agent, or waits in the
// target queue. What the agent knew travels with it (TransferContextView on the next pop). A
// transfer nobody takes comes back: an agent who does not answer sends it back to the
// transferring agent (rung again even in their wrap-up), and a queue that keeps it waiting
// longer than `returnSeconds` sends it to its overflow, or else back to the transferring agent.
import type { TransferContextView, TransferResult } from '../../../contract/index.js';
import { DomainError } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { Clock } from '../platform/clock.js';
import type { CallControl } from '../switch/ports.js';
import type { AgentRegistry, LiveAgent } from './agent-registry.js';
import type { CallFacts, WithdrawReason } from './call-facts.js';
import type { QueueDefinition } from './data/queue-directory.repository.js';
import type { Dispatcher } from './dispatch.js';
import type { ActiveTransfer, LiveCall } from './live-call.js';
import { queueCallView } from './live-call-view.js';
import type { OfferTimers } from './offer-timers.js';

export type TransferTarget = { type: 'agent'; agentId: number } | { type: 'queue'; queueId: number };

/** What the transferring agent's desk hands over (read from the call log by cti). */
export type TransferNotes = Omit<TransferContextView, 'at' | 'by'>;

export interface CallTransfersDeps {
  agents: AgentRegistry;
  facts: CallFacts;
  clock: Clock;
  timers: OfferTimers;
  dispatcher: Dispatcher;
  control(): CallControl | null;
  call(callId: string): LiveCall | undefined;
  queues(): readonly QueueDefinition[];
  /** The agent's part of the call is over: after-call work on it. */
  startWrapUp(agent: LiveAgent, call: LiveCall): void;
  /** The call waits in its (new) queue, with that queue's longest wait from now. */
  waitInQueue(call: LiveCall, queue: QueueDefinition, by: 'transfer' | 'overflow'): void;
  /** How long a call transferred to a queue waits there before it comes back. */
  returnSeconds: number;
}

export class CallTransfers {
  constructor(private readonly d: CallTransfersDeps) {}

  /** The agent's connected call, or a refusal the agent can read. */
  connectedCallOf(agentId: number): LiveCall {
    const agent = this.d.agents.get(agentId);
    const call = agent?.callId ? this.d.call(agent.callId) : undefined;
    const answered = call?.transfer ? call.transfer.answeredAt !== null : call?.answeredAt != null;
    if (!call || call.ended || call.agentId !== agentId || !answered) throw new DomainError('CONFLICT', msg('transfer.noCall'));
    return call;
  }

  blind(fromAgentId: number, target: TransferTarget, notes: TransferNotes): TransferResult {
    const call = this.connectedCallOf(fromAgentId);
    // A consult under way is completed or cancelled first: its colleague's phone is up.
    if (call.consult) throw new DomainError('CONFLICT', msg('consult.already'));
    const from = this.d.agents.get(fromAgentId)!;
    let to: TransferResult['to'];
    let toAgent: LiveAgent | undefined;
    let toQueue: QueueDefinition | undefined;
    if (target.type === 'agent') {
      if (target.agentId === fromAgentId) throw new DomainError('VALIDATION', msg('transfer.toSelf'));
      toAgent = this.d.agents.get(target.agentId);
      if (!toAgent) throw new DomainError('NOT_FOUND', msg('transfer.unknownTarget', { to: String(target.agentId) }));
      if (!this.d.agents.isFree(toAgent)) throw new DomainError('CONFLICT', msg('transfer.targetNotFree', { name: toAgent.def.displayName }));
      to = { type: 'agent', id: toAgent.def.id, name: toAgent.def.displayName };
    } else {
      toQueue = this.d.queues().find((q) => q.id === target.queueId);
      if (!toQueue) throw new DomainError('NOT_FOUND', msg('transfer.unknownTarget', { to: String(target.queueId) }));
      to = { type: 'queue', id: toQueue.id, name: toQueue.displayName };
    }
    if (!this.d.control()?.detachAgent?.(call.callId)) throw new DomainError('CONFLICT', msg('transfer.notPossible'));

    const now = this.d.clock.now();
    const partStart = call.transfer?.answeredAt ?? call.answeredAt ?? now;
    if (call.holdSince !== null) {
      // The caller is no longer held by anyone: the hold so far counts, the next agent starts afresh.
      call.holdSeconds += Math.round((now - call.holdSince) / 1000);
      call.holdSince = null;
    }
    const wrapView = { ...queueCallView(call)!, state: 'wrap_up' as const };
    this.clearReturn(call);
    call.agentId = null;
    const transfer: ActiveTransfer = {
      fromAgentId,
      context: { ...notes, by: { id: fromAgentId, name: from.def.displayName }, at: new Date(now).toISOString() },
      target: to,
      answeredAt: null,
      returnTimer: null,
      returnDue: false,
    };
    call.transfer = transfer;
    this.d.facts.emit({
      type: 'call-transferred',
      callId: call.callId,
      interactionId: call.interactionId!,
      fromAgentId,
      kind: 'blind',
      to: { type: to.type, id: to.id },
      reason: notes.reason,
      notes: notes.notes,
      talkSeconds: Math.max(0, Math.round((now - partStart) / 1000)),
      at: now,
    });
    this.d.startWrapUp(from, call);
    if (from.wrapOf) from.wrapOf.view = wrapView;

    if (toAgent) {
      this.d.dispatcher.offerTo(call, toAgent);
    } else {
      this.d.waitInQueue(call, toQueue!, 'transfer');
      transfer.returnTimer = this.d.clock.setTimeout(() => this.returnDue(call), this.d.returnSeconds * 1000);
    }
    return { kind: 'blind', to };
  }

  /** The offer of a transferred call was answered: the call is this agent's from now on. */
  answered(call: LiveCall, agent: LiveAgent): void {
    const transfer = call.transfer!;
    const now = this.d.clock.now();
    this.d.timers.stopRing(call);
    this.d.timers.stopMaxWait(call);
    this.clearReturn(call);
    this.d.dispatcher.leave(call);
    call.offer = null;
    call.agentId = agent.def.id;
    transfer.answeredAt = now;
    this.d.agents.apply(agent, { type: 'answer' });
    const view = queueCallView(call)!;
    this.d.facts.emit({ type: 'transfer-answered', callId: call.callId, interactionId: call.interactionId!, agentId: agent.def.id, at: now, view });
    this.d.facts.emit({ type: 'offer-ended', callId: call.callId, agentId: agent.def.id, outcome: 'answered', reason: null, at: now });
  }

  /**
   * An offer of a transferred call ended unanswered (the Dispatcher's hook). True when the call
   * went back to its transferring agent; false leaves it waiting in its queue as any call.
   */
  unanswered(call: LiveCall, agent: LiveAgent, reason: WithdrawReason): boolean {
    const transfer = call.transfer;
    if (!transfer || transfer.answeredAt !== null || reason === 'caller_left' || call.ended) return false;
    if (agent.def.id === transfer.fromAgentId) return false; // called back and not answered: the queue takes it
    const back = (transfer.target.type === 'agent' && transfer.target.id === agent.def.id) || transfer.returnDue;
    return back && this.callBack(call, transfer);
  }

  /** The call ended: nothing of its transfer may fire any more. */
  forget(call: LiveCall): void {
    this.clearReturn(call);
  }

  private returnDue(call: LiveCall): void {
    const transfer = call.transfer;
    if (!transfer || call.ended || transfer.answeredAt !== null) return;
    transfer.returnTimer = null;
    const queue = this.d.queues().find((q) => q.id === call.queue.id);
    const overflow = this.d.queues().find((q) => q.id === queue?.overflowQueueId);
    if (call.offer) {
      // Ringing someone now: that ring decides; if it goes unanswered, the call comes back.
      transfer.returnDue = true;
      return;
    }
    if (overflow) return this.d.waitInQueue(call, overflow, 'overflow');
    this.d.dispatcher.leave(call);
    if (!this.callBack(call, transfer)) this.d.dispatcher.wait(call);
  }

  /** Rings the transferring agent again, if they can take it (Ready, or wrapping this call up). */
  private callBack(call: LiveCall, transfer: ActiveTransfer): boolean {
    const agent = this.d.agents.get(transfer.fromAgentId);
    if (!agent || !agent.reachable || this.d.control() === null) return false;
    const wrappingThis = agent.status.state === 'wrap_up' && agent.callId === call.callId;
    if (!wrappingThis && !this.d.agents.isFree(agent)) return false;
    this.d.dispatcher.leave(call);
    this.clearReturn(call);
    transfer.returnDue = false;
    if (wrappingThis) agent.wrapOf = null;
    this.d.dispatcher.offerTo(call, agent, wrappingThis ? 'transfer_recall' : 'offer');
    return true;
  }

  private clearReturn(call: LiveCall): void {
    if (!call.transfer?.returnTimer) return;
    this.d.clock.clearTimeout(call.transfer.returnTimer);
    call.transfer.returnTimer = null;
  }
}
