// The live state of every agent: what the ACD routes on. Every change is a fact (the call log
// keeps the history, the agent's consoles hear it). The agents free to take a call are kept
// indexed per queue in longest-idle order, updated as states change, so routing never has to
// look at every agent.
import type { AgentStatusView, LiveCallView } from '../../../contract/index.js';
import { applyAgentEvent, canTakeOffer, type AgentEvent, type AgentStatus } from './rules/agent-state.js';
import { byPreferenceIn, type FreeAgent } from './rules/acd-routing.js';
import type { AgentDefinition } from './data/queue-directory.repository.js';
import type { Clock } from '../platform/clock.js';
import type { CallFacts } from './call-facts.js';

export interface LiveAgent extends FreeAgent {
  def: AgentDefinition;
  /** The definition's skills as a set, built once per load (routing reads it). */
  skillIds: ReadonlySet<number>;
  /** The definition's levels per queue, built once per load (routing orders by it). */
  levels: ReadonlyMap<number, number>;
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

const NONE: readonly LiveAgent[] = [];

export class AgentRegistry {
  private readonly agents = new Map<number, LiveAgent>();
  /** Per queue, its members who can take a call now, in preference order. */
  private readonly free = new Map<number, LiveAgent[]>();
  private freeCount = 0;

  constructor(
    private readonly facts: CallFacts,
    private readonly clock: Clock,
  ) {}

  load(defs: AgentDefinition[]): void {
    const now = this.clock.now();
    // Someone no longer listed (deactivated, or no longer a call-taking role) keeps a call in
    // progress but leaves every queue, so nothing new is offered to them.
    const listed = new Set(defs.map((d) => d.id));
    for (const a of this.agents.values()) {
      if (!listed.has(a.id)) {
        a.def = { ...a.def, queueIds: [], skillIds: [], levels: {} };
        a.skillIds = new Set();
        a.levels = new Map();
      }
    }
    for (const def of defs) {
      const existing = this.agents.get(def.id);
      if (existing) {
        existing.def = def;
        existing.skillIds = new Set(def.skillIds);
        existing.levels = levelsOf(def);
      } else
        this.agents.set(def.id, {
          id: def.id,
          def,
          skillIds: new Set(def.skillIds),
          levels: levelsOf(def),
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
    // Memberships may have changed: index afresh (a reload is rare, a dispatch is not).
    this.free.clear();
    this.freeCount = 0;
    for (const a of this.agents.values()) this.index(a);
  }

  get(id: number): LiveAgent | undefined {
    return this.agents.get(id);
  }

  all(): LiveAgent[] {
    return [...this.agents.values()];
  }

  /** The queue's members who can take a call now (Ready, phone reachable), in preference order (highest level, then longest idle). */
  freeIn(queueId: number): readonly LiveAgent[] {
    return this.free.get(queueId) ?? NONE;
  }

  /** Whether any agent at all can take a call now: when none can, routing has nothing to do. */
  anyFree(): boolean {
    return this.freeCount > 0;
  }

  /** The agent's phone came or went: tells their console, and routing follows. */
  setReachable(agent: LiveAgent, reachable: boolean, announce: boolean): void {
    this.unindex(agent);
    agent.reachable = reachable;
    this.index(agent);
    if (announce) this.facts.emit({ type: 'agent-reachability-changed', agentId: agent.def.id, view: this.view(agent) });
  }

  /** Applies one event through the state machine; the new state is a fact. */
  apply(agent: LiveAgent, event: AgentEvent): AgentStatus {
    const next = applyAgentEvent(agent.status, event);
    const now = this.clock.now();
    this.unindex(agent);
    agent.status = next;
    agent.since = now;
    if (next.state === 'ready') agent.idleSince = now;
    this.index(agent);
    if (next.state !== 'wrap_up' && agent.wrapTimer) {
      this.clock.clearTimeout(agent.wrapTimer);
      agent.wrapTimer = null;
    }
    this.facts.emit({ type: 'agent-state-changed', agentId: agent.def.id, status: next, at: now, view: this.view(agent) });
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

  /** Whether the agent can take a call now: Ready, with a phone that can ring. */
  isFree(agent: LiveAgent): boolean {
    return agent.reachable && canTakeOffer(agent.status);
  }

  private index(agent: LiveAgent): void {
    if (!this.isFree(agent)) return;
    this.freeCount += 1;
    for (const q of agent.def.queueIds) {
      let line = this.free.get(q);
      if (!line) this.free.set(q, (line = []));
      line.splice(insertionPoint(line, agent, q), 0, agent);
    }
  }

  private unindex(agent: LiveAgent): void {
    if (!this.isFree(agent)) return;
    this.freeCount -= 1;
    for (const q of agent.def.queueIds) {
      const line = this.free.get(q);
      const at = line ? line.indexOf(agent) : -1;
      if (at >= 0) line!.splice(at, 1);
    }
  }
}

const levelsOf = (def: AgentDefinition): ReadonlyMap<number, number> => new Map(Object.entries(def.levels ?? {}).map(([q, l]) => [Number(q), l]));

/** Where the agent goes in a queue's line in preference order (binary search). */
function insertionPoint(line: readonly LiveAgent[], agent: LiveAgent, queueId: number): number {
  const order = byPreferenceIn(queueId);
  let lo = 0;
  let hi = line.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(line[mid]!, agent) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
