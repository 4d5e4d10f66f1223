// Filters of the ticket and complaint lists as SQL on `tickets t` joined to `customers c`.
import type { Knex } from 'knex';
import { isRunningCaseStatus, RUNNING_CASE_STATUSES, type CaseListQuery } from '../../../../contract/index.js';
import { queryKeys, toTsQuery } from '../../platform/search-tokens.js';
import { SLA_STATUS_SQL, SWEEP_NOW_SQL } from './sla-due.sql.js';

/** The next clock of a running case: acknowledgement while a complaint is unacknowledged. */
export const NEXT_DUE_SQL = `CASE WHEN t.kind = 'complaint' AND t.acknowledged_at IS NULL
  THEN LEAST(t.ack_due_at, t.resolve_due_at) ELSE t.resolve_due_at END`;

export interface ListWindow {
  now: Date;
  /** End of the viewer's working day, for "due today". */
  endOfToday: Date;
}

export function applyCaseFilters(q: Knex.QueryBuilder, f: CaseListQuery, viewerId: number, w: ListWindow): void {
  if (f.kind) q.where('t.kind', f.kind);
  // SLA state and due time are about running clocks: they narrow the list to active cases, and
  // with a resolved or closed status they match nothing, said here rather than found by a scan.
  const needsActive = Boolean(f.sla || f.due);
  if (needsActive && f.status && f.status !== 'active' && !isRunningCaseStatus(f.status)) q.whereRaw('FALSE');
  if (f.status === 'active' || (needsActive && !f.status)) q.whereIn('t.status', RUNNING_CASE_STATUSES);
  else if (f.status) q.where('t.status', f.status);
  if (f.priority) q.where('t.priority', f.priority);
  if (f.category) q.where('t.category', f.category);
  if (f.assignee === 'me') q.where('t.assignee_id', viewerId);
  else if (f.assignee === 'none') q.whereNull('t.assignee_id');
  else if (typeof f.assignee === 'number') q.where('t.assignee_id', f.assignee);
  if (f.teamId) q.where('t.team_id', f.teamId);
  if (f.customerId) q.where('t.customer_id', f.customerId);
  if (f.sla) {
    const sla = f.sla;
    // The state as of now, as the row's clocks show it (and the report counts), not as of the last sweep.
    q.whereExists((s) =>
      s
        .select(s.client.raw('1'))
        .from(s.client.raw(`case_sla s CROSS JOIN ${SWEEP_NOW_SQL}`, [w.now, w.now.getTime()]))
        .whereRaw('s.ticket_id = t.id')
        .whereRaw(`(${SLA_STATUS_SQL}) = ?`, [sla]),
    );
  }
  if (f.due) {
    const until = f.due === 'overdue' ? w.now : f.due === 'today' ? w.endOfToday : new Date(w.now.getTime() + 7 * 86_400_000);
    q.whereRaw(`${NEXT_DUE_SQL} < ?`, [until]);
  }
  if (f.q) {
    const keys = queryKeys(f.q);
    // A query of punctuation only matches nothing rather than everything.
    if (keys.length === 0) q.whereRaw('FALSE');
    else q.whereRaw('t.search @@ ?::tsquery', [toTsQuery(keys)]);
  }
}
