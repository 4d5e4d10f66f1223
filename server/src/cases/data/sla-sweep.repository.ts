// What the SLA sweep reads and writes, a batch at a time, inside the batch's transaction.
//
// Reading: only the cases the due condition (sla-due.sql.ts) selects, in ticket order after
// the last one of the previous batch, so a pass walks the set once. Instants travel as epoch
// milliseconds, not Date values. Each row comes with its version (xmin): the write-back lands
// only where the row is still the one read, so a user's change made while the batch was being
// decided is never undone by a decision made on older data (the next pass decides again).
//
// Writing is set-based: one UPDATE for the batch's state and status, one INSERT for its
// escalations (a second firing of the same deadline is refused by the unique key), one for
// the case events.
import type { Knex } from 'knex';
import type { CaseKind, Priority, Severity, SlaStatus } from '../../../../contract/index.js';
import type { EscalationState } from '../rules/escalation.js';
import { SLA_DUE_SQL, SWEEP_MS, SWEEP_NOW_SQL } from './sla-due.sql.js';

/** A case due for the sweep: instants as epoch milliseconds (float8). */
export interface SweepRow {
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
  /** The row version read (xmin), for the guarded write-back. */
  version: string;
}

const ms = (column: string, as: string) => `${SWEEP_MS(column)} AS ${as}`;
/** A SweepRow from `case_sla s`. */
export const SWEEP_ROW_SQL = `s.ticket_id AS id, s.kind, s.priority, s.category, s.severity, s.assignee_id, s.team_id,
    ${ms('s.ack_due_at', 'ack_due')}, ${ms('s.ack_at_risk_at', 'ack_risk')}, ${ms('s.acknowledged_at', 'ack_stop')},
    ${ms('s.resolve_due_at', 'res_due')}, ${ms('s.resolve_at_risk_at', 'res_risk')}, ${ms('s.paused_at', 'paused')},
    s.state, s.status AS sla_status, s.xmin::text AS version`;
const CLAIM_SQL = `
  SELECT ${SWEEP_ROW_SQL}
  FROM case_sla s, ${SWEEP_NOW_SQL}
  WHERE s.ticket_id > ? AND ${SLA_DUE_SQL}
  ORDER BY s.ticket_id
  LIMIT ?`;

/** Any constant shared by every server; hashtext keeps it readable. */
const SWEEP_LOCK_SQL = "SELECT pg_try_advisory_xact_lock(hashtext('kefu.sla-sweep')) AS locked";

export interface SweepWrite {
  id: number;
  /** Null when unchanged (kept as it is): less to send and to parse. */
  state: string | null;
  status: SlaStatus | null;
  version: string;
}

export interface SweepFiring {
  ticketId: number;
  clock: string;
  level: string;
  dueAtMs: number;
  toUserId: number | null;
}

export interface CaseHeadline {
  number: string;
  kind: CaseKind;
  subject: string;
  customer_name: string;
  assignee_name: string | null;
}

export interface CaseEventRow {
  ticketId: number;
  type: string;
  detail: string;
}

/** One server sweeps at a time: false when another holds the sweep for this transaction. */
export async function takeSweepLock(trx: Knex.Transaction): Promise<boolean> {
  const { rows } = (await trx.raw(SWEEP_LOCK_SQL)) as { rows: { locked: boolean }[] };
  if (!rows[0]?.locked) return false;
  // A batch is a few thousand rows: starting parallel workers costs more than it saves, and
  // hashing the whole set to write a batch back costs more than a key look-up per row.
  await trx.raw('SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_hashjoin = off');
  return true;
}

/** Up to `limit` cases due at `now`, after ticket `afterId`, in ticket order. */
export async function claimDue(trx: Knex.Transaction, now: Date, afterId: number, limit: number): Promise<SweepRow[]> {
  const { rows } = (await trx.raw(CLAIM_SQL, [now, now.getTime(), afterId, limit])) as { rows: SweepRow[] };
  return rows;
}

/** Writes state and status back where the row is still the version read; answers the ids written. */
export async function writeBack(trx: Knex.Transaction, writes: SweepWrite[]): Promise<Set<number>> {
  if (writes.length === 0) return new Set();
  const { rows } = (await trx.raw(
    `UPDATE case_sla s SET state = coalesce(u.state::jsonb, s.state), status = coalesce(u.status, s.status)
     FROM unnest(?::bigint[], ?::text[], ?::text[], ?::xid[]) AS u(id, state, status, version)
     WHERE s.ticket_id = u.id AND s.xmin = u.version
     RETURNING s.ticket_id`,
    [writes.map((w) => w.id), writes.map((w) => w.state), writes.map((w) => w.status), writes.map((w) => w.version)] as never,
  )) as { rows: { ticket_id: string | number }[] };
  return new Set(rows.map((r) => Number(r.ticket_id)));
}

/** Inserts the escalations not already fired for their deadline; answers the new rows. */
export async function insertEscalations(
  trx: Knex.Transaction,
  firing: SweepFiring[],
  now: Date,
): Promise<{ id: string | number; ticket_id: string | number; clock: string; level: string }[]> {
  if (firing.length === 0) return [];
  const { rows } = (await trx.raw(
    `INSERT INTO escalations (ticket_id, clock, level, due_at, to_user_id, fired_at)
     SELECT u.id, u.clock, u.level, to_timestamp(u.due / 1000.0), u.to_user, ?
     FROM unnest(?::bigint[], ?::text[], ?::text[], ?::float8[], ?::int[]) AS u(id, clock, level, due, to_user)
     ON CONFLICT (ticket_id, clock, level, due_at) DO NOTHING
     RETURNING id, ticket_id, clock, level`,
    [now, firing.map((f) => f.ticketId), firing.map((f) => f.clock), firing.map((f) => f.level), firing.map((f) => f.dueAtMs), firing.map((f) => f.toUserId)] as never,
  )) as { rows: { id: string | number; ticket_id: string | number; clock: string; level: string }[] };
  return rows;
}

export async function insertCaseEvents(trx: Knex.Transaction, events: CaseEventRow[], now: Date): Promise<void> {
  if (events.length === 0) return;
  await trx.raw(
    `INSERT INTO case_events (ticket_id, actor_id, type, detail, at)
     SELECT u.id, NULL, u.type, u.detail::jsonb, ? FROM unnest(?::bigint[], ?::text[], ?::text[]) AS u(id, type, detail)`,
    [now, events.map((e) => e.ticketId), events.map((e) => e.type), events.map((e) => e.detail)] as never,
  );
}

/** What an escalation shows of its case; read only for the cases that fired. */
export async function caseHeadlines(trx: Knex.Transaction, ids: number[]): Promise<Map<number, CaseHeadline>> {
  const rows = (await trx('tickets as t')
    .join('customers as c', 'c.id', 't.customer_id')
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .select('t.id', 't.number', 't.kind', 't.subject', 'c.name as customer_name', 'a.display_name as assignee_name')
    .whereIn('t.id', ids)) as (CaseHeadline & { id: string | number })[];
  return new Map(rows.map((r) => [Number(r.id), r]));
}
