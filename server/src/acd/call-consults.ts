// Consult (attended) transfer of a connected queue call. The agent's web phone holds the caller
// and dials a consult call to the colleague the ACD picked (the agent named, or the free agent
// of a queue that has waited longest); the colleague's desk shows the call and its context
// before their phone rings. Then:
//   complete: the switch joins the caller to the colleague; the agent's part ends (wrap-up) and
//             the call is the colleague's, as after a blind transfer they answered;
//   cancel:   the consult call ends and the agent is back with the caller;
//   swap:     the agent talks to one party while the web phone holds the other.
//
//   (start) dialling ──(consult INVITE)──▶ ringing ──(colleague answers)──▶ talking ──complete──▶ (handed over)
//               │                             │                              │
//               └──────(cancel, not dialled in time, refused, hung up, call ended)──▶ (ended)
import type { ConsultParty, ConsultView, TransferContextView, TransferResult } from '../../../contract/index.js';
import { DomainError } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { Clock } from '../platform/clock.js';
import type { CallControl, DirectCall } from '../switch/ports.js';
import type { AgentRegistry, LiveAgent } from './agent-registry.js';
import type { CallFacts } from './call-facts.js';
import type { TransferNotes, TransferTarget } from './call-transfers.js';
import type { QueueDefinition } from './data/queue-directory.repository.js';
import type { ActiveConsult, LiveCall } from './live-call.js';
import { queueCallView } from './live-call-view.js';

export interface CallConsultsDeps {
  agents: AgentRegistry;
  facts: CallFacts;
  clock: Clock;
  control(): CallControl | null;
  call(callId: string): LiveCall | undefined;
  queues(): readonly QueueDefinition[];
  /** The agent's connected call, or the refusal they read (shared with blind transfer). */
  connectedCallOf(agentId: number): LiveCall;
  /** The agent's part of the call is over: after-call work on it. */
  startWrapUp(agent: LiveAgent, call: LiveCall): void;
  /** The switch could not join the parties and ended the call. */
  lost(call: LiveCall): void;
  /** How long the agent's phone has to dial the consult call once the colleague is picked. */
  dialSeconds: number;
}

export class CallConsults {
  constructor(private readonly d: CallConsultsDeps) {}

  start(fromAgentId: number, target: TransferTarget, notes: TransferNotes): ConsultView {
    const call = this.d.connectedCallOf(fromAgentId);
    if (call.consult) throw new DomainError('CONFLICT', msg('consult.already'));
    const from = this.d.agents.get(fromAgentId)!;
    const { colleague, asked } = this.pick(fromAgentId, target);
    const control = this.d.control();
    if (!control?.prepareConsult?.(call.callId, fromAgentId, colleague.def.id, { interactionId: call.interactionId! })) {
      throw new DomainError('CONFLICT', msg('transfer.notPossible'));
    }
    const now = this.d.clock.now();
    const context: TransferContextView = { ...notes, by: { id: fromAgentId, name: from.def.displayName }, at: new Date(now).toISOString() };
    const consult: ActiveConsult = {
      fromAgentId,
      to: { type: 'agent', id: colleague.def.id, name: colleague.def.displayName },
      asked,
      stage: 'dialling',
      talkingTo: 'consulted',
      context,
      consultCallId: null,
      startedAt: now,
      answeredAt: null,
      dialTimer: null,
      // The switch rings the colleague whatever is dialled; their extension reads best in traces.
      dial: colleague.def.extension ?? 'consult',
    };
    call.consult = consult;
    this.d.agents.apply(colleague, { type: 'offer' });
    colleague.callId = call.callId;
    consult.dialTimer = this.d.clock.setTimeout(() => this.end(call, consult), this.d.dialSeconds * 1000);
    this.d.facts.emit({ type: 'consult-offered', callId: call.callId, interactionId: call.interactionId!, agentId: colleague.def.id, at: now, view: this.colleagueView(call, consult) });
    return this.view(call, consult);
  }

  /** The consult call as the switch reports it (a call between two endpoints with `consultOf`). */
  changed(direct: DirectCall, change: 'started' | 'answered' | 'ended'): void {
    const call = direct.consultOf ? this.d.call(direct.consultOf) : undefined;
    const consult = call?.consult;
    if (!call || !consult || direct.from.userId !== consult.fromAgentId) return;
    if (change === 'started') {
      consult.consultCallId = direct.callId;
      consult.stage = 'ringing';
      this.clearDialTimer(consult);
      return;
    }
    if (consult.consultCallId !== direct.callId) return;
    if (change === 'ended') return this.end(call, consult);
    const colleague = this.d.agents.get(consult.to.id);
    if (!colleague || consult.stage !== 'ringing') return;
    const now = this.d.clock.now();
    consult.stage = 'talking';
    consult.answeredAt = now;
    this.d.agents.apply(colleague, { type: 'answer' });
    const view = { ...this.colleagueView(call, consult), state: 'talking' as const, answeredAt: new Date(now).toISOString(), ringSeconds: null };
    this.d.facts.emit({ type: 'consult-answered', callId: call.callId, agentId: colleague.def.id, at: now, view });
  }

  /** "Complete transfer": the caller and the colleague are joined; the agent leaves. */
  complete(fromAgentId: number): TransferResult {
    const call = this.d.connectedCallOf(fromAgentId);
    const consult = this.ongoing(call);
    if (consult.stage !== 'talking') throw new DomainError('CONFLICT', msg('consult.notAnswered', { name: consult.to.name }));
    const colleague = this.d.agents.get(consult.to.id);
    const control = this.d.control();
    if (!colleague || !control?.completeConsult?.(call.callId, (ok) => ok || this.d.lost(call))) {
      throw new DomainError('CONFLICT', msg('transfer.notPossible'));
    }
    const now = this.d.clock.now();
    const from = this.d.agents.get(fromAgentId)!;
    const partStart = call.transfer?.answeredAt ?? call.answeredAt ?? now;
    if (call.holdSince !== null) {
      // The caller is no longer held by anyone: the hold so far counts, the colleague starts afresh.
      call.holdSeconds += Math.round((now - call.holdSince) / 1000);
      call.holdSince = null;
    }
    const wrapView = { ...queueCallView(call)!, state: 'wrap_up' as const };
    call.consult = null;
    this.clearDialTimer(consult);
    call.transfer = { fromAgentId, context: consult.context, target: consult.asked, answeredAt: now, returnTimer: null, returnDue: false };
    call.agentId = colleague.def.id;
    this.d.facts.emit({
      type: 'call-transferred',
      callId: call.callId,
      interactionId: call.interactionId!,
      fromAgentId,
      kind: 'consult',
      consultStartedAt: consult.startedAt,
      to: { type: 'agent', id: colleague.def.id },
      reason: consult.context.reason,
      notes: consult.context.notes,
      talkSeconds: Math.max(0, Math.round((now - partStart) / 1000)),
      at: now,
    });
    this.d.startWrapUp(from, call);
    if (from.wrapOf) from.wrapOf.view = wrapView;
    this.d.facts.emit({ type: 'transfer-answered', callId: call.callId, interactionId: call.interactionId!, agentId: colleague.def.id, at: now, view: queueCallView(call)! });
    return { kind: 'consult', to: consult.to };
  }

  /** "Cancel consult": the consult call ends; the agent's web phone takes the caller back. */
  cancel(fromAgentId: number): void {
    const call = this.d.connectedCallOf(fromAgentId);
    this.end(call, this.ongoing(call));
  }

  /** "Swap": whom the agent talks to; the web phone holds the other. */
  swap(fromAgentId: number, talkTo: ConsultParty): ConsultView {
    const call = this.d.connectedCallOf(fromAgentId);
    const consult = this.ongoing(call);
    if (consult.stage !== 'talking') throw new DomainError('CONFLICT', msg('consult.notAnswered', { name: consult.to.name }));
    consult.talkingTo = talkTo;
    return this.view(call, consult);
  }

  /** The agent's consult now, e.g. for their desk after a reload. */
  of(agentId: number): ConsultView | null {
    const agent = this.d.agents.get(agentId);
    const call = agent?.callId ? this.d.call(agent.callId) : undefined;
    return call?.consult && call.consult.fromAgentId === agentId ? this.view(call, call.consult) : null;
  }

  /** The call ended: its consult, if any, ends with it. */
  forget(call: LiveCall): void {
    if (call.consult) this.end(call, call.consult);
  }

  private ongoing(call: LiveCall): ActiveConsult {
    if (!call.consult) throw new DomainError('CONFLICT', msg('consult.none'));
    return call.consult;
  }

  /** The colleague to consult: the agent named, or the queue's free agent who has waited longest. */
  private pick(fromAgentId: number, target: TransferTarget): { colleague: LiveAgent; asked: TransferResult['to'] } {
    if (target.type === 'agent') {
      if (target.agentId === fromAgentId) throw new DomainError('VALIDATION', msg('transfer.toSelf'));
      const colleague = this.d.agents.get(target.agentId);
      if (!colleague) throw new DomainError('NOT_FOUND', msg('transfer.unknownTarget', { to: String(target.agentId) }));
      if (!this.d.agents.isFree(colleague)) throw new DomainError('CONFLICT', msg('transfer.targetNotFree', { name: colleague.def.displayName }));
      return { colleague, asked: { type: 'agent', id: colleague.def.id, name: colleague.def.displayName } };
    }
    const queue = this.d.queues().find((q) => q.id === target.queueId);
    if (!queue) throw new DomainError('NOT_FOUND', msg('transfer.unknownTarget', { to: String(target.queueId) }));
    const colleague = this.d.agents.freeIn(queue.id).find((a) => a.def.id !== fromAgentId);
    if (!colleague) throw new DomainError('CONFLICT', msg('consult.queueBusy', { queue: queue.displayName }));
    return { colleague, asked: { type: 'queue', id: queue.id, name: queue.displayName } };
  }

  /** Ends a consult that did not hand the call over: the colleague is free again, the log keeps it. */
  private end(call: LiveCall, consult: ActiveConsult): void {
    if (call.consult !== consult) return;
    call.consult = null;
    this.clearDialTimer(consult);
    this.d.control()?.endConsult?.(call.callId);
    const colleague = this.d.agents.get(consult.to.id);
    if (colleague && colleague.callId === call.callId) {
      colleague.callId = null;
      if (colleague.status.state === 'ringing') this.d.agents.apply(colleague, { type: 'offer_withdrawn' });
      else if (colleague.status.state === 'on_call') this.d.agents.apply(colleague, { type: 'consult_ended' });
    }
    this.d.facts.emit({
      type: 'consult-ended',
      callId: call.callId,
      interactionId: call.interactionId!,
      fromAgentId: consult.fromAgentId,
      toAgentId: consult.to.id,
      toQueueId: consult.asked.type === 'queue' ? consult.asked.id : null,
      reason: consult.context.reason,
      startedAt: consult.startedAt,
      at: this.d.clock.now(),
    });
  }

  private clearDialTimer(consult: ActiveConsult): void {
    if (consult.dialTimer === null) return;
    this.d.clock.clearTimeout(consult.dialTimer);
    consult.dialTimer = null;
  }

  private view(call: LiveCall, consult: ActiveConsult): ConsultView {
    return { callId: call.callId, to: consult.to, stage: consult.stage, talkingTo: consult.talkingTo, dial: consult.dial };
  }

  /** The call as the colleague's desk shows it: the customer's pop, with who consults and why. */
  private colleagueView(call: LiveCall, consult: ActiveConsult) {
    const view = queueCallView(call)!;
    return { ...view, state: 'ringing' as const, offeredAt: new Date(consult.startedAt).toISOString(), answeredAt: null, transfer: consult.context };
  }
}
