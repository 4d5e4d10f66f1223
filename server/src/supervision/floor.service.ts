// The live wallboard: follows the ACD's call facts into the in-memory floor (floor-state.ts),
// rebuilds today's figures from the call log at start-up, starts a new day at midnight in the
// contact center's zone, and pushes what changed to the supervisors watching, coalesced: a burst
// of facts becomes one push of the rows it touched, at most COALESCE_MS after the first fact.
// Supervisors cost nothing but the push: a snapshot is read from memory, never the database.
import type { WallboardDelta, WallboardSnapshot, AgentState } from '../../../contract/index.js';
import type { CallFact } from '../acd/call-facts.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { NewestRead } from '../platform/newest-read.js';
import { FloorState, type MaskNumber } from './floor-state.js';
import type { FloorRepository } from './data/floor.repository.js';

/** A burst of facts waits at most this long before it is pushed (well inside the 1 s promise). */
export const COALESCE_MS = 200;
/** Queue settings and team memberships edited elsewhere reach the floor within this time. */
export const DEFINITIONS_REFRESH_MS = 60_000;

export interface DayBounds {
  start: Date;
  end: Date;
}

/** The ACD's live agents, at start-up (before facts flow). */
export interface LiveAgentState {
  id: number;
  state: AgentState;
  reason: string | null;
  since: number;
  reachable: boolean;
}

/** Where pushes go (the socket room of watching supervisors). */
export interface FloorNotifier {
  /** Whether anyone watches: nobody watching, nothing is computed. */
  watching(): boolean;
  changed(delta: WallboardDelta): void;
}

export interface FloorDeps {
  repo: FloorRepository;
  clock: Clock;
  log: Logger;
  /** The local day around an instant, in the contact center's zone (the business calendar's). */
  dayOf(at: Date): Promise<DayBounds>;
  timeZone(): Promise<string>;
  liveAgents(): LiveAgentState[];
  mask: MaskNumber;
  notifier: FloorNotifier;
}

export class FloorService {
  private state: FloorState;
  private teams: { id: number; name: string }[] = [];
  /** Overlapping definition reads keep the newest (loadDefinitions). */
  private readonly definitionReads = new NewestRead();
  private zone = 'UTC';
  private nextDay: DayBounds | null = null;
  private flushTimer: unknown = null;
  private dayTimer: unknown = null;
  private refreshTimer: unknown = null;
  private stopped = false;
  private started = false;

  constructor(private readonly d: FloorDeps) {
    const now = d.clock.now();
    this.state = new FloorState(now, now + 86_400_000, d.mask);
  }

  /** Today's bounds, definitions and figures so far (from the log); before the ACD starts. */
  async start(): Promise<void> {
    const now = this.d.clock.now();
    const [day, zone] = await Promise.all([this.d.dayOf(new Date(now)), this.d.timeZone()]);
    this.zone = zone;
    this.state = new FloorState(day.start.getTime(), day.end.getTime(), this.d.mask);
    await this.loadDefinitions();
    for (const a of this.d.liveAgents()) this.state.setAgentState(a.id, a.state, a.reason, a.since, a.reachable);
    await this.rebuild(day);
    this.started = true;
    await this.scheduleDay();
    this.scheduleRefresh();
  }

  /** The subscriber to the call facts. */
  readonly follow = (f: CallFact): void => {
    if (this.stopped) return;
    this.rollIfDue();
    this.state.apply(f);
    this.schedule();
  };

  snapshot(): WallboardSnapshot {
    this.rollIfDue();
    const now = this.d.clock.now();
    return {
      serverNow: new Date(now).toISOString(),
      dayStart: new Date(this.state.dayStart).toISOString(),
      dayEnd: new Date(this.state.dayEnd).toISOString(),
      timeZone: this.zone,
      teams: this.teams,
      queues: this.state.queueRows(null),
      agents: this.state.agentRows(null, now),
    };
  }

  /** Reads the queues and agents again (an admin changed them); the floor keeps its figures. */
  async reload(): Promise<void> {
    await this.loadDefinitions();
    this.schedule();
  }

  /** For tests and the end-of-day check: the floor as it stands. */
  get floor(): FloorState {
    return this.state;
  }

  /** Pushes what changed now (the coalescing timer's work; tests call it to skip the wait). */
  flush(): void {
    this.d.clock.clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (!this.state.dirty) return;
    // Nobody watches: the changes are dropped, and the next watcher's snapshot has them anyway.
    const changes = this.state.takeChanges();
    if (!this.d.notifier.watching()) return;
    const now = this.d.clock.now();
    this.d.notifier.changed({
      serverNow: new Date(now).toISOString(),
      dayStart: new Date(this.state.dayStart).toISOString(),
      dayEnd: new Date(this.state.dayEnd).toISOString(),
      queues: this.state.queueRows(changes.queues),
      agents: this.state.agentRows(changes.agents, now),
      removedAgentIds: changes.removed,
      full: changes.full,
    });
  }

  stop(): void {
    this.stopped = true;
    for (const t of [this.flushTimer, this.dayTimer, this.refreshTimer]) this.d.clock.clearTimeout(t);
  }

  private schedule(): void {
    if (this.flushTimer !== null || !this.state.dirty) return;
    this.flushTimer = this.d.clock.setTimeout(() => this.flush(), COALESCE_MS);
  }

  private async loadDefinitions(): Promise<void> {
    // Reads overlap (an admin's save, the minute's refresh).
    await this.definitionReads.run(
      () => Promise.all([this.d.repo.queues(), this.d.repo.agents(), this.d.repo.teams()]),
      ([queues, agents, teams]) => {
        this.teams = teams;
        this.state.define(queues, agents, this.d.clock.now());
      },
    );
  }

  private async rebuild(day: DayBounds): Promise<void> {
    const [calls, states] = await Promise.all([this.d.repo.queueCalls(day.start, day.end), this.d.repo.agentStates(day.start, day.end)]);
    this.state.rebuildCalls(calls);
    this.state.rebuildStates(states);
  }

  /** Midnight passed: the next day's bounds are known ahead, so the switch is immediate. */
  private rollIfDue(): void {
    const now = this.d.clock.now();
    if (!this.started || now < this.state.dayEnd || !this.nextDay) return;
    const next = this.nextDay;
    this.nextDay = null;
    this.state.startDay(next.start.getTime(), next.end.getTime(), now);
    this.schedule();
    void this.scheduleDay();
  }

  /** Finds the next day's bounds ahead of time and sets the timer for midnight. */
  private scheduleDay(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const end = this.state.dayEnd;
    return this.d
      .dayOf(new Date(end))
      .then((next) => {
        this.nextDay = next;
        this.d.clock.clearTimeout(this.dayTimer);
        this.dayTimer = this.d.clock.setTimeout(() => this.rollIfDue(), Math.max(0, end - this.d.clock.now()));
      })
      .catch((err: unknown) => this.d.log.error({ err }, 'the wallboard could not find the next day'));
  }

  private scheduleRefresh(): void {
    if (this.stopped) return;
    this.refreshTimer = this.d.clock.setTimeout(() => {
      this.reload()
        .catch((err: unknown) => this.d.log.error({ err }, 'the wallboard could not read the queues and agents'))
        .finally(() => this.scheduleRefresh());
    }, DEFINITIONS_REFRESH_MS);
  }
}
