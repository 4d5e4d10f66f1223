// Case-work benchmark on the loaded data set: the filtered ticket/complaint list and full-text
// search through the real repository (as a supervisor and as an admin), the screen-pop's
// open-items query, and SLA sweeps over 100,000 open cases due for a check.
import type { Db } from '../../../server/src/platform/db/database.js';
import { CaseRepository } from '../../../server/src/cases/data/case.repository.js';
import { SlaScheduler } from '../../../server/src/cases/sla-scheduler.js';
import { refreshAllCaseSla } from '../../../server/src/cases/data/case-sla.sql.js';
import type { Services } from '../../../server/src/compose.js';
import { logger } from '../../../server/src/platform/logger.js';
import { systemClock } from '../../../server/src/platform/clock.js';
import type { CaseListQuery } from '../../../contract/index.js';
import type { Viewer } from '../../../server/src/customers/rules/access-policy.js';
import type { Rng } from '../../../server/src/seed/random.js';
import { elapsedMs, summarize, type LatencySummary } from '../stats.js';

export interface CaseBenchResult {
  list: LatencySummary & { avgRows: number };
  search: LatencySummary & { avgRows: number; zeroHits: number };
  openItems: LatencySummary & { avgRows: number };
  sweep: { catchUp: SweepRun; recheck: SweepRun; idle: SweepRun };
}

export interface SweepRun {
  /** Cases due for a check when the sweep began. */
  openCases: number;
  checked: number;
  fired: number;
  ms: number;
  perCaseUs: number;
}

const STATUSES = ['active', 'new', 'open', 'pending_customer', 'resolved', 'closed'] as const;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const SLA = ['at_risk', 'breached'] as const;
const DUE = ['overdue', 'today', 'week'] as const;

/** A random filter combination such as a supervisor would click together. */
function randomFilter(rng: Rng, assignees: number[]): CaseListQuery {
  const f: CaseListQuery = { limit: 25 };
  if (rng.chance(0.7)) f.status = rng.pick(STATUSES);
  if (rng.chance(0.4)) f.kind = rng.pick(['ticket', 'complaint'] as const);
  if (rng.chance(0.3)) f.priority = rng.pick(PRIORITIES);
  if (rng.chance(0.3)) f.assignee = rng.pick(assignees);
  if (rng.chance(0.15)) f.sla = rng.pick(SLA);
  if (rng.chance(0.15)) f.due = rng.pick(DUE);
  if (rng.chance(0.2)) f.category = rng.pick(['service', 'billing', 'product', 'fault']);
  return f;
}

async function timed<T>(n: number, run: (i: number) => Promise<T>, rows: (r: T) => number): Promise<{ samples: Float64Array; rows: number }> {
  const samples = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = await run(i);
    samples[i] = elapsedMs(t0);
    total += rows(r);
  }
  return { samples, rows: total };
}

export async function benchCases(
  db: Db,
  services: Services,
  rng: Rng,
  opts: { iterations: number; searchWords: string[]; customerIds: number[]; sweepCases: number },
): Promise<CaseBenchResult> {
  const repo = new CaseRepository(db);
  const admin: Viewer = { id: 0, role: 'admin', teamId: null };
  const assignees = ((await db('users').select('id').where('role', 'agent').limit(50)) as { id: number }[]).map((u) => u.id);
  const now = new Date();
  const window = { now, endOfToday: new Date(now.getTime() + 12 * 3600_000) };

  // Warm-up: plans and the first pages into memory, as on a server that has been running.
  for (let i = 0; i < 20; i++) await repo.list(admin, randomFilter(rng, assignees), window);

  const list = await timed(opts.iterations, () => repo.list(admin, randomFilter(rng, assignees), window), (r) => r.items.length);
  let zeroHits = 0;
  const search = await timed(
    opts.iterations,
    () => {
      const f: CaseListQuery = { limit: 25, q: rng.pick(opts.searchWords) };
      if (rng.chance(0.5)) f.status = 'active';
      return repo.list(admin, f, window);
    },
    (r) => {
      if (r.items.length === 0) zeroHits++;
      return r.items.length;
    },
  );
  const openItems = await timed(opts.iterations, () => repo.openForCustomer(rng.pick(opts.customerIds), 50, now), (r) => r.length);

  const sweep = await benchSweep(db, services, opts.sweepCases);
  return {
    list: { ...summarize(list.samples), avgRows: list.rows / opts.iterations },
    search: { ...summarize(search.samples), avgRows: search.rows / opts.iterations, zeroHits },
    openItems: { ...summarize(openItems.samples), avgRows: openItems.rows / opts.iterations },
    sweep,
  };
}

/**
 * Two sweeps over the same `n` open cases, each with all of them due for a check at once:
 * - catch-up: their sweep state forgotten, as after a long outage, so every level their
 *   clocks have reached fires (the most work a sweep can have per case);
 * - re-check: the same cases looked at again with their state kept (as after a change of SLA
 *   policy), so each is read, decided and rewritten but nothing fires;
 * - idle: one more pass with nothing due, over every running case (openCases is their number).
 */
async function benchSweep(db: Db, services: Services, n: number): Promise<CaseBenchResult['sweep']> {
  const due = async (forget: boolean) => {
    await db.raw(
      `UPDATE case_sla SET next_check_at = now() - interval '1 second'${forget ? `, state = '{}', status = 'on_track'` : ''}
       WHERE ticket_id IN (SELECT ticket_id FROM case_sla ORDER BY ticket_id LIMIT ?)`,
      [n],
    );
    await db.raw('VACUUM ANALYZE case_sla');
    return Number((await db('case_sla').where('next_check_at', '<=', new Date()).count('* as n').first())?.n ?? 0);
  };
  // The loaded history may hold fewer running cases than asked for: the most recent finished
  // ones are reopened to make up the number.
  const running = Number((await db('case_sla').count('* as n').first())?.n ?? 0);
  if (running < n) {
    await db.raw(
      `UPDATE tickets SET status = 'open', resolved_at = NULL, closed_at = NULL
       WHERE id IN (SELECT id FROM tickets WHERE status IN ('resolved', 'closed') ORDER BY created_at DESC LIMIT ?)`,
      [n - running],
    );
    await refreshAllCaseSla(db, new Date());
  }
  const scheduler = new SlaScheduler(
    { db, sla: services.sla, clock: systemClock, log: logger.child({ bench: 'sla' }), notifier: { escalationRaised: () => {} } },
    0,
  );
  const run = async (forget: boolean): Promise<SweepRun> => {
    const openCases = await due(forget);
    const t0 = process.hrtime.bigint();
    const r = await scheduler.sweep();
    const ms = elapsedMs(t0);
    return { openCases, checked: r.checked, fired: r.fired, ms: Math.round(ms), perCaseUs: Math.round((ms * 1000) / Math.max(1, r.checked)) };
  };
  const catchUp = await run(true);
  const recheck = await run(false);
  // A pass with nothing due: what every tick costs while the backlog is quiet.
  const t0 = process.hrtime.bigint();
  const r = await scheduler.sweep();
  const idle = { openCases: Number((await db('case_sla').count('* as n').first())?.n ?? 0), checked: r.checked, fired: r.fired, ms: round1(elapsedMs(t0)), perCaseUs: 0 };
  return { catchUp, recheck, idle };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
