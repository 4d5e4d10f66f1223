// The live floor in memory: every queue's waiting callers and today's tallies, every agent's
// state, current call and today's tallies, kept up to date from the ACD's call facts. No I/O:
// FloorService feeds it, rebuilds it at start-up from the call log, and publishes what changed.
import type { AgentFloorCall, AgentFloorRow, AgentState, LiveCallView, QueueFloorRow } from '../../../contract/index.js';
import type { CallFact } from '../acd/call-facts.js';
import {
  callAnswered,
  callArrived,
  callEndedUnanswered,
  callHandled,
  callWrapped,
  emptyTally,
  queueFigures,
  tallyLoggedCall,
  type CallTally,
  type LoggedCall,
  type ServiceLevelSetting,
} from './rules/call-metrics.js';
import { addStateTime, agentFigures, emptyAgentTally, type AgentTally } from './rules/agent-metrics.js';

import type { FloorAgent, FloorAgentDef, FloorQueue, FloorQueueDef, LoggedAgentState, LoggedQueueCall, MaskNumber, TrackedCall } from './floor-records.js';

export type { FloorAgentDef, FloorQueueDef, LoggedAgentState, LoggedQueueCall, MaskNumber } from './floor-records.js';

export class FloorState {
  private readonly queues = new Map<number, FloorQueue>();
  private readonly agents = new Map<number, FloorAgent>();
  /** Queue calls by call id, from arrival to their end. */
  private readonly calls = new Map<string, TrackedCall>();
  /** Ended calls whose wrap-up is still to come, by interaction id. */
  private readonly wrapping = new Map<number, TrackedCall>();
  readonly dirtyQueues = new Set<number>();
  readonly dirtyAgents = new Set<number>();
  readonly removedAgents = new Set<number>();
  /** The whole floor must be sent again (a new day, new definitions). */
  full = false;

  constructor(
    public dayStart: number,
    public dayEnd: number,
    private readonly mask: MaskNumber,
  ) {}

  get dirty(): boolean {
    return this.full || this.dirtyQueues.size > 0 || this.dirtyAgents.size > 0 || this.removedAgents.size > 0;
  }

  /**
   * Queues and agents as now defined; tallies and live state of those kept are kept. Only what
   * changed is sent again (definitions are read every minute; most reads change nothing).
   */
  define(queues: FloorQueueDef[], agents: FloorAgentDef[], now: number): void {
    const keepQ = new Set(queues.map((q) => q.id));
    for (const id of this.queues.keys()) {
      if (!keepQ.has(id)) {
        this.queues.delete(id);
        this.full = true;
      }
    }
    for (const def of queues) {
      const q = this.queues.get(def.id);
      if (q && sameDefinition(q.def, def)) continue;
      if (q) q.def = def;
      else this.queues.set(def.id, { def, tally: emptyTally(), waiting: new Map() });
      this.dirtyQueues.add(def.id);
    }
    const keepA = new Set(agents.map((a) => a.id));
    for (const id of this.agents.keys()) {
      if (!keepA.has(id)) {
        this.agents.delete(id);
        this.removedAgents.add(id);
        this.full = true;
      }
    }
    for (const def of agents) {
      const a = this.agents.get(def.id);
      if (a && sameDefinition(a.def, def)) continue;
      if (a) a.def = def;
      else
        this.agents.set(def.id, { def, state: 'logged_out', reason: null, since: now, reachable: false, call: null, tally: emptyAgentTally() });
      // Staffing counts follow memberships: every queue may have changed.
      this.touchAgent(this.agents.get(def.id)!);
      for (const q of this.queues.keys()) this.dirtyQueues.add(q);
    }
  }

  /** The agent's state as the ACD holds it (at start-up, before facts flow). */
  setAgentState(id: number, state: AgentState, reason: string | null, since: number, reachable: boolean): void {
    const a = this.agents.get(id);
    if (!a) return;
    a.state = state;
    a.reason = reason;
    a.since = since;
    a.reachable = reachable;
  }

  /** A new day began at `dayStart`: today's tallies start again; live state stays. */
  startDay(dayStart: number, dayEnd: number, now: number): void {
    // The running states count for the old day up to its end, then for the new one from its start.
    for (const a of this.agents.values()) {
      a.tally = emptyAgentTally();
      if (a.since < dayStart) a.since = Math.min(now, dayStart);
    }
    for (const q of this.queues.values()) q.tally = emptyTally();
    for (const c of this.calls.values()) c.today = false;
    for (const c of this.wrapping.values()) c.today = false;
    this.dayStart = dayStart;
    this.dayEnd = dayEnd;
    this.full = true;
  }

  /** Folds today's logged calls in (start-up: the log holds what happened before this run). */
  rebuildCalls(calls: LoggedQueueCall[]): void {
    for (const c of calls) {
      const q = this.queues.get(c.queueId);
      if (q) tallyLoggedCall(q.tally, c);
      const a = c.agentId === null ? undefined : this.agents.get(c.agentId);
      if (a && c.answered) tallyLoggedCall(a.tally.calls, c);
    }
    this.full = true;
  }

  /** Folds today's logged agent states in (closed ones; the open one is the live state). */
  rebuildStates(states: LoggedAgentState[]): void {
    for (const s of states) {
      const a = this.agents.get(s.userId);
      if (!a || s.endedAt === null) continue;
      addStateTime(a.tally, s.state, s.startedAt, s.endedAt, this.dayStart, this.dayEnd);
    }
    this.full = true;
  }

  apply(f: CallFact): void {
    switch (f.type) {
      case 'agent-state-changed': {
        const a = this.agents.get(f.agentId);
        if (!a) return;
        addStateTime(a.tally, a.state, a.since, f.at, this.dayStart, this.dayEnd);
        a.state = f.status.state;
        a.reason = f.status.reason;
        a.since = f.at;
        a.reachable = f.view.phoneReachable;
        if (a.state !== 'ringing' && a.state !== 'on_call' && a.state !== 'wrap_up') a.call = null;
        return this.touchAgent(a);
      }
      case 'agent-reachability-changed': {
        const a = this.agents.get(f.agentId);
        if (!a) return;
        a.reachable = f.view.phoneReachable;
        return void this.dirtyAgents.add(a.def.id);
      }
      case 'call-queued': {
        const today = f.at >= this.dayStart;
        this.calls.set(f.callId, { queueId: f.queueId, agentId: null, today });
        const q = this.queues.get(f.queueId);
        if (!q) return;
        q.waiting.set(f.callId, f.at);
        if (today) callArrived(q.tally);
        return void this.dirtyQueues.add(q.def.id);
      }
      case 'call-requeued': {
        const c = this.calls.get(f.callId);
        if (!c) return;
        const from = this.queues.get(c.waitingIn ?? c.queueId);
        const since = from?.waiting.get(f.callId);
        from?.waiting.delete(f.callId);
        c.waitingIn = f.toQueueId;
        const to = this.queues.get(f.toQueueId);
        if (to && since !== undefined) to.waiting.set(f.callId, since);
        if (from) this.dirtyQueues.add(from.def.id);
        return void this.dirtyQueues.add(f.toQueueId);
      }
      case 'call-refused': {
        const q = this.queues.get(f.queueId);
        if (!q || f.at < this.dayStart) return;
        callArrived(q.tally);
        callEndedUnanswered(q.tally, 'busy', 0);
        return void this.dirtyQueues.add(q.def.id);
      }
      case 'call-offered':
      case 'call-held':
      case 'call-resumed':
      case 'direct-call-shown':
        return this.showCall(f.agentId, f.view);
      case 'offer-ended': {
        const a = this.agents.get(f.agentId);
        if (f.outcome === 'answered' || !a || a.call?.callId !== f.callId) return;
        a.call = null;
        return void this.dirtyAgents.add(a.def.id);
      }
      case 'call-answered': {
        const c = this.calls.get(f.callId);
        if (c) {
          c.agentId = f.agentId;
          const q = this.queues.get(c.queueId);
          this.stopWaiting(f.callId, c);
          if (q && c.today) callAnswered(q.tally, f.waitSeconds);
          const a = this.agents.get(f.agentId);
          if (a && c.today) callAnswered(a.tally.calls, f.waitSeconds);
          this.dirtyQueues.add(c.queueId);
        }
        return this.showCall(f.agentId, f.view);
      }
      case 'call-ended': {
        const c = this.calls.get(f.callId);
        if (!c) return;
        this.calls.delete(f.callId);
        const q = this.queues.get(c.queueId);
        this.stopWaiting(f.callId, c);
        this.dirtyQueues.add(c.queueId);
        const a = f.agentId === null ? undefined : this.agents.get(f.agentId);
        if (f.agentId !== null) {
          // Answered: its wrap-up time comes later, and counts where the call counted.
          this.wrapping.set(f.interactionId, c);
          if (q && c.today) callHandled(q.tally, f.talkSeconds ?? 0, f.holdSeconds);
          if (a && c.today) callHandled(a.tally.calls, f.talkSeconds ?? 0, f.holdSeconds);
        } else if (q && c.today) {
          callEndedUnanswered(q.tally, f.reason, f.waitSeconds);
        }
        if (a?.call?.callId === f.callId) {
          a.call = { ...a.call, state: 'wrap_up' };
          this.touchAgent(a);
        }
        return;
      }
      case 'wrap-up-ended': {
        const c = this.wrapping.get(f.interactionId);
        const a = this.agents.get(f.agentId);
        if (c) {
          this.wrapping.delete(f.interactionId);
          const q = this.queues.get(c.queueId);
          if (q && c.today) callWrapped(q.tally, f.seconds);
          if (a && c.today) callWrapped(a.tally.calls, f.seconds);
          this.dirtyQueues.add(c.queueId);
        }
        if (a) this.dirtyAgents.add(a.def.id);
        return;
      }
      case 'call-transferred': {
        // The transferring agent's part is over; the call shows on whoever takes it next.
        const a = this.agents.get(f.fromAgentId);
        if (a?.call?.callId !== f.callId) return;
        a.call = { ...a.call, state: 'wrap_up' };
        return this.touchAgent(a);
      }
      case 'transfer-answered':
        return this.showCall(f.agentId, f.view);
      case 'consult-offered':
      case 'consult-answered':
      case 'consult-ended':
        return; // the consulted agent's state changes show them busy; the call stays on its agent
      case 'direct-call-ended': {
        const a = this.agents.get(f.agentId);
        if (!a || a.call?.callId !== f.callId) return;
        a.call = null;
        return void this.dirtyAgents.add(a.def.id);
      }
      default:
        return assertNever(f);
    }
  }

  /** The caller no longer waits, in whichever queue they were waiting. */
  private stopWaiting(callId: string, c: TrackedCall): void {
    this.queues.get(c.queueId)?.waiting.delete(callId);
    if (c.waitingIn === undefined) return;
    this.queues.get(c.waitingIn)?.waiting.delete(callId);
    this.dirtyQueues.add(c.waitingIn);
  }

  private showCall(agentId: number, view: LiveCallView): void {
    const a = this.agents.get(agentId);
    if (!a) return;
    const single = view.screenPop.matches.length === 1 ? view.screenPop.matches[0]! : null;
    a.call = {
      callId: view.callId,
      callerName: single?.name ?? null,
      callerNumber: this.mask(view.callerNumber),
      queueName: view.queueName,
      state: view.state,
      answeredAt: view.answeredAt,
    };
    this.dirtyAgents.add(agentId);
  }

  /** The agent's row changed, and so did the staffing counts of their queues. */
  private touchAgent(a: FloorAgent): void {
    this.dirtyAgents.add(a.def.id);
    for (const q of a.def.queueIds) this.dirtyQueues.add(q);
  }

  // ── reading ───────────────────────────────────────────────────────────────

  queueRows(ids: Iterable<number> | null): QueueFloorRow[] {
    const staffing = this.staffing();
    const out: QueueFloorRow[] = [];
    for (const id of ids ?? this.queues.keys()) {
      const q = this.queues.get(id);
      if (!q) continue;
      let oldest: number | null = null;
      for (const at of q.waiting.values()) if (oldest === null || at < oldest) oldest = at;
      const figures = queueFigures(q.tally, q.def.serviceLevel);
      out.push({
        queueId: q.def.id,
        name: q.def.name,
        teamId: q.def.teamId,
        serviceLevelSetting: q.def.serviceLevel,
        waiting: q.waiting.size,
        oldestWaitingSince: oldest === null ? null : new Date(oldest).toISOString(),
        agents: staffing.get(id) ?? { ready: 0, onCall: 0, wrapUp: 0, notReady: 0 },
        today: {
          offered: figures.offered,
          answered: figures.answered,
          abandoned: figures.abandoned,
          shortAbandoned: figures.shortAbandoned,
          unanswered: figures.unanswered,
          answeredWithinThreshold: figures.answeredWithinThreshold,
          serviceLevel: figures.serviceLevel,
          asaSeconds: figures.asaSeconds,
          ahtSeconds: figures.ahtSeconds,
          abandonmentRate: figures.abandonmentRate,
        },
      });
    }
    return out;
  }

  agentRows(ids: Iterable<number> | null, now: number): AgentFloorRow[] {
    const out: AgentFloorRow[] = [];
    for (const id of ids ?? this.agents.keys()) {
      const a = this.agents.get(id);
      if (!a) continue;
      out.push({
        userId: a.def.id,
        displayName: a.def.displayName,
        teamId: a.def.teamId,
        queueIds: a.def.queueIds,
        state: a.state,
        reason: a.reason,
        since: new Date(a.since).toISOString(),
        phoneReachable: a.reachable,
        call: a.call,
        today: agentFigures(this.agentTallyAt(a, now), this.windowAt(now)),
        figuresAt: new Date(now).toISOString(),
      });
    }
    return out;
  }

  /** Today so far, in ms. */
  windowAt(now: number): number {
    return Math.max(0, Math.min(now, this.dayEnd) - this.dayStart);
  }

  /** The agent's tally with the running state counted up to `now`. */
  agentTallyAt(a: FloorAgent, now: number): AgentTally {
    const t: AgentTally = { calls: a.tally.calls, stateMs: { ...a.tally.stateMs } };
    addStateTime(t, a.state, a.since, now, this.dayStart, this.dayEnd);
    return t;
  }

  /** For the end-of-day comparison with the reports: the tallies as they stand. */
  queueTally(id: number): CallTally | undefined {
    return this.queues.get(id)?.tally;
  }

  agentTally(id: number, now: number): AgentTally | undefined {
    const a = this.agents.get(id);
    return a ? this.agentTallyAt(a, now) : undefined;
  }

  takeChanges(): { queues: number[] | null; agents: number[] | null; removed: number[]; full: boolean } {
    const full = this.full;
    const r = {
      queues: full ? null : [...this.dirtyQueues],
      agents: full ? null : [...this.dirtyAgents],
      removed: [...this.removedAgents],
      full,
    };
    this.full = false;
    this.dirtyQueues.clear();
    this.dirtyAgents.clear();
    this.removedAgents.clear();
    return r;
  }

  /** Per queue, its members by state now. */
  private staffing(): Map<number, QueueFloorRow['agents']> {
    const m = new Map<number, QueueFloorRow['agents']>();
    for (const a of this.agents.values()) {
      const key = STAFFING_KEY[a.state];
      if (!key) continue;
      for (const q of a.def.queueIds) {
        let row = m.get(q);
        if (!row) m.set(q, (row = { ready: 0, onCall: 0, wrapUp: 0, notReady: 0 }));
        row[key] += 1;
      }
    }
    return m;
  }
}

const STAFFING_KEY: Record<AgentState, keyof QueueFloorRow['agents'] | null> = {
  logged_out: null,
  ready: 'ready',
  ringing: 'onCall',
  on_call: 'onCall',
  wrap_up: 'wrapUp',
  not_ready: 'notReady',
};

function sameDefinition(a: object, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function assertNever(x: never): never {
  throw new Error(`unhandled call fact ${JSON.stringify(x)}`);
}
