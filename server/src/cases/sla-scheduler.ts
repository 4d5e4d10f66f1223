// The SLA sweep: every case whose next check time has come is read against its clocks; it is
// marked at risk or breached, and escalations go to the assignee's supervisor (and one level
// further for breached complaints). All state is in the database, so a restart neither repeats
// nor skips a firing: each case keeps what it already passed (case_sla.state) and the
// escalations table refuses a second row for the same deadline.
//
// Cost: the sweep reads and writes only its working set, case_sla (one narrow row per running
// case, kept in step by the case service): a scan of the open backlog finds the cases due, the
// decision per case is a few comparisons (domain/cases/sla-sweep.ts), and the write back is a
// HOT update of the same row. The cases themselves are read only for those that fire. Instants
// travel as epoch milliseconds, not Date values.
//
// Two servers: each batch runs under a transaction-level advisory lock, so only one server
// sweeps at a time; a server that finds the lock taken leaves the work to the other. A case
// changed by a user while its batch was being decided keeps the user's next check (the write
// only lands where the next check is still the one that was read).
import type { Knex } from 'knex';
import type { CaseKind, EscalationView, Priority, Severity, SlaStatus } from '../../../contract/index.js';
import type { Db } from '../platform/db/database.js';
import { DEFAULT_ESCALATION_OPTIONS, type Escalation, type EscalationState } from './rules/escalation.js';
import { checkCase, type Level2Point, type SweepClockState } from './rules/sla-sweep.js';
import { addDuration } from './rules/sla-duration.js';
import { targetsFor } from './rules/sla-policy.js';
import type { BusinessCalendar } from './rules/business-calendar.js';
import type { SlaPolicy } from './rules/sla-policy.js';
import type { Logger } from '../platform/logger.js';
import type { Clock } from '../platform/clock.js';
import type { SlaSettings } from './sla-settings.js';

const BATCH = 10_000;
/** Share of the budget at which a breached complaint goes one level up (rules/escalation.ts). */
const LEVEL2_AT = DEFAULT_ESCALATION_OPTIONS.level2AtUsedFraction;
/** Any constant shared by every server; hashtext keeps it readable. */
const SWEEP_LOCK_SQL = "SELECT pg_try_advisory_xact_lock(hashtext('kefu.sla-sweep')) AS locked";

/** A claimed case: instants as epoch milliseconds (float8), the next check as stored text. */
interface SweepRow {
  id: string | number;
  kind: CaseKind;
  priority: Priority;
  category: string | null;
  severity: Severity | null;
  assignee_id: number | null;
  team_id: number | null;
  ack_due: number | null;
  ack_risk: number | null;
  ack_stop: number | null;
  res_due: number | null;
  res_risk: number | null;
  paused: number | null;
  state: EscalationState;
  sla_status: SlaStatus;
  checked_at: string;
}

const ms = (column: string, as: string) => `(extract(epoch from ${column}) * 1000)::float8 AS ${as}`;
// No order: the set is the open backlog, scanned whole; a batch takes the first due it meets.
const CLAIM_SQL = `
  SELECT ticket_id AS id, kind, priority, category, severity, assignee_id, team_id,
    ${ms('ack_due_at', 'ack_due')}, ${ms('ack_at_risk_at', 'ack_risk')}, ${ms('acknowledged_at', 'ack_stop')},
    ${ms('resolve_due_at', 'res_due')}, ${ms('resolve_at_risk_at', 'res_risk')}, ${ms('paused_at', 'paused')},
    state, status AS sla_status, next_check_at::text AS checked_at
  FROM case_sla
  WHERE next_check_at <= ?
  LIMIT ?`;

export interface EscalationNotifier {
  escalationRaised(userId: number, view: EscalationView): void;
}

export interface SweepResult {
  checked: number;
  fired: number;
}

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
  ) {}

  start(): void {
    const tick = () => {
      this.timer = this.d.clock.setTimeout(() => {
        void this.sweep()
          .catch((err) => this.d.log.error({ err }, 'SLA sweep failed'))
          .finally(() => {
            if (this.timer !== null) tick();
          });
      }, this.intervalMs);
    };
    tick();
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
    const { calendar, policy } = await this.d.sla.rules();
    const chain = await this.loadChain();
    const total: SweepResult = { checked: 0, fired: 0 };
    const raised: { userId: number; view: EscalationView }[] = [];
    for (;;) {
      const n = await this.d.db.transaction(async (trx) => {
        const { rows: lock } = (await trx.raw(SWEEP_LOCK_SQL)) as { rows: { locked: boolean }[] };
        if (!lock[0]?.locked) return 0; // another server is sweeping
        // A batch is a few thousand rows: starting parallel workers costs more than it saves, and
        // hashing the whole set to write a batch back costs more than a key look-up per row.
        await trx.raw('SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_hashjoin = off');
        const { rows } = (await trx.raw(CLAIM_SQL, [now, BATCH])) as { rows: SweepRow[] };
        if (rows.length === 0) return 0;
        total.fired += await this.process(trx, rows, now, calendar, policy, chain, raised);
        return rows.length;
      });
      total.checked += n;
      if (n < BATCH) break;
    }
    for (const r of raised) this.d.notifier.escalationRaised(r.userId, r.view);
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
    raised: { userId: number; view: EscalationView }[],
  ): Promise<number> {
    const nowMs = now.getTime();
    const ids: number[] = [];
    // Unchanged state and status go as null (kept as they are): less to send and to parse.
    const states: (string | null)[] = [];
    const statuses: (SlaStatus | null)[] = [];
    const nextChecks: (number | null)[] = [];
    const readAt: string[] = [];
    const fired: { id: number; e: Escalation; dueAt: number; to: number | null }[] = [];
    for (const row of rows) {
      const id = Number(row.id);
      const check = checkCase(
        {
          kind: row.kind,
          running: true, // only running cases are in the set
          acknowledge: { dueAt: row.ack_due, atRiskAt: row.ack_risk, stoppedAt: row.ack_stop, pausedAt: null },
          resolve: { dueAt: row.res_due, atRiskAt: row.res_risk, stoppedAt: null, pausedAt: row.paused },
          state: row.state ?? {},
        },
        nowMs,
        level2Point(policy, calendar, row),
      );
      for (const e of check.fire) {
        fired.push({ id, e, dueAt: (e.clock === 'acknowledge' ? row.ack_due : row.res_due)!, to: this.recipient(chain, row, e) });
      }
      ids.push(id);
      states.push(sameState(check.state, row.state ?? {}) ? null : JSON.stringify(check.state));
      statuses.push(check.status === row.sla_status ? null : check.status);
      nextChecks.push(check.nextCheckAt);
      readAt.push(row.checked_at);
    }
    // Only where the next check is still the one read: a user's change in between asked for a
    // fresh look (its own next check), which this decision, made on older data, must not undo.
    const { rows: written } = (await trx.raw(
      `UPDATE case_sla s SET state = coalesce(u.state::jsonb, s.state), status = coalesce(u.status, s.status),
         next_check_at = to_timestamp(u.next / 1000.0)
       FROM unnest(?::bigint[], ?::text[], ?::text[], ?::float8[], ?::timestamptz[]) AS u(id, state, status, next, read_at)
       WHERE s.ticket_id = u.id AND s.next_check_at = u.read_at
       ${fired.length ? 'RETURNING s.ticket_id' : ''}`,
      [ids, states, statuses, nextChecks, readAt] as never,
    )) as { rows: { ticket_id: string | number }[] };
    if (fired.length === 0) return 0;
    const kept = new Set(written.map((w) => Number(w.ticket_id)));
    const firing = fired.filter((f) => kept.has(f.id));
    if (firing.length === 0) return 0;
    const { rows: inserted } = (await trx.raw(
      `INSERT INTO escalations (ticket_id, clock, level, due_at, to_user_id, fired_at)
       SELECT u.id, u.clock, u.level, to_timestamp(u.due / 1000.0), u.to_user, ?
       FROM unnest(?::bigint[], ?::text[], ?::text[], ?::float8[], ?::int[]) AS u(id, clock, level, due, to_user)
       ON CONFLICT (ticket_id, clock, level, due_at) DO NOTHING
       RETURNING id, ticket_id, clock, level`,
      [now, firing.map((f) => f.id), firing.map((f) => f.e.clock), firing.map((f) => f.e.level), firing.map((f) => f.dueAt), firing.map((f) => f.to)] as never,
    )) as { rows: { id: string | number; ticket_id: string | number; clock: string; level: string }[] };
    if (inserted.length === 0) return 0;
    const key = (t: number, c: string, l: string) => `${t}|${c}|${l}`;
    const byKey = new Map(firing.map((f) => [key(f.id, f.e.clock, f.e.level), f]));
    const shown = await this.caseHeadlines(trx, [...new Set(inserted.map((i) => Number(i.ticket_id)))]);
    const events = { id: [] as number[], type: [] as string[], detail: [] as string[] };
    for (const i of inserted) {
      const f = byKey.get(key(Number(i.ticket_id), i.clock, i.level));
      const c = shown.get(Number(i.ticket_id));
      if (!f || !c) continue;
      const dueAt = new Date(f.dueAt).toISOString();
      events.id.push(f.id);
      events.type.push(f.e.level === 'at_risk' ? 'at_risk' : f.e.level === 'breached' ? 'breached' : 'escalated');
      events.detail.push(JSON.stringify({ clock: f.e.clock, level: f.e.level, dueAt, toUserId: f.to }));
      if (f.to !== null) {
        raised.push({
          userId: f.to,
          view: {
            id: Number(i.id),
            caseId: f.id,
            caseNumber: c.number,
            caseKind: c.kind,
            subject: c.subject,
            customerName: c.customer_name,
            assigneeName: c.assignee_name,
            clock: f.e.clock,
            level: f.e.level,
            dueAt,
            firedAt: now.toISOString(),
            acknowledgedAt: null,
            acknowledgedBy: null,
          },
        });
      }
    }
    await trx.raw(
      `INSERT INTO case_events (ticket_id, actor_id, type, detail, at)
       SELECT u.id, NULL, u.type, u.detail::jsonb, ? FROM unnest(?::bigint[], ?::text[], ?::text[]) AS u(id, type, detail)`,
      [now, events.id, events.type, events.detail] as never,
    );
    return inserted.length;
  }

  /** What an escalation shows of its case; read only for the cases that fired. */
  private async caseHeadlines(trx: Knex.Transaction, ids: number[]): Promise<Map<number, CaseHeadline>> {
    const rows = (await trx('tickets as t')
      .join('customers as c', 'c.id', 't.customer_id')
      .leftJoin('users as a', 'a.id', 't.assignee_id')
      .select('t.id', 't.number', 't.kind', 't.subject', 'c.name as customer_name', 'a.display_name as assignee_name')
      .whereIn('t.id', ids)) as (CaseHeadline & { id: string | number })[];
    return new Map(rows.map((r) => [Number(r.id), r]));
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

function sameState(a: EscalationState, b: EscalationState): boolean {
  for (const clock of ['acknowledge', 'resolve'] as const) {
    const x = a[clock] as SweepClockState | undefined;
    const y = b[clock] as SweepClockState | undefined;
    if (x === y) continue;
    if (!x || !y || x.dueAtMs !== y.dueAtMs || x.passed !== y.passed || x.level2AtMs !== y.level2AtMs) return false;
  }
  return true;
}

interface CaseHeadline {
  number: string;
  kind: CaseKind;
  subject: string;
  customer_name: string;
  assignee_name: string | null;
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
