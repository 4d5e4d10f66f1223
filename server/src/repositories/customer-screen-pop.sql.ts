// The screen-pop as one statement: the customers on the caller's number that the viewer may
// see (most recent contact first) and, for the first of them, the full record, the latest
// interactions and the open cases. One round trip instead of four, and the first customer is
// read once.
//
// Each part is an ordinary select of the columns the single reads use, and PostgreSQL hands
// its rows back as JSON (timestamps become strings: reviveTimestamps turns them back into
// Dates), so the same row mappers apply. A column added to a part's select list (the open
// cases take theirs from case-row.ts) reaches the pop without touching the statement.
import type { Knex } from 'knex';
import type { CaseStatus, Direction, EndReason, Interaction, InteractionKind } from '../../contract/index.js';
import type { Viewer } from '../domain/access-policy.js';
import { caseSummaryQuery, type CaseRow } from './case-row.js';
import { PHONES_JSON, type CustomerRow } from './customer-row.js';
import { customerVisibleTo } from './customer-visibility.sql.js';
import { iso, isoRequired } from './row-mapping.js';

export interface ScreenPopQuery {
  e164: string;
  viewer: Viewer;
  /** How many customers on the number to list. */
  matchLimit: number;
  /** How many of the first customer's latest interactions. */
  historySize: number;
  /** Viewers not allowed case details get null instead of the open cases. */
  withOpenCases: boolean;
}

/** The statement's single row: each column is JSON, parsed by pg. */
export interface ScreenPopRow {
  matches: CustomerRow[];
  primary_customer: CustomerRow | null;
  interactions: PopInteractionRow[];
  open_cases: CaseRow[] | null;
}

/** As many open cases as CaseRepository.openForCustomer gives by default. */
const OPEN_CASES_LIMIT = 50;
/** The statuses of the partial index tickets_customer_open. */
const OPEN_CASE_STATUSES: CaseStatus[] = ['new', 'open', 'pending_customer'];

// The interaction columns InteractionRepository reads (keep the two in step; the Interaction
// type below makes the compiler point at a field one side lacks).
const INTERACTION_COLUMNS = [
  'i.id',
  'i.customer_id',
  'cu.name as customer_name',
  'i.csat_score',
  'i.kind',
  'i.direction',
  'i.caller_number',
  'i.agent_id',
  'a.display_name as agent_name',
  'q.display_name as queue_name',
  'k.name as campaign_name',
  'i.started_at',
  'i.queued_at',
  'i.offered_at',
  'i.answered_at',
  'i.ended_at',
  'i.wait_seconds',
  'i.talk_seconds',
  'i.hold_seconds',
  'i.wrap_seconds',
  'i.end_reason',
  'i.disposition',
  'i.notes',
];

export interface PopInteractionRow {
  id: number;
  customer_id: number | null;
  customer_name: string | null;
  csat_score: number | null;
  kind: InteractionKind;
  direction: Direction | null;
  caller_number: string | null;
  agent_id: number | null;
  agent_name: string | null;
  queue_name: string | null;
  campaign_name: string | null;
  started_at: Date;
  queued_at: Date | null;
  offered_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  wait_seconds: number | null;
  talk_seconds: number | null;
  hold_seconds: number | null;
  wrap_seconds: number | null;
  end_reason: EndReason | null;
  disposition: string | null;
  notes: string | null;
}

export function toPopInteraction(r: PopInteractionRow): Interaction {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    kind: r.kind,
    direction: r.direction,
    callerNumber: r.caller_number,
    agentId: r.agent_id,
    agentName: r.agent_name,
    queueName: r.queue_name,
    campaignName: r.campaign_name,
    startedAt: isoRequired(r.started_at),
    queuedAt: iso(r.queued_at),
    offeredAt: iso(r.offered_at),
    answeredAt: iso(r.answered_at),
    endedAt: iso(r.ended_at),
    waitSeconds: r.wait_seconds,
    talkSeconds: r.talk_seconds,
    holdSeconds: r.hold_seconds,
    wrapSeconds: r.wrap_seconds,
    endReason: r.end_reason,
    disposition: r.disposition,
    notes: r.notes,
    csatScore: r.csat_score,
  };
}

/**
 * A row that came as JSON, with its timestamps (the `*_at` columns, ISO strings in JSON)
 * as Dates again: what pg gives for the same row read directly.
 */
export function reviveTimestamps<T extends object>(row: T): T {
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const [k, v] of Object.entries(out)) if (k.endsWith('_at') && typeof v === 'string') out[k] = new Date(v);
  return out as T;
}

export function screenPopStatement(db: Knex, q: ScreenPopQuery): Knex.Raw<{ rows: ScreenPopRow[] }> {
  const vis = customerVisibleTo(q.viewer);
  // `first_match` is the CTE below: the customer the pop is about.
  const latestInteractions = db('interactions as i')
    .leftJoin('customers as cu', 'cu.id', 'i.customer_id')
    .leftJoin('users as a', 'a.id', 'i.agent_id')
    .leftJoin('queues as q', 'q.id', 'i.queue_id')
    .leftJoin('campaigns as k', 'k.id', 'i.campaign_id')
    .select(INTERACTION_COLUMNS)
    .whereRaw('i.customer_id = (SELECT id FROM first_match)')
    .orderBy([
      { column: 'i.started_at', order: 'desc' },
      { column: 'i.id', order: 'desc' },
    ])
    .limit(q.historySize);
  // The soonest due first, as CaseRepository.openForCustomer; the id only breaks ties.
  const openCases = caseSummaryQuery(db)
    .whereRaw('t.customer_id = (SELECT id FROM first_match)')
    .whereIn('t.status', OPEN_CASE_STATUSES)
    .orderByRaw('t.resolve_due_at ASC NULLS LAST, t.created_at DESC, t.id DESC')
    .limit(OPEN_CASES_LIMIT);

  const openCasesJson = q.withOpenCases
    ? `(SELECT COALESCE(json_agg(oc ORDER BY oc.resolve_due_at ASC NULLS LAST, oc.created_at DESC, oc.id DESC), '[]')
         FROM ? oc)`
    : 'NULL';

  // json_agg is given the subqueries' order again: an aggregate's input order is only certain
  // when it is spelled out. Knex puts each subquery (a `?` in the FROM lists) in parentheses.
  const sql = `
    WITH matches AS (
      SELECT c.*, ${PHONES_JSON}
        FROM customers c
       WHERE c.id IN (SELECT customer_id FROM customer_phones WHERE e164 = ?)
         AND (${vis.sql})
       ORDER BY c.last_contact_at DESC NULLS LAST, c.id DESC
       LIMIT ?
    ),
    first_match AS (
      SELECT * FROM matches ORDER BY last_contact_at DESC NULLS LAST, id DESC LIMIT 1
    )
    SELECT
      (SELECT COALESCE(json_agg(m ORDER BY m.last_contact_at DESC NULLS LAST, m.id DESC), '[]')
         FROM matches m) AS matches,
      (SELECT row_to_json(f)
         FROM (SELECT fm.*, o.display_name AS owner_name FROM first_match fm LEFT JOIN users o ON o.id = fm.owner_id) f
      ) AS primary_customer,
      (SELECT COALESCE(json_agg(h ORDER BY h.started_at DESC, h.id DESC), '[]')
         FROM ? h) AS interactions,
      ${openCasesJson} AS open_cases`;
  const bindings = [q.e164, ...vis.bindings, q.matchLimit, latestInteractions, ...(q.withOpenCases ? [openCases] : [])];
  return db.raw(sql, bindings);
}
