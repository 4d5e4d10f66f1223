// The columns every case read selects, and their mapping to the contract's shapes.
import type { Knex } from 'knex';
import type { CaseKind, CaseStatus, CaseSummary, Priority, Severity } from '../../../../contract/index.js';
import { caseClockReadings, nextDueOf, type CaseClocks } from '../rules/case-next-due.js';
import { iso, isoRequired } from '../../platform/db/row-mapping.js';

export interface CaseRow {
  id: number;
  number: string;
  kind: CaseKind;
  subject: string;
  status: CaseStatus;
  priority: Priority;
  category: string | null;
  severity: Severity | null;
  assignee_name: string | null;
  created_at: Date;
  ack_due_at: Date | null;
  ack_at_risk_at: Date | null;
  acknowledged_at: Date | null;
  resolve_due_at: Date | null;
  resolve_at_risk_at: Date | null;
  paused_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
}

export const CASE_SUMMARY_COLUMNS = [
  't.id',
  't.number',
  't.kind',
  't.subject',
  't.status',
  't.priority',
  't.category',
  't.severity',
  'a.display_name as assignee_name',
  't.created_at',
  't.ack_due_at',
  't.ack_at_risk_at',
  't.acknowledged_at',
  't.resolve_due_at',
  't.resolve_at_risk_at',
  't.paused_at',
  't.resolved_at',
  't.closed_at',
];

/** tickets as t, with the assignee as a. */
export function caseSummaryQuery(db: Knex): Knex.QueryBuilder {
  return db('tickets as t').leftJoin('users as a', 'a.id', 't.assignee_id').select(CASE_SUMMARY_COLUMNS);
}

export function clocksOf(r: CaseRow): CaseClocks {
  return {
    kind: r.kind,
    status: r.status,
    ackDueAt: r.ack_due_at,
    ackAtRiskAt: r.ack_at_risk_at,
    acknowledgedAt: r.acknowledged_at,
    resolveDueAt: r.resolve_due_at,
    resolveAtRiskAt: r.resolve_at_risk_at,
    pausedAt: r.paused_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
  };
}

export function toCaseSummary(r: CaseRow, now: Date): CaseSummary {
  const clocks = clocksOf(r);
  return {
    id: Number(r.id),
    number: r.number,
    kind: r.kind,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    category: r.category,
    severity: r.severity,
    assigneeName: r.assignee_name,
    createdAt: isoRequired(r.created_at),
    ackDueAt: iso(r.ack_due_at),
    acknowledgedAt: iso(r.acknowledged_at),
    resolveDueAt: iso(r.resolve_due_at),
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
    nextDue: nextDueOf(clocks, now),
    clocks: caseClockReadings(clocks, now),
  };
}
