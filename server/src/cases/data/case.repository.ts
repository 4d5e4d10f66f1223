// Reads of tickets and complaints ("cases": one table; complaint-only columns are null on tickets).
import type { Db } from '../../platform/db/database.js';
import { RUNNING_CASE_STATUSES } from '../../../../contract/index.js';
import type {
  CaseDetail,
  CaseListItem,
  CaseListQuery,
  CaseSummary,
  ValueTier,
} from '../../../../contract/index.js';
import type { Viewer } from '../../identity/request-context.js';
import type { CaseOwnership } from '../rules/case-access.js';
import { applyCaseFilters, type ListWindow } from './case-list.sql.js';
import { caseSummaryQuery, toCaseSummary, type CaseRow } from './case-row.js';
import { customerVisibleTo } from '../../customers/data/customer-visibility.sql.js';
import { isoRequired } from '../../platform/db/row-mapping.js';
import type { SensitiveFields } from '../../platform/crypto/sensitive-fields.js';


interface DetailRow extends CaseRow {
  customer_id: number;
  customer_name: string;
  value_tier: ValueTier;
  description: string | null;
  tags: string[];
  assignee_id: number | null;
  team_id: number | null;
  team_name: string | null;
  channel: CaseDetail['channel'];
  root_cause: CaseDetail['rootCause'];
  resolution: string | null;
  compensation: string | null;
  customer_confirmed: boolean | null;
  contact_attempts: number;
  created_by_name: string | null;
  updated_at: Date;
  version: number;
  created_by: number | null;
  assignee_team_id: number | null;
}

/** A case as its page shows it, and whose it is (for the edit rule, case-access.ts). */
export interface CaseDetailRead {
  detail: Omit<CaseDetail, 'csatScores' | 'allowedActions'>;
  ownership: CaseOwnership;
}

export interface CaseEventRow {
  at: Date;
  actor_name: string | null;
  type: string;
  detail: Record<string, unknown>;
}

/** Keyset position in a list: (created_at, id) of the last row shown. */
export interface ListCursor {
  createdAt: Date;
  id: number;
}

export class CaseRepository {
  /** `fields` opens the case texts sealed at rest (sensitive-fields.ts). */
  constructor(
    private readonly db: Db,
    private readonly fields: SensitiveFields,
  ) {}

  private base() {
    return caseSummaryQuery(this.db);
  }

  /** Open items, the soonest due first: what an agent must see before answering. */
  async openForCustomer(customerId: number, limit = 50, now = new Date()): Promise<CaseSummary[]> {
    const rows = (await this.base()
      .where('t.customer_id', customerId)
      .whereIn('t.status', RUNNING_CASE_STATUSES)
      .orderByRaw('t.resolve_due_at ASC NULLS LAST, t.created_at DESC')
      .limit(limit)) as CaseRow[];
    return rows.map((r) => toCaseSummary(r, now));
  }

  /** Resolved or closed items, newest first. */
  async recentClosedForCustomer(customerId: number, limit = 20, now = new Date()): Promise<CaseSummary[]> {
    const rows = (await this.base()
      .where('t.customer_id', customerId)
      .whereNotIn('t.status', RUNNING_CASE_STATUSES)
      .orderBy('t.created_at', 'desc')
      .limit(limit)) as CaseRow[];
    return rows.map((r) => toCaseSummary(r, now));
  }

  async detail(id: number, now: Date): Promise<CaseDetailRead | undefined> {
    const r = (await this.base()
      .join('customers as c', 'c.id', 't.customer_id')
      .leftJoin('teams as tm', 'tm.id', 't.team_id')
      .leftJoin('users as cb', 'cb.id', 't.created_by')
      .select(
        't.customer_id',
        'c.name as customer_name',
        'c.value_tier',
        't.description',
        't.tags',
        't.assignee_id',
        't.team_id',
        'tm.name as team_name',
        't.channel',
        't.root_cause',
        't.resolution',
        't.compensation',
        't.customer_confirmed',
        't.contact_attempts',
        'cb.display_name as created_by_name',
        't.updated_at',
        't.version',
        't.created_by',
        'a.team_id as assignee_team_id',
      )
      .where('t.id', id)
      .first()) as DetailRow | undefined;
    if (!r) return undefined;
    const detail = {
      ...toCaseSummary(r, now),
      customer: { id: Number(r.customer_id), name: r.customer_name, valueTier: r.value_tier },
      description: this.fields.open('tickets.description', r.description),
      tags: r.tags,
      assigneeId: r.assignee_id,
      teamId: r.team_id,
      teamName: r.team_name,
      channel: r.channel,
      rootCause: r.root_cause,
      resolution: this.fields.open('tickets.resolution', r.resolution),
      compensation: this.fields.open('tickets.compensation', r.compensation),
      customerConfirmed: r.customer_confirmed,
      contactAttempts: r.contact_attempts,
      createdByName: r.created_by_name,
      updatedAt: isoRequired(r.updated_at),
      version: r.version,
    };
    const ownership = { assigneeId: r.assignee_id, createdBy: r.created_by, teamId: r.team_id, assigneeTeamId: r.assignee_team_id };
    return { detail, ownership };
  }

  async customerOf(id: number): Promise<number | undefined> {
    const r = (await this.db('tickets').select('customer_id').where('id', id).first()) as { customer_id: number | string } | undefined;
    return r ? Number(r.customer_id) : undefined;
  }

  async events(id: number): Promise<CaseEventRow[]> {
    const rows = (await this.db('case_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select('e.at', 'u.display_name as actor_name', 'e.type', 'e.detail')
      .where('e.ticket_id', id)
      .orderBy([
        { column: 'e.at', order: 'asc' },
        { column: 'e.id', order: 'asc' },
      ])) as CaseEventRow[];
    return rows.map((r) => ({ ...r, detail: this.fields.openDocument('case_events.detail', r.detail) }));
  }

  async csatScores(id: number): Promise<CaseDetail['csatScores']> {
    const rows = (await this.db('interaction_links as l')
      .join('interactions as i', 'i.id', 'l.interaction_id')
      .select('i.id', 'i.csat_score', 'i.csat_at')
      .where('l.ticket_id', id)
      .whereNotNull('i.csat_score')
      .orderBy('i.csat_at', 'desc')) as { id: number | string; csat_score: number; csat_at: Date }[];
    return rows.map((r) => ({ interactionId: Number(r.id), score: r.csat_score, at: isoRequired(r.csat_at) }));
  }

  /**
   * A filtered page, newest first, of the cases whose customer the viewer may see. The page is
   * chosen first (from the cases alone, or with their customers when the viewer's rights depend
   * on them) and only its rows are then joined to names: a filter the planner misjudges then
   * costs a sort of bare rows, not a join per match.
   */
  async list(viewer: Viewer, f: CaseListQuery, w: ListWindow, cursor?: ListCursor): Promise<{ items: CaseListItem[]; last: ListCursor | null }> {
    const vis = customerVisibleTo(viewer);
    const page = this.db('tickets as t')
      .select('t.id', 't.created_at')
      .orderBy([
        { column: 't.created_at', order: 'desc' },
        { column: 't.id', order: 'desc' },
      ])
      .limit(f.limit + 1);
    if (vis.sql !== 'TRUE') page.join('customers as c', 'c.id', 't.customer_id').whereRaw(vis.sql, vis.bindings);
    applyCaseFilters(page, f, viewer.id, w);
    if (cursor) page.andWhereRaw('(t.created_at, t.id) < (?::timestamptz, ?::bigint)', [cursor.createdAt, cursor.id]);
    const q = this.base()
      .withMaterialized('page', page)
      .join('page as p', 'p.id', 't.id')
      .join('customers as c', 'c.id', 't.customer_id')
      .leftJoin('teams as tm', 'tm.id', 't.team_id')
      .select('c.name as customer_name', 'tm.name as team_name')
      .orderBy([
        { column: 'p.created_at', order: 'desc' },
        { column: 'p.id', order: 'desc' },
      ]);
    const rows = (await q) as (CaseRow & { customer_name: string; team_name: string | null })[];
    const shown = rows.slice(0, f.limit);
    const items = shown.map((r) => ({ ...toCaseSummary(r, w.now), customerName: r.customer_name, teamName: r.team_name }));
    const lastRow = shown[shown.length - 1];
    return { items, last: rows.length > f.limit && lastRow ? { createdAt: lastRow.created_at, id: Number(lastRow.id) } : null };
  }

  /** Open cases assigned to a user, soonest due first ("my work"). */
  async openAssignedTo(userId: number, now: Date, limit = 100): Promise<CaseListItem[]> {
    const rows = (await this.base()
      .join('customers as c', 'c.id', 't.customer_id')
      .leftJoin('teams as tm', 'tm.id', 't.team_id')
      .select('c.name as customer_name', 'tm.name as team_name')
      .where('t.assignee_id', userId)
      .whereIn('t.status', RUNNING_CASE_STATUSES)
      .orderByRaw('t.resolve_due_at ASC NULLS LAST, t.id')
      .limit(limit)) as (CaseRow & { customer_name: string; team_name: string | null })[];
    return rows.map((r) => ({ ...toCaseSummary(r, now), customerName: r.customer_name, teamName: r.team_name }));
  }
}

