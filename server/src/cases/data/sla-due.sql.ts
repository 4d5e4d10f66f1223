// "Has the SLA sweep anything to do for this case now?", asked in SQL over the sweep's working
// set (case_sla), so that a pass over the open backlog reads only the cases that change: a quiet
// case is looked at by PostgreSQL alone, never sent to the server, never written.
//
// It restates what checkCase (rules/sla-sweep.ts) would change, from the copied instants and
// the levels already passed (case_sla.state): a case is due when, for a running clock,
//   - the state was written for another due time (or not at all): re-arming, first sight;
//   - the level the clock has reached is above the level already passed: something fires;
//   - a complaint's breached clock has no level-2 instant kept yet, or a clock no longer
//     breached still keeps one;
// or when the worst clock (the status lists filter on) is not the one stored.
// checkCase stays the one rule for what fires; sla-due.property.test.ts checks over random
// cases and instants that this selects exactly the cases checkCase would change. The one
// case it selects in excess: a breached complaint whose policy cannot give a level-2 instant
// (a category it cannot read) keeps none, and is read again on each pass to find just that.
//
// Instants of the sweep's state are epoch milliseconds (float8), compared with the columns
// turned into milliseconds by the same expression the sweep reads them with (SWEEP_MS), so SQL
// and JavaScript compare the very same numbers. The due time a state was written for is whole
// milliseconds (a JavaScript Date's), hence floor() where it is compared: bulk-loaded instants
// carry microseconds. `p.now` / `p.now_ms` are the sweep's clock.

/** A timestamptz column as epoch milliseconds, as the sweep reads it. */
export const SWEEP_MS = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;

interface ClockSql {
  /** The clock runs (it has a deadline and has not stopped). */
  on: string;
  /** Where the clock reads: now, or when it was paused. */
  end: string;
  endMs: string;
  due: string;
  risk: string;
  state: string;
}

const ACK: ClockSql = {
  on: "s.kind = 'complaint' AND s.ack_due_at IS NOT NULL AND s.acknowledged_at IS NULL",
  end: 'p.now',
  endMs: 'p.now_ms',
  due: 's.ack_due_at',
  risk: 's.ack_at_risk_at',
  state: "s.state->'acknowledge'",
};

// A paused resolution clock reads as at the moment it paused.
const RESOLVE: ClockSql = {
  on: 's.resolve_due_at IS NOT NULL',
  end: 'CASE WHEN s.paused_at IS NULL THEN p.now ELSE least(p.now, s.paused_at) END',
  endMs: `CASE WHEN s.paused_at IS NULL THEN p.now_ms ELSE least(p.now_ms, ${SWEEP_MS('s.paused_at')}) END`,
  due: 's.resolve_due_at',
  risk: 's.resolve_at_risk_at',
  state: "s.state->'resolve'",
};

const breached = (c: ClockSql) => `(${c.end}) > ${c.due}`;
const atRisk = (c: ClockSql) => `(${c.risk} IS NOT NULL AND (${c.end}) >= ${c.risk})`;

/** The level a running clock has reached, as ESCALATION_LEVELS' index (-1: none). */
function reached(c: ClockSql): string {
  return `CASE WHEN ${breached(c)} THEN
      CASE WHEN s.kind = 'complaint' AND (${c.endMs}) >= (${c.state}->>'level2AtMs')::float8 THEN 2 ELSE 1 END
    WHEN ${atRisk(c)} THEN 0 ELSE -1 END`;
}

function passed(c: ClockSql): string {
  return `CASE ${c.state}->>'passed' WHEN 'at_risk' THEN 0 WHEN 'breached' THEN 1 WHEN 'breached_level2' THEN 2 ELSE -1 END`;
}

/** What checkCase would write for one running clock differs from what is stored. */
function clockChanges(c: ClockSql): string {
  return `(${c.on} AND (
      (${c.state}->>'dueAtMs')::float8 IS DISTINCT FROM floor(${SWEEP_MS(c.due)})
      OR (${reached(c)}) > (${passed(c)})
      OR (s.kind = 'complaint' AND ${breached(c)}) <> ((${c.state}->>'level2AtMs') IS NOT NULL)))`;
}

const STATUS = `CASE
    WHEN (${ACK.on} AND ${breached(ACK)}) OR (${RESOLVE.on} AND ${breached(RESOLVE)}) THEN 'breached'
    WHEN (${ACK.on} AND ${atRisk(ACK)}) OR (${RESOLVE.on} AND ${atRisk(RESOLVE)}) THEN 'at_risk'
    ELSE 'on_track' END`;

/**
 * Where a running case stands now (its worst clock: 'on_track', 'at_risk' or 'breached'), over
 * `case_sla s` and `p`. What reports count and lists filter on, so they agree with the clocks
 * each row shows whether or not the sweep has caught up (right after start-up it has not).
 */
export const SLA_STATUS_SQL = STATUS;

/**
 * The due condition over `case_sla s` and `p (now timestamptz, now_ms float8)`. Cheapest first:
 * the status compares instants only; the state's JSON is read for the cases still in question.
 */
export const SLA_DUE_SQL = `((${STATUS}) <> s.status OR ${clockChanges(RESOLVE)} OR ${clockChanges(ACK)})`;

/** The sweep's clock as the one-row relation `p` the condition reads. */
export const SWEEP_NOW_SQL = '(SELECT ?::timestamptz AS now, ?::float8 AS now_ms) AS p';
