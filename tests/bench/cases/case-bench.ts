// Case-work benchmark on the loaded data set: the filtered ticket/complaint list and full-text
// search through the real repository (as a supervisor and as an admin), the screen-pop's
// open-items query, and SLA sweeps over 100,000 open cases due for a check.
import os from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
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
  sweep: {
    rounds: number;
    catchUp: SweepRun;
    recheck: SweepRun;
    idle: SweepRun;
    /**
     * The event-loop lag over a few seconds of doing nothing, just before the sweeps: what the
     * machine itself adds (a busy machine delays every turn of the loop, sweep or not).
     */
    baselineLag: { seconds: number; maxMs: number; p99Ms: number };
    /** The machine's 1-minute load average when the sweeps began (others' work delays ours). */
    loadAverage: number;
  };
}

export interface SweepRun {
  /** Cases due for a check when the sweep began. */
  openCases: number;
  checked: number;
  fired: number;
  /** Median over the rounds. */
  ms: number;
  /** Every round's time, in order. */
  msRuns: number[];
  perCaseUs: number;
  /**
   * How late the event loop ran while the sweep was under way (perf_hooks
   * monitorEventLoopDelay, 10 ms resolution): the worst delay of any round, and the median
   * over the rounds of each round's p99. A long synchronous stretch shows here as the time
   * every other request (a screen-pop, a socket event) would have waited.
   */
  lagMaxMs: number;
  lagP99Ms: number;
  /**
   * The longest garbage-collection pause of any round: a lag well above it (and above the idle
   * baseline) is the sweep's own synchronous work; one near it is the collector's.
   */
  gcMaxMs: number;
}

/** Sweep rounds; each round is a catch-up, a re-check and an idle pass. */
const SWEEP_ROUNDS = 3;
const BASELINE_SECONDS = 5;

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
  const repo = new CaseRepository(db, services.sensitiveFields);
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
 * Sweeps over the same `n` open cases, in SWEEP_ROUNDS rounds of three (medians reported):
 * - catch-up: their sweep state forgotten (and what earlier rounds fired for them deleted), as
 *   after a long outage, so every level their clocks have reached fires (the most work a sweep
 *   can have per case);
 * - re-check: the same cases looked at again with their state kept (as after a change of SLA
 *   policy), so each is considered but nothing fires;
 * - idle: one more pass with nothing new, over every running case (openCases is their number).
 */
async function benchSweep(db: Db, services: Services, n: number): Promise<CaseBenchResult['sweep']> {
  // The set's next-check column went when the sweep began to decide what is due in SQL; the
  // same bench measures both, so it asks for a check only where the column is there.
  const hasNextCheck = await db.schema.hasColumn('case_sla', 'next_check_at');
  const bucket = `(SELECT ticket_id FROM case_sla ORDER BY ticket_id LIMIT ${Number(n)})`;
  const due = async (forget: boolean) => {
    if (forget) {
      await db.raw(`DELETE FROM escalations WHERE ticket_id IN ${bucket}`);
      await db.raw(`DELETE FROM case_events WHERE actor_id IS NULL AND type IN ('at_risk', 'breached', 'escalated') AND ticket_id IN ${bucket}`);
    }
    const sets = [
      ...(hasNextCheck ? ["next_check_at = now() - interval '1 second'"] : []),
      ...(forget ? ["state = '{}'", "status = 'on_track'"] : []),
    ];
    if (sets.length) await db.raw(`UPDATE case_sla SET ${sets.join(', ')} WHERE ticket_id IN ${bucket}`);
    await db.raw('VACUUM ANALYZE case_sla');
    if (forget) await db.raw('VACUUM ANALYZE escalations');
    return hasNextCheck ? Number((await db('case_sla').where('next_check_at', '<=', new Date()).count('* as n').first())?.n ?? 0) : n;
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
    await refreshAllCaseSla(db);
  }
  const scheduler = new SlaScheduler(
    { db, sla: services.sla, clock: systemClock, log: logger.child({ bench: 'sla' }), notifier: { escalationRaised: () => {} } },
    0,
  );
  const timedSweep = async () => {
    const lag = monitorEventLoopDelay({ resolution: 10 });
    let gcMaxMs = 0;
    const gc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, e.duration);
    });
    gc.observe({ entryTypes: ['gc'] });
    lag.enable();
    const t0 = process.hrtime.bigint();
    const r = await scheduler.sweep();
    const ms = elapsedMs(t0);
    lag.disable();
    gc.disconnect();
    return { r, ms, lagMaxMs: lag.max / 1e6, lagP99Ms: lag.percentile(99) / 1e6, gcMaxMs };
  };
  type Sample = Awaited<ReturnType<typeof timedSweep>> & { openCases: number };
  const loadAverage = round1(os.loadavg()[0]!);
  const baseline = monitorEventLoopDelay({ resolution: 10 });
  baseline.enable();
  await new Promise((r) => setTimeout(r, BASELINE_SECONDS * 1000));
  baseline.disable();
  const baselineLag = { seconds: BASELINE_SECONDS, maxMs: round1(baseline.max / 1e6), p99Ms: round1(baseline.percentile(99) / 1e6) };
  const samples = { catchUp: [] as Sample[], recheck: [] as Sample[], idle: [] as Sample[] };
  for (let round = 0; round < SWEEP_ROUNDS; round++) {
    samples.catchUp.push({ openCases: await due(true), ...(await timedSweep()) });
    samples.recheck.push({ openCases: await due(false), ...(await timedSweep()) });
    // A pass with nothing new: what every tick costs while the backlog is quiet.
    const openCases = Number((await db('case_sla').count('* as n').first())?.n ?? 0);
    samples.idle.push({ openCases, ...(await timedSweep()) });
  }
  const summary = (runs: Sample[], rounding: (x: number) => number): SweepRun => {
    const ms = median(runs.map((s) => s.ms));
    const last = runs[runs.length - 1]!;
    return {
      openCases: last.openCases,
      checked: last.r.checked,
      fired: last.r.fired,
      ms: rounding(ms),
      msRuns: runs.map((s) => rounding(s.ms)),
      perCaseUs: last.r.checked ? Math.round((ms * 1000) / last.r.checked) : 0,
      lagMaxMs: round1(Math.max(...runs.map((s) => s.lagMaxMs))),
      lagP99Ms: round1(median(runs.map((s) => s.lagP99Ms))),
      gcMaxMs: round1(Math.max(...runs.map((s) => s.gcMaxMs))),
    };
  };
  return {
    rounds: SWEEP_ROUNDS,
    baselineLag,
    loadAverage,
    catchUp: summary(samples.catchUp, Math.round),
    recheck: summary(samples.recheck, Math.round),
    idle: summary(samples.idle, round1),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
