// What a supervisor can do to the ACD's live state: force an agent Not ready or log them out
// (at once between calls, else when the call's work ends: rules/forced-state.ts), and pull a
// waiting call to another queue or to a named agent. Who may do it to whom is decided by the
// supervision room; this only keeps the ACD's own rules (no agent gets two calls, a ringing
// offer is not snatched, the state machine allows every move).
import type { AgentState } from '../../../contract/index.js';
import { DomainError } from '../platform/domain-error.js';
import { msg } from '../platform/i18n/message.js';
import type { AgentRegistry, LiveAgent } from './agent-registry.js';
import type { QueueDefinition } from './data/queue-directory.repository.js';
import type { Dispatcher } from './dispatch.js';
import type { LiveCall } from './live-call.js';
import { forcedChangeTiming, type ForcedState } from './rules/forced-state.js';

interface Deps {
  agents: AgentRegistry;
  dispatcher: Dispatcher;
  queues(): readonly QueueDefinition[];
  calls(): Iterable<LiveCall>;
  call(callId: string): LiveCall | undefined;
  /** Moves a waiting call to another queue (the overflow's move). */
  requeue(call: LiveCall, queue: QueueDefinition, by: 'overflow' | 'supervisor'): void;
}

export interface ForcedChange {
  applied: 'now' | 'after_call';
  state: AgentState;
}

export type PullTarget = { kind: 'queue'; queueId: number } | { kind: 'agent'; agentId: number; wake: boolean };

export class FloorControl {
  constructor(private readonly d: Deps) {}

  /** Not ready with the supervisor's reason, now or once the agent's call and wrap-up end. */
  forceNotReady(agentId: number, reason: string): ForcedChange {
    return this.force(agentId, { to: 'not_ready', reason }, { type: 'set_not_ready', reason });
  }

  /** Logged out (the reason tells their desk who did it), now or once the call's work ends. */
  logOut(agentId: number, reason: string): ForcedChange {
    return this.force(agentId, { to: 'logged_out', reason }, { type: 'logout', reason });
  }

  /** The calls waiting for an agent (ringing ones included), oldest first. */
  waiting(): LiveCall[] {
    const out: LiveCall[] = [];
    for (const c of this.d.calls()) if (!c.ended && c.agentId === null && c.interactionId !== null) out.push(c);
    return out.sort((a, b) => a.queuedAt - b.queuedAt);
  }

  pull(callId: string, to: PullTarget): void {
    const call = this.d.call(callId);
    if (!call || call.ended || call.agentId !== null || call.interactionId === null) throw new DomainError('CONFLICT', msg('floor.callNotWaiting'));
    // The agent whose phone rings may be answering this very moment.
    if (call.offer) throw new DomainError('CONFLICT', msg('floor.callRinging'));
    if (to.kind === 'queue') {
      const queue = this.d.queues().find((q) => q.id === to.queueId);
      if (!queue) throw new DomainError('NOT_FOUND', msg('floor.noSuchQueue'));
      if (queue.id === call.queue.id) throw new DomainError('CONFLICT', msg('floor.sameQueue'));
      this.d.requeue(call, queue, 'supervisor');
      return;
    }
    const agent = this.d.agents.get(to.agentId);
    if (!agent) throw new DomainError('NOT_FOUND', msg('floor.notAnAgent'));
    if (!agent.reachable) throw new DomainError('CONFLICT', msg('floor.phoneNotConnected'));
    // The supervisor taking the call themselves is Ready for it by taking it; a named agent
    // must already be Ready (one on a break is not rung behind their back).
    if (to.wake && agent.status.state === 'not_ready') this.d.agents.apply(agent, { type: 'set_ready' });
    if (!this.d.agents.isFree(agent)) throw new DomainError('CONFLICT', msg('floor.agentNotFree'));
    this.d.dispatcher.offerTo(call, agent);
  }

  private force(agentId: number, change: ForcedState, now: Parameters<AgentRegistry['apply']>[1]): ForcedChange {
    const agent = this.mustGet(agentId);
    const timing = forcedChangeTiming(agent.status.state);
    if (timing === 'not_signed_in') throw new DomainError('CONFLICT', msg('floor.agentNotSignedIn'));
    if (timing === 'now') {
      this.d.agents.apply(agent, now);
      return { applied: 'now', state: agent.status.state };
    }
    agent.forced = change;
    return { applied: 'after_call', state: agent.status.state };
  }

  private mustGet(agentId: number): LiveAgent {
    const agent = this.d.agents.get(agentId);
    if (!agent) throw new DomainError('NOT_FOUND', msg('floor.notAnAgent'));
    return agent;
  }
}
