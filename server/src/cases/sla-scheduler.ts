// The SLA sweep: every case with something new is read against its clocks; it is marked at
// risk or breached, and escalations go to the assignee's supervisor (and one level further for
// breached complaints). All state is in the database, so a restart neither repeats nor skips a
// firing: each case keeps what it already passed (case_sla.state) and the escalations table
// refuses a second row for the same deadline.
//
// Cost: which cases have something new is decided in SQL over the sweep's working set, case_sla
// (one narrow row per running case, kept in step by the case service): the due condition
// (data/sla-due.sql.ts) compares the copied instants with now and with the levels already
// passed, so a quiet case is never read into the server nor written. A pass starts with one
// scan for the ids of the cases due (all a pass with nothing new costs); those cases are then
// read in batches, decided by checkCase (rules/sla-sweep.ts, the one rule for what fires), and
// written back in one set-based statement per batch; the cases themselves are read only for the
// escalations that have someone to tell.
//
// The event loop: a batch's decisions are synchronous work, so a batch is small (BATCH rows),
// decided and notified in slices of at most SLICE_MS, its notifications go out as soon as it is
// committed, and the sweep lets other work run between batches. A catch-up after a long outage
// (every open case firing) is thus spread over many short turns instead of one long one.
//
// Two servers: each batch runs under a transaction-level advisory lock, so only one server
// sweeps at a time; a server that finds the lock taken leaves the work to the other. A batch
// asks the due condition again under the lock, so a case the other server swept after this
// one's scan is not decided twice, and the escalations' unique key refuses a second firing.
import type { Knex } from 'knex';
import type { EscalationView } from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import { DEFAULT_ESCALATION_OPTIONS, type Escalation } from './rules/escalation.js';
import { checkCase, sameSweepState, type Level2Point } from './rules/sla-sweep.js';
import { addDuration } from './rules/sla-duration.js';
import { targetsFor } from './rules/sla-policy.js';
import type { BusinessCalendar } from './rules/business-calendar.js';
import type { SlaPolicy } from './rules/sla-policy.js';
import type { Logger } from '../platform/logger.js';
import type { Clock } from '../platform/clock.js';
import type { SlaSettings } from './sla-settings.js';
import { claimDue, dueIds, takeSweepLock, writeBatch, type SweepRow, type SweepWrite } from './data/sla-sweep.repository.js';

/**
 * Cases per batch: small enough that deciding one (and building its writes) stays a few
 * milliseconds of synchronous work, large enough that a catch-up is not round trips.
 */
const BATCH = 1_000;
/** Share of the budget at which a breached complaint goes one level up (rules/escalation.ts). */
const LEVEL2_AT = DEFAULT_ESCALATION_OPTIONS.level2AtUsedFraction;

/** Lets timers, I/O and other requests run before the next batch. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/**
 * The longest stretch of decisions (or notifications) made without letting other work run.
 * Deciding a case that has just breached may compute its level-2 instant on the business
 * calendar, so even a small batch can take longer than this on a busy machine; the batch then
 * pauses between cases.
 */
const SLICE_MS = 10;

/** Calls `each` on every item, letting other work run whenever a stretch passes SLICE_MS. */
async function eachInSlices<T>(items: readonly T[], each: (item: T) => void): Promise<void> {
  let start = performance.now();
  for (const item of items) {
    if (performance.now() - start > SLICE_MS) {
      await yieldToEventLoop();
      start = performance.now();
    }
    each(item);
  }
}

export interface EscalationNotifier {
  escalationRaised(userId: number, view: EscalationView): void;
}

export interface SweepResult {
  /** Cases the due condition selected and the sweep read and decided. */
  checked: number;
  fired: number;
}

type Raised = { userId: number; view: EscalationView }[];

interface Chain {
  managerOf: Map<number, number | null>;
  supervisorOf: Map<number, number | null>;
}

export class SlaScheduler {
  private timer: unknown = null;
  private running: Promise<SweepResult> | null = null;

  constructor(
    private readonly d: { db: Db; sla: SlaSettings; clock: Clock; log: Logger; notifier: EscalationNotifier },
    private readonly intervalMs: number,
    /** Cases per batch (tests make it small to span several). */
    private readonly batch = BATCH,
  ) {}

  /**
   * Sweeps at once, then every interval: after a start-up (or a long outage) the escalations due
   * meanwhile go out straight away, not an interval later.
   */
  start(): void {
    const tick = (ms: number) => {
      this.timer = this.d.clock.setTimeout(() => {
        void this.sweep()
          .catch((err) => this.d.log.error({ err }, 'SLA sweep failed'))
          .finally(() => {
            if (this.timer !== null) tick(this.intervalMs);
          });
      }, ms);
    };
    tick(0);
  }

  async stop(): Promise<void> {
    this.d.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass over every case due for a check; a second caller waits for the pass under way. */
  sweep(): Promise<SweepResult> {
    if (!this.running) this.running = this.sweepAll().finally(() => (this.running = null));
    return this.running;
  }

  private async sweepAll(): Promise<SweepResult> {
    const now = new Date(this.d.clock.now());
    const total: SweepResult = { checked: 0, fired: 0 };
    const ids = await dueIds(this.d.db, now);
    if (ids.length === 0) return total;
    const { calendar, policy } = await this.d.sla.rules();
    const chain = await this.loadChain();
    for (let from = 0; from < ids.length; from += this.batch) {
      const raised: Raised = [];
      const checked = await this.d.db.transaction(async (trx) => {
        if (!(await takeSweepLock(trx))) return null; // another server is sweeping: it takes the rest
        const due = await claimDue(trx, now, ids.slice(from, from + this.batch));
        if (due.length) total.fired += await this.process(trx, due, now, calendar, policy, chain, raised);
        return due.length;
      });
      if (checked === null) break;
      // Committed: the people concerned hear of it now, not when the whole pass is done.
      await eachInSlices(raised, (r) => this.d.notifier.escalationRaised(r.userId, r.view));
      total.checked += checked;
      await yieldToEventLoop();
    }
    if (total.fired) this.d.log.info(total, 'SLA sweep fired escalations');
    return total;
  }

  private async process(
    trx: Knex.Transaction,
    rows: SweepRow[],
    now: Date,
    calendar: BusinessCalendar,
    policy: SlaPolicy,
    chain: Chain,
    raised: Raised,
  ): Promise<number> {
    const nowMs = now.getTime();
    const writes: SweepWrite[] = [];
    await eachInSlices(rows, (row) => {
      const stored = row.state ?? {};
      const check = checkCase(
        {
          kind: row.kind,
          running: true, // only running cases are in the set
          acknowledge: { dueAt: row.ack_due, atRiskAt: row.ack_risk, stoppedAt: row.ack_stop, pausedAt: null },
          resolve: { dueAt: row.res_due, atRiskAt: row.res_risk, stoppedAt: null, pausedAt: row.paused },
          state: stored,
        },
        nowMs,
        level2Point(policy, calendar, row),
      );
      const state = sameSweepState(check.state, stored) ? null : JSON.stringify(check.state);
      const status = check.status === row.sla_status ? null : check.status;
      // Selected but unchanged: only a breached complaint whose policy gives no level-2 instant.
      if (state === null && status === null) return;
      // Written only where the row is still the one read: a user's change in between asks for a
      // fresh decision (on the next pass), which this one, made on older data, must not undo.
      writes.push({
        id: Number(row.id),
        state,
        status,
        version: row.version,
        fire: check.fire.map((e) => ({
          clock: e.clock,
          level: e.level,
          dueAtMs: (e.clock === 'acknowledge' ? row.ack_due : row.res_due)!,
          toUserId: this.recipient(chain, row, e),
        })),
      });
    });
    const fired = await writeBatch(trx, writes, now);
    await eachInSlices(fired, (f) => {
      if (f.to_user_id === null || f.number === null) return; // nobody to tell
      raised.push({
        userId: f.to_user_id,
        view: {
          id: Number(f.id),
          caseId: Number(f.ticket_id),
          caseNumber: f.number,
          caseKind: f.kind!,
          subject: f.subject!,
          customerName: f.customer_name!,
          assigneeName: f.assignee_name,
          clock: f.clock,
          level: f.level,
          dueAt: f.due_at.toISOString(),
          firedAt: now.toISOString(),
          acknowledgedAt: null,
          acknowledgedBy: null,
        },
      });
    });
    return fired.length;
  }

  private recipient(chain: Chain, row: SweepRow, e: Escalation): number | null {
    let first: number | null = null;
    if (row.assignee_id !== null) first = chain.managerOf.get(row.assignee_id) ?? null;
    if (first === null && row.team_id !== null) first = chain.supervisorOf.get(row.team_id) ?? null;
    if (e.to === 'supervisor') return first;
    return first === null ? null : (chain.managerOf.get(first) ?? null);
  }

  private async loadChain(): Promise<Chain> {
    const [users, teams] = await Promise.all([
      this.d.db('users').select('id', 'manager_id'),
      this.d.db('teams').select('id', 'supervisor_id'),
    ]);
    return {
      managerOf: new Map(users.map((u) => [u.id as number, (u.manager_id as number | null) ?? null])),
      supervisorOf: new Map(teams.map((t) => [t.id as number, (t.supervisor_id as number | null) ?? null])),
    };
  }
}



/** A breached complaint's level-2 instant: half its budget again after the due time. */
function level2Point(policy: SlaPolicy, calendar: BusinessCalendar, row: SweepRow): Level2Point {
  return (clock, dueAt) => {
    let targets;
    try {
      targets = targetsFor(policy, { kind: row.kind, priority: row.priority, category: row.category, severity: row.severity });
    } catch {
      return null; // a case the policy cannot read (bad category) keeps its stored deadlines, unescalated
    }
    const target = clock === 'acknowledge' ? targets.acknowledge : targets.resolve;
    if (!target) return null;
    const minutes = Math.max(1, Math.round(target.minutes * (LEVEL2_AT - 1)));
    return addDuration(calendar, new Date(dueAt), { time: target.time, minutes }).getTime();
  };
}
