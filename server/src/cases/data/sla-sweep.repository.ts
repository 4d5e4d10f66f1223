// What the SLA sweep reads and writes.
//
// Reading: one scan of the working set for the ids of the cases the due condition
// (sla-due.sql.ts) selects, so a pass with nothing new costs that one scan; then, a batch at a
// time inside the batch's transaction, those cases themselves, the condition asked again (another
// server may have swept them meanwhile). Instants travel as epoch milliseconds, not Date values.
// Each row comes with its version (xmin): the write-back lands only where the row is still the
// one read, so a user's change made while the batch was being decided is never undone by a
// decision made on older data (the next pass decides again).
//
// Writing is one statement per batch, set-based: the state and status written back, the
// escalations of the cases written (a second firing of the same deadline is refused by the
// unique key), a case event for each escalation inserted, and what the notifications show of
// the case, read only for escalations that have someone to tell.
import type { Knex } from 'knex';
import type { CaseKind, Priority, Severity, SlaStatus } from '../../../../contract/index.js';
import type { EscalationLevel, EscalationState } from '../rules/escalation.js';
import type { SlaClockName } from '../rules/sla-status.js';
import { statementName } from '../../platform/db/prepared-statement.js';
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
const DUE_IDS_SQL = `SELECT s.ticket_id::float8 AS id FROM case_sla s, ${SWEEP_NOW_SQL} WHERE ${SLA_DUE_SQL} ORDER BY s.ticket_id`;
const CLAIM_SQL = `
  SELECT ${SWEEP_ROW_SQL}
  FROM case_sla s, ${SWEEP_NOW_SQL}
  WHERE s.ticket_id = ANY(?::bigint[]) AND ${SLA_DUE_SQL}
  ORDER BY s.ticket_id`;

/** Any constant shared by every server; hashtext keeps it readable. */
const SWEEP_LOCK_SQL = "SELECT pg_try_advisory_xact_lock(hashtext('kefu.sla-sweep')) AS locked";

/** An escalation decided for a case. */
export interface SweepFiring {
  clock: SlaClockName;
  level: EscalationLevel;
  dueAtMs: number;
  toUserId: number | null;
}

/** A case's decision: state and status (null when unchanged), the escalations it fires. */
export interface SweepWrite {
  id: number;
  state: string | null;
  status: SlaStatus | null;
  version: string;
  fire: SweepFiring[];
}

/** An escalation inserted; what it shows of its case is there when it has a recipient. */
export interface SweepFired {
  id: string | number;
  ticket_id: string | number;
  clock: SlaClockName;
  level: EscalationLevel;
  due_at: Date;
  to_user_id: number | null;
  number: string | null;
  kind: CaseKind | null;
  subject: string | null;
  customer_name: string | null;
  assignee_name: string | null;
}

// Each case's escalations travel with its write, as JSON, and each step reads the one before
// row by row: no join between the batch's sets, whose sizes a reused plan cannot know. The case
// event of an escalation says what it fired (a level-2 escalation is recorded as "escalated").
const WRITE_BATCH_SQL = `
  WITH w AS (
    UPDATE case_sla s SET state = coalesce(u.state::jsonb, s.state), status = coalesce(u.status, s.status)
    FROM unnest(?::bigint[], ?::text[], ?::text[], ?::xid[], ?::text[]) AS u(id, state, status, version, fire)
    WHERE s.ticket_id = u.id AND s.xmin = u.version
    RETURNING s.ticket_id, u.fire),
  ins AS (
    INSERT INTO escalations (ticket_id, clock, level, due_at, to_user_id, fired_at)
    SELECT w.ticket_id, x.clock, x.level, to_timestamp(x.due / 1000.0), x.to_user, ?::timestamptz
    FROM w, jsonb_to_recordset(w.fire::jsonb) AS x(clock text, level text, due float8, to_user int)
    ON CONFLICT (ticket_id, clock, level, due_at) DO NOTHING
    RETURNING id, ticket_id, clock, level, due_at, to_user_id),
  ev AS (
    INSERT INTO case_events (ticket_id, actor_id, type, detail, at)
    SELECT ins.ticket_id, NULL, CASE ins.level WHEN 'breached_level2' THEN 'escalated' ELSE ins.level END,
      jsonb_build_object('clock', ins.clock, 'level', ins.level, 'toUserId', ins.to_user_id,
        'dueAt', to_char(ins.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      ?::timestamptz
    FROM ins)
  SELECT ins.id, ins.ticket_id, ins.clock, ins.level, ins.due_at, ins.to_user_id,
    t.number, t.kind, t.subject, c.name AS customer_name, a.display_name AS assignee_name
  FROM ins
  LEFT JOIN tickets t ON t.id = ins.ticket_id AND ins.to_user_id IS NOT NULL
  LEFT JOIN customers c ON c.id = t.customer_id
  LEFT JOIN users a ON a.id = t.assignee_id`;
const CLAIM_NAME = statementName(CLAIM_SQL);
const WRITE_BATCH_NAME = statementName(WRITE_BATCH_SQL);

/** One server sweeps at a time: false when another holds the sweep for this transaction. */
export async function takeSweepLock(trx: Knex.Transaction): Promise<boolean> {
  const { rows } = (await trx.raw(SWEEP_LOCK_SQL)) as { rows: { locked: boolean }[] };
  if (!rows[0]?.locked) return false;
  // A batch is a few thousand rows: starting parallel workers costs more than it saves, and
  // hashing the whole set to write a batch back costs more than a key look-up per row.
  await trx.raw('SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_hashjoin = off');
  return true;
}

/** The ids of the cases due at `now`, in ticket order: one scan, outside any batch. */
export async function dueIds(db: Knex, now: Date): Promise<number[]> {
  const { rows } = (await db.raw(DUE_IDS_SQL, [now, now.getTime()])) as { rows: { id: number }[] };
  return rows.map((r) => r.id);
}

/** Those of these cases still due at `now`, in ticket order (a named statement: one plan per connection). */
export async function claimDue(trx: Knex.Transaction, now: Date, ids: readonly number[]): Promise<SweepRow[]> {
  const { rows } = (await trx.raw(CLAIM_SQL, [now, now.getTime(), ids] as never).options({ name: CLAIM_NAME })) as { rows: SweepRow[] };
  return rows;
}

/**
 * Writes state and status back where the row is still the version read, inserts the
 * escalations of the cases written that were not already fired and their case events;
 * answers the escalations inserted.
 */
export async function writeBatch(trx: Knex.Transaction, writes: SweepWrite[], now: Date): Promise<SweepFired[]> {
  if (writes.length === 0) return [];
  const fire = (w: SweepWrite) =>
    w.fire.length ? JSON.stringify(w.fire.map((f) => ({ clock: f.clock, level: f.level, due: f.dueAtMs, to_user: f.toUserId }))) : null;
  const { rows } = (await trx
    .raw(WRITE_BATCH_SQL, [
      writes.map((w) => w.id), writes.map((w) => w.state), writes.map((w) => w.status), writes.map((w) => w.version), writes.map(fire),
      now, now,
    ] as never)
    .options({ name: WRITE_BATCH_NAME })) as { rows: SweepFired[] };
  return rows;
}
