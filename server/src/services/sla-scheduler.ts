// The SLA sweep: every case whose next check time has come is read against its clocks; it is
// marked at risk or breached, and escalations go to the assignee's supervisor (and one level
// further for breached complaints). All state is in the database, so a restart neither repeats
// nor skips a firing: each case keeps what it already passed (sla_state), the escalations table
// refuses a second row for the same deadline, and rows are claimed with SKIP LOCKED so two
// servers never sweep the same case at once.
import type { Knex } from 'knex';
import type { CaseKind, CaseStatus, EscalationView, Priority, Severity, SlaStatus } from '../../contract/index.js';
import type { Db } from '../db/database.js';
import { decideEscalations, type Escalation, type EscalationState } from '../domain/cases/escalation.js';
import { readClock, type ClockReading, type SlaClock } from '../domain/cases/sla-status.js';
import { addDuration } from '../domain/cases/sla-duration.js';
import { targetsFor } from '../domain/cases/sla-policy.js';
import type { BusinessCalendar } from '../domain/cases/business-calendar.js';
import type { SlaPolicy } from '../domain/cases/sla-policy.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../telephony/clock.js';
import type { SlaSettings } from './sla-settings.js';

const BATCH = 2000;
/** Share of the budget at which a breached complaint goes one level up (see domain/cases/escalation.ts). */
const LEVEL2_AT = 1.5;

interface SweepRow {
  id: string | number;
  number: string;
  kind: CaseKind;
  status: CaseStatus;
  subject: string;
  priority: Priority;
  category: string | null;
  severity: Severity | null;
  assignee_id: number | null;
  team_id: number | null;
  ack_due_at: Date | null;
  ack_at_risk_at: Date | null;
  resolve_at_risk_at: Date | null;
  acknowledged_at: Date | null;
  resolve_due_at: Date | null;
  resolved_at: Date | null;
  paused_at: Date | null;
  sla_state: EscalationState;
  customer_name: string;
  assignee_name: string | null;
}

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
        const rows = await this.claim(trx, now);
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

  private async claim(trx: Knex.Transaction, now: Date): Promise<SweepRow[]> {
    return (await trx('tickets as t')
      .join('customers as c', 'c.id', 't.customer_id')
      .leftJoin('users as a', 'a.id', 't.assignee_id')
      .select(
        't.id', 't.number', 't.kind', 't.status', 't.subject', 't.priority', 't.category', 't.severity', 't.assignee_id', 't.team_id',
        't.ack_due_at', 't.ack_at_risk_at', 't.resolve_at_risk_at', 't.acknowledged_at', 't.resolve_due_at', 't.resolved_at', 't.paused_at', 't.sla_state',
        'c.name as customer_name', 'a.display_name as assignee_name',
      )
      .whereNotNull('t.sla_next_check_at')
      .andWhere('t.sla_next_check_at', '<=', now)
      .orderBy('t.sla_next_check_at')
      .limit(BATCH)
      .forUpdate('t')
      .skipLocked()) as SweepRow[];
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
    const ids: number[] = [];
    const states: string[] = [];
    const statuses: SlaStatus[] = [];
    const nextChecks: (Date | null)[] = [];
    const fired: { row: SweepRow; e: Escalation; dueAt: Date; to: number | null }[] = [];
    for (const row of rows) {
      const running = row.status === 'new' || row.status === 'open' || row.status === 'pending_customer';
      const targets = safeTargets(policy, row);
      const clocks: { acknowledge?: ClockReading | null; resolve?: ClockReading | null } = {};
      const next: number[] = [];
      if (running && targets) {
        if (row.kind === 'complaint' && row.ack_due_at && targets.acknowledge) {
          const c: SlaClock = { target: targets.acknowledge, dueAt: row.ack_due_at, stoppedAt: row.acknowledged_at };
          clocks.acknowledge = readClock(c, calendar, now, policy.atRiskThreshold);
          if (!row.acknowledged_at) next.push(...this.nextPoints(c, row.ack_at_risk_at, row.kind, calendar, now));
        }
        if (row.resolve_due_at) {
          const c: SlaClock = { target: targets.resolve, dueAt: row.resolve_due_at, stoppedAt: row.resolved_at, pausedSince: row.paused_at };
          clocks.resolve = readClock(c, calendar, now, policy.atRiskThreshold);
          if (!row.paused_at) next.push(...this.nextPoints(c, row.resolve_at_risk_at, row.kind, calendar, now));
        }
      }
      const decision = decideEscalations(row.kind, row.sla_state ?? {}, clocks);
      for (const e of decision.fire) {
        const dueAt = e.clock === 'acknowledge' ? row.ack_due_at! : row.resolve_due_at!;
        fired.push({ row, e, dueAt, to: this.recipient(chain, row, e) });
      }
      ids.push(Number(row.id));
      states.push(JSON.stringify(decision.state));
      statuses.push(worst(clocks));
      nextChecks.push(next.length ? new Date(Math.min(...next)) : null);
    }
    await trx.raw(
      `UPDATE tickets t SET sla_state = u.state::jsonb, sla_status = u.status, sla_next_check_at = u.next
       FROM unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[]) AS u(id, state, status, next)
       WHERE t.id = u.id`,
      [ids, states, statuses, nextChecks.map((d) => d?.toISOString() ?? null)] as never,
    );
    if (fired.length === 0) return 0;
    const inserted = (await trx('escalations')
      .insert(fired.map((f) => ({ ticket_id: Number(f.row.id), clock: f.e.clock, level: f.e.level, due_at: f.dueAt, to_user_id: f.to, fired_at: now })))
      .onConflict(['ticket_id', 'clock', 'level', 'due_at'])
      .ignore()
      .returning(['id', 'ticket_id', 'clock', 'level', 'due_at'])) as { id: string | number; ticket_id: string | number; clock: string; level: string; due_at: Date }[];
    const key = (t: number, c: string, l: string) => `${t}|${c}|${l}`;
    const byKey = new Map(fired.map((f) => [key(Number(f.row.id), f.e.clock, f.e.level), f]));
    const events: Record<string, unknown>[] = [];
    for (const i of inserted) {
      const f = byKey.get(key(Number(i.ticket_id), i.clock, i.level));
      if (!f) continue;
      events.push({
        ticket_id: Number(i.ticket_id),
        actor_id: null,
        type: f.e.level === 'at_risk' ? 'at_risk' : f.e.level === 'breached' ? 'breached' : 'escalated',
        detail: JSON.stringify({ clock: f.e.clock, level: f.e.level, dueAt: f.dueAt.toISOString(), toUserId: f.to }),
        at: now,
      });
      if (f.to !== null) {
        raised.push({
          userId: f.to,
          view: {
            id: Number(i.id),
            caseId: Number(f.row.id),
            caseNumber: f.row.number,
            caseKind: f.row.kind,
            subject: f.row.subject,
            customerName: f.row.customer_name,
            assigneeName: f.row.assignee_name,
            clock: f.e.clock,
            level: f.e.level,
            dueAt: f.dueAt.toISOString(),
            firedAt: now.toISOString(),
            acknowledgedAt: null,
          },
        });
      }
    }
    if (events.length) await trx('case_events').insert(events);
    return inserted.length;
  }

  /** The instants after `now` at which this clock's state can change: at risk, due, level 2. */
  private nextPoints(c: SlaClock, atRiskAt: Date | null, kind: CaseKind, calendar: BusinessCalendar, now: Date): number[] {
    const budget = c.target.minutes;
    const points = [c.dueAt.getTime()];
    if (atRiskAt) points.push(atRiskAt.getTime());
    if (kind === 'complaint') points.push(addDuration(calendar, c.dueAt, { time: c.target.time, minutes: Math.max(1, Math.round(budget * (LEVEL2_AT - 1))) }).getTime());
    return points.filter((p) => p > now.getTime());
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

function safeTargets(policy: SlaPolicy, row: SweepRow) {
  try {
    return targetsFor(policy, { kind: row.kind, priority: row.priority, category: row.category, severity: row.severity });
  } catch {
    return null; // a case the policy cannot read (bad category) keeps its stored deadlines, unescalated
  }
}

function worst(clocks: { acknowledge?: ClockReading | null; resolve?: ClockReading | null }): SlaStatus {
  let w: SlaStatus = 'on_track';
  for (const r of [clocks.acknowledge, clocks.resolve]) {
    if (!r || !r.running) continue;
    if (r.status === 'breached') return 'breached';
    if (r.status === 'at_risk') w = 'at_risk';
  }
  return w;
}
