// Keeps the SLA sweep's working set (case_sla, see its migration) in step with the cases: a
// running case has a row holding a copy of what the sweep reads; a case that stops running has
// none. Every write to a case's clocks, status, assignment or SLA inputs goes through
// CaseWriteRepository, which calls refresh() in the same transaction; seeds and bulk loads,
// which write cases directly, call refreshAllCaseSla() once at the end.
import type { Knex } from 'knex';
import { runningStatusSql } from './running-status.sql.js';

/** The case columns the sweep reads, copied as they are. */
export const CASE_SLA_COPIED = [
  'kind', 'priority', 'category', 'severity', 'assignee_id', 'team_id',
  'ack_due_at', 'ack_at_risk_at', 'acknowledged_at', 'resolve_due_at', 'resolve_at_risk_at', 'paused_at',
] as const;

const RUNNING_SQL = runningStatusSql();
const COLUMNS = CASE_SLA_COPIED.join(', ');
const EXCLUDED = CASE_SLA_COPIED.map((c) => `${c} = EXCLUDED.${c}`).join(', ');

/**
 * Every running case gets its row, every stopped one loses it. For data written outside the
 * case service. A new row has passed no level yet: the sweep's due condition selects it on the
 * next pass, as it does any row whose copied instants changed.
 */
export async function refreshAllCaseSla(db: Knex): Promise<void> {
  await db.raw(
    `WITH gone AS (DELETE FROM case_sla s USING tickets t WHERE t.id = s.ticket_id AND NOT t.${RUNNING_SQL})
     INSERT INTO case_sla (ticket_id, ${COLUMNS})
     SELECT id, ${COLUMNS} FROM tickets WHERE ${RUNNING_SQL}
     ON CONFLICT (ticket_id) DO UPDATE SET ${EXCLUDED}`,
  );
}

export interface SweepStateChange {
  state?: Record<string, unknown>;
}

/** Brings one case's row in step after a write to the case, in the writer's transaction. */
export async function refreshCaseSla(trx: Knex.Transaction, ticketId: number, change: SweepStateChange): Promise<void> {
  const state = change.state === undefined ? null : JSON.stringify(change.state);
  await trx.raw(
    `WITH gone AS (DELETE FROM case_sla s USING tickets t WHERE s.ticket_id = ? AND t.id = s.ticket_id AND NOT t.${RUNNING_SQL})
     INSERT INTO case_sla (ticket_id, ${COLUMNS}, state)
     SELECT id, ${COLUMNS}, coalesce(?::jsonb, '{}') FROM tickets WHERE id = ? AND ${RUNNING_SQL}
     ON CONFLICT (ticket_id) DO UPDATE SET ${EXCLUDED},
       state = coalesce(?::jsonb, case_sla.state)`,
    [ticketId, state, ticketId, state],
  );
}
