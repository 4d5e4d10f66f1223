// Tickets and complaints share one table ("cases"); complaint-only columns are null on tickets.
import type { Db } from '../db/database.js';
import type { CaseKind, CaseStatus, CaseSummary, Priority, Severity } from '../../contract/index.js';
import { iso, isoRequired } from './row-mapping.js';

interface CaseRow {
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
  acknowledged_at: Date | null;
  resolve_due_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
}

function toCase(r: CaseRow): CaseSummary {
  return {
    id: r.id,
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
  };
}

const OPEN_STATUSES: CaseStatus[] = ['new', 'open', 'pending_customer'];

export class CaseRepository {
  constructor(private readonly db: Db) {}

  private base() {
    return this.db('tickets as t')
      .leftJoin('users as a', 'a.id', 't.assignee_id')
      .select(
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
        't.acknowledged_at',
        't.resolve_due_at',
        't.resolved_at',
        't.closed_at',
      );
  }

  /** Open items, the soonest due first: what an agent must see before answering. */
  async openForCustomer(customerId: number, limit = 50): Promise<CaseSummary[]> {
    const rows = (await this.base()
      .where('t.customer_id', customerId)
      .whereIn('t.status', OPEN_STATUSES)
      .orderByRaw('t.resolve_due_at ASC NULLS LAST, t.created_at DESC')
      .limit(limit)) as CaseRow[];
    return rows.map(toCase);
  }

  /** Resolved or closed items, newest first. */
  async recentClosedForCustomer(customerId: number, limit = 20): Promise<CaseSummary[]> {
    const rows = (await this.base()
      .where('t.customer_id', customerId)
      .whereNotIn('t.status', OPEN_STATUSES)
      .orderBy('t.created_at', 'desc')
      .limit(limit)) as CaseRow[];
    return rows.map(toCase);
  }
}
