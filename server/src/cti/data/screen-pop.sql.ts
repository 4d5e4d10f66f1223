// The screen-pop as one statement: the customers on the caller's number that the viewer may
// see (most recent contact first) and, for the first of them, the full record, the latest
// interactions and the open cases. One round trip instead of four, and the first customer is
// read once.
//
// Each part is an ordinary select of the columns the single reads use, and PostgreSQL hands
// its rows back as JSON (timestamps become strings: reviveTimestamps turns them back into
// Dates), so the same row mappers apply. The first customer's RFM segment is one primary-key
// join on customer_rfm, for that one row only. A column added to a part's select list (the open
// cases take theirs from case-row.ts) reaches the pop without touching the statement.
import type { Knex } from 'knex';
import { RUNNING_CASE_STATUSES } from '../../../../contract/index.js';
import type { Viewer } from '../../identity/request-context.js';
import { caseSummaryQuery, type CaseRow } from '../../cases/data/case-row.js';
import { PHONES_JSON, RFM_COLUMNS, type CustomerRow } from '../../customers/data/customer-row.js';
import { customerVisibleTo, type SqlFragment } from '../../customers/data/customer-visibility.sql.js';
import { interactionQuery, type InteractionRow } from './interaction-row.js';
import { PreparedShapes, runPrepared } from '../../platform/db/prepared-statement.js';

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
  interactions: InteractionRow[];
  open_cases: CaseRow[] | null;
}

/** As many open cases as CaseRepository.openForCustomer gives by default. */
const OPEN_CASES_LIMIT = 50;

/**
 * A row that came as JSON, with its timestamps (the `*_at` columns, ISO strings in JSON)
 * as Dates again: what pg gives for the same row read directly.
 */
export function reviveTimestamps<T extends object>(row: T): T {
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const [k, v] of Object.entries(out)) if (k.endsWith('_at') && typeof v === 'string') out[k] = new Date(v);
  return out as T;
}

const shapes = new PreparedShapes();

/**
 * The statement as a named prepared statement, compiled once per shape: the visibility rule's
 * text, whether it reads the open cases, and the limits. The number and the viewer's ids are
 * its first values (see buildStatement), the rest are fixed by the shape.
 */
export function screenPopStatement(db: Knex, q: ScreenPopQuery): Knex.Raw<{ rows: ScreenPopRow[] }> {
  const vis = customerVisibleTo(q.viewer);
  const shape = shapes.compiled(`${vis.sql}|${q.withOpenCases}|${q.matchLimit}|${q.historySize}`, () => buildStatement(db, q, vis));
  const values = [q.e164, ...vis.bindings, ...shape.bindings.slice(1 + vis.bindings.length)];
  return runPrepared(db, shape, values);
}

/** The number is the first value and the viewer's ids follow: screenPopStatement relies on it. */
function buildStatement(db: Knex, q: ScreenPopQuery, vis: SqlFragment): Knex.Raw {
  // `first_match` is the CTE below: the customer the pop is about.
  const latestInteractions = interactionQuery(db)
    .whereRaw('i.customer_id = (SELECT id FROM first_match)')
    .orderBy([
      { column: 'i.started_at', order: 'desc' },
      { column: 'i.id', order: 'desc' },
    ])
    .limit(q.historySize);
  // The soonest due first, as CaseRepository.openForCustomer; the id only breaks ties.
  const openCases = caseSummaryQuery(db)
    .whereRaw('t.customer_id = (SELECT id FROM first_match)')
    .whereIn('t.status', RUNNING_CASE_STATUSES) // the statuses of the partial index tickets_customer_open
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
         FROM (SELECT fm.*, o.display_name AS owner_name, ${RFM_COLUMNS}
                 FROM first_match fm LEFT JOIN users o ON o.id = fm.owner_id LEFT JOIN customer_rfm rf ON rf.customer_id = fm.id) f
      ) AS primary_customer,
      (SELECT COALESCE(json_agg(h ORDER BY h.started_at DESC, h.id DESC), '[]')
         FROM ? h) AS interactions,
      ${openCasesJson} AS open_cases`;
  const bindings = [q.e164, ...vis.bindings, q.matchLimit, latestInteractions, ...(q.withOpenCases ? [openCases] : [])];
  return db.raw(sql, bindings);
}
