// The live state of every agent: what the ACD routes on, persisted as history and pushed to
// the agent's consoles on every change.
import type { AgentStatusView, LiveCallView } from '../../../contract/index.js';
import { applyAgentEvent, type AgentEvent, type AgentStatus } from './rules/agent-state.js';
import type { AgentSnapshot } from './rules/acd-routing.js';
import type { AgentDefinition } from './data/queue-directory.repository.js';
import type { CallLogRepository } from '../cti/data/call-log.repository.js';
import type { Clock } from '../platform/clock.js';
import type { SerialQueue } from '../platform/serial-queue.js';
import type { TelephonyNotifier } from './telephony-notifier.js';

export interface LiveAgent {
  def: AgentDefinition;
  status: AgentStatus;
  /** When the current state began (ms). */
  since: number;
  /** When the agent last became Ready (ms): the ACD offers the longest idle first. */
  idleSince: number;
  reachable: boolean;
  /** Console connections (tabs) open; the agent is logged out a while after the last closes. */
  connections: number;
  logoutTimer: unknown;
  wrapTimer: unknown;
  /** The call the agent is ringing for, talking on or wrapping up. */
  callId: string | null;
  /**
   * The call in after-call work: since when (to log the wrap-up time), until when the server
   * waits (null: no limit), its view (to show it after a reload), and `disposition` once given.
   */
  wrapOf: {
    interactionId: number | null;
    /** The call is still being logged: its id is on the way, and a disposition will be due. */
    logging: boolean;
    startedAt: number;
    endsAt: number | null;
    view: LiveCallView | null;
    disposition: string | null;
  } | null;
}

export class AgentRegistry {
  private readonly agents = new Map<number, LiveAgent>();

  constructor(
    private readonly log: CallLogRepository,
    private readonly writes: SerialQueue,
    private readonly notifier: TelephonyNotifier,
    private readonly clock: Clock,
  ) {}

  load(defs: AgentDefinition[]): void {
    const now = this.clock.now();
    for (const def of defs) {
      const existing = this.agents.get(def.id);
      if (existing) existing.def = def;
      else
        this.agents.set(def.id, {
          def,
          status: { state: 'logged_out', reason: null },
          since: now,
          idleSince: now,
          reachable: false,
          connections: 0,
          logoutTimer: null,
          wrapTimer: null,
          callId: null,
          wrapOf: null,
        });
    }
  }

  get(id: number): LiveAgent | undefined {
    return this.agents.get(id);
  }

  all(): LiveAgent[] {
    return [...this.agents.values()];
  }

  /** The agents the router may consider: only those whose phone can ring. */
  routable(): AgentSnapshot[] {
    return this.all()
      .filter((a) => a.reachable)
      .map((a) => ({
        id: a.def.id,
        status: a.status,
        idleSince: a.idleSince,
        queueIds: new Set(a.def.queueIds),
        skillIds: new Set(a.def.skillIds),
      }));
  }

  /** Applies one event through the state machine; persists and pushes the new state. */
  apply(agent: LiveAgent, event: AgentEvent): AgentStatus {
    const next = applyAgentEvent(agent.status, event);
    const now = this.clock.now();
    agent.status = next;
    agent.since = now;
    if (next.state === 'ready') agent.idleSince = now;
    if (next.state !== 'wrap_up' && agent.wrapTimer) {
      this.clock.clearTimeout(agent.wrapTimer);
      agent.wrapTimer = null;
    }
    const at = new Date(now);
    const id = agent.def.id;
    void this.writes.push(() => this.log.recordAgentState(id, next.state, next.reason, at));
    this.notifier.agentStateChanged(id, this.view(agent));
    return next;
  }

  view(agent: LiveAgent): AgentStatusView {
    return {
      state: agent.status.state,
      reason: agent.status.reason,
      since: new Date(agent.since).toISOString(),
      phoneReachable: agent.reachable,
      wrapUpEndsAt: agent.status.state === 'wrap_up' && agent.wrapOf?.endsAt != null ? new Date(agent.wrapOf.endsAt).toISOString() : null,
    };
  }
}
