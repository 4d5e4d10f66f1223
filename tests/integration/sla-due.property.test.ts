// The SLA sweep's due condition (server/src/cases/data/sla-due.sql.ts) against the domain's
// checkCase, on real PostgreSQL: over random cases (clocks running, stopped, paused, missing;
// stored states right, stale, re-armed, empty, made up) and instants on both sides of every
// boundary (to the millisecond, and with microseconds as bulk-loaded data has them), the
// sweep reads exactly the cases for which checkCase would fire something or change what is
// stored: no case it should act on is missed, and no quiet case is read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Knex } from 'knex';
import { checkCase, sameSweepState, type Level2Point } from '../../server/src/cases/rules/sla-sweep.js';
import type { EscalationLevel, EscalationState } from '../../server/src/cases/rules/escalation.js';
import { claimDue, dueIds, SWEEP_ROW_SQL, type SweepRow } from '../../server/src/cases/data/sla-sweep.repository.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

const MIN = 60_000;
const NOW = Date.parse('2026-06-01T08:00:00Z');
const l2Always: Level2Point = (_clock, dueAt) => dueAt + 30 * MIN;
const l2Never: Level2Point = () => null;

/** An instant near now: whole minutes either side, a millisecond either side, or now itself. */
interface Instant {
  ms: number;
  /** Microseconds past the millisecond (bulk-loaded data has them). */
  us: number;
}
const instant: fc.Arbitrary<Instant> = fc.record({
  ms: fc.oneof(
    fc.integer({ min: -4, max: 4 }).map((k) => NOW + k * 30 * MIN),
    fc.constantFrom(NOW - 1, NOW, NOW + 1),
    fc.integer({ min: -150, max: 150 }).map((k) => NOW + k * MIN),
  ),
  us: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 999 }) }),
});
const sqlInstant = (i: Instant | null) =>
  i === null ? null : new Date(i.ms).toISOString().replace('Z', `${String(i.us).padStart(3, '0')}Z`);

const LEVELS = [null, 'at_risk', 'breached', 'breached_level2'] as const;
/** A stored clock state: none, an empty one (a restarted clock), or one for this or another due time. */
const clockState = fc.oneof(
  fc.constant({ shape: 'absent' as const }),
  fc.constant({ shape: 'empty' as const }),
  fc.record({
    shape: fc.constant('set' as const),
    forCurrentDue: fc.boolean(),
    otherDue: instant,
    passed: fc.constantFrom(...LEVELS),
    level2: fc.option(instant, { nil: null }),
  }),
);
type ClockStateSpec = typeof clockState extends fc.Arbitrary<infer T> ? T : never;

const caseSpec = fc.record({
  kind: fc.constantFrom('ticket' as const, 'complaint' as const),
  ackDue: fc.option(instant, { nil: null }),
  ackRisk: fc.option(instant, { nil: null }),
  ackStop: fc.option(instant, { nil: null, freq: 3 }),
  resDue: fc.option(instant, { nil: null, freq: 8 }),
  resRisk: fc.option(instant, { nil: null, freq: 8 }),
  paused: fc.option(instant, { nil: null, freq: 3 }),
  status: fc.constantFrom('on_track' as const, 'at_risk' as const, 'breached' as const),
  ack: clockState,
  resolve: clockState,
  // Most cases were swept before (at this instant), as on a server that keeps up.
  sweptAt: fc.option(instant, { nil: null, freq: 4 }),
});
type CaseSpec = typeof caseSpec extends fc.Arbitrary<infer T> ? T : never;

function storedClock(spec: ClockStateSpec, currentDue: number | null): EscalationState['resolve'] | 'absent' {
  if (spec.shape === 'absent') return 'absent';
  if (spec.shape === 'empty') return {} as never;
  const dueAtMs = spec.forCurrentDue && currentDue !== null ? currentDue : spec.otherDue.ms;
  const state: { dueAtMs: number; passed: EscalationLevel | null; level2AtMs?: number } = { dueAtMs, passed: spec.passed };
  if (spec.level2) state.level2AtMs = spec.level2.ms;
  return state;
}

const swept = (row: SweepRow, state: EscalationState, now: number, l2: Level2Point) =>
  checkCase(
    {
      kind: row.kind,
      running: true,
      acknowledge: { dueAt: row.ack_due, atRiskAt: row.ack_risk, stoppedAt: row.ack_stop, pausedAt: null },
      resolve: { dueAt: row.res_due, atRiskAt: row.res_risk, stoppedAt: null, pausedAt: row.paused },
      state,
    },
    now,
    l2,
  );

/** Whether the sweep, reading this case at `now`, would fire or write anything. */
function checkCaseChanges(row: SweepRow, now: number, l2: Level2Point): boolean {
  const check = swept(row, row.state, now, l2);
  return check.fire.length > 0 || !sameSweepState(check.state, row.state) || check.status !== row.sla_status;
}

const readAll = async (trx: Knex.Transaction) =>
  ((await trx.raw(`SELECT ${SWEEP_ROW_SQL} FROM case_sla s ORDER BY s.ticket_id`)) as { rows: SweepRow[] }).rows;

/** Loads the cases into a case_sla of this transaction's own; answers them as the sweep reads them. */
async function load(trx: Knex.Transaction, specs: CaseSpec[], l2: Level2Point): Promise<SweepRow[]> {
  // A temporary table of the same shape shadows the real one, without its key on the cases.
  await trx.raw('CREATE TEMP TABLE case_sla (LIKE public.case_sla INCLUDING DEFAULTS) ON COMMIT DROP');
  await trx('case_sla').insert(
    specs.map((c, i) => ({
      ticket_id: i + 1,
      kind: c.kind,
      priority: 'P3',
      ack_due_at: sqlInstant(c.ackDue),
      ack_at_risk_at: sqlInstant(c.ackRisk),
      acknowledged_at: sqlInstant(c.ackStop),
      resolve_due_at: sqlInstant(c.resDue),
      resolve_at_risk_at: sqlInstant(c.resRisk),
      paused_at: sqlInstant(c.paused),
      status: c.status,
    })),
  );
  // The stored states are built from the instants as the sweep reads them back (milliseconds
  // as float8), as the sweep itself would have written them.
  const rows = await readAll(trx);
  const states: string[] = [];
  const statuses: string[] = [];
  for (const [i, row] of rows.entries()) {
    const spec = specs[i]!;
    let state: EscalationState = {};
    const ack = storedClock(spec.ack, row.ack_due);
    const resolve = storedClock(spec.resolve, row.res_due);
    if (ack !== 'absent') state.acknowledge = ack;
    if (resolve !== 'absent') state.resolve = resolve;
    let status: string = spec.status;
    if (spec.sweptAt) {
      const before = swept(row, state, spec.sweptAt.ms, l2);
      state = before.state;
      status = before.status;
    }
    states.push(JSON.stringify(state));
    statuses.push(status);
  }
  await trx.raw(
    `UPDATE case_sla s SET state = u.state::jsonb, status = u.status
     FROM unnest(?::bigint[], ?::text[], ?::text[]) AS u(id, state, status) WHERE s.ticket_id = u.id`,
    [rows.map((r) => Number(r.id)), states, statuses] as never,
  );
  return readAll(trx);
}

async function compare(specs: CaseSpec[], l2: Level2Point): Promise<{ expected: number[]; selected: number[]; rows: SweepRow[] }> {
  const trx = await t.db.transaction();
  try {
    const rows = await load(trx, specs, l2);
    const expected = rows.filter((r) => checkCaseChanges(r, NOW, l2)).map((r) => Number(r.id));
    // The pass's scan for the due ids, and the batch's read of them, which asks the condition again.
    const selected = await dueIds(trx, new Date(NOW));
    const claimed = (await claimDue(trx, new Date(NOW), rows.map((r) => Number(r.id)))).map((r) => Number(r.id));
    expect(claimed).toEqual(selected);
    return { expected, selected, rows };
  } finally {
    await trx.rollback();
  }
}

describe('the SLA sweep reads a case exactly when checkCase would act on it', () => {
  it('selects in SQL the very cases checkCase would fire for or change, no more, no fewer', async () => {
    let quiet = 0;
    let due = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(caseSpec, { minLength: 1, maxLength: 60, size: 'medium' }), async (specs) => {
        const { expected, selected } = await compare(specs, l2Always);
        expect(selected).toEqual(expected);
        due += expected.length;
        quiet += specs.length - expected.length;
      }),
      { numRuns: 150 },
    );
    // Both sides of the condition were exercised, not only one.
    expect(quiet).toBeGreaterThan(500);
    expect(due).toBeGreaterThan(500);
  });

  it('reads in excess only breached complaints whose policy gives no level-2 instant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseSpec, { minLength: 1, maxLength: 60, size: 'medium' }), async (specs) => {
        const { expected, selected, rows } = await compare(specs, l2Never);
        expect(selected).toEqual(expect.arrayContaining(expected));
        for (const id of selected.filter((s) => !expected.includes(s))) {
          const row = rows.find((r) => Number(r.id) === id)!;
          expect(row.kind).toBe('complaint');
          expect(swept(row, row.state, NOW, l2Never).status).toBe('breached');
        }
      }),
      { numRuns: 40 },
    );
  });
});
