// The ACD under load: N agents at their desks (phone registered, console open, Ready) in one
// queue; callers dial its hotline through kefu's own switch at a fixed rate (open loop), each
// call answered by the agent's phone at once, hung up by the caller after a short talk, then
// wrap-up until the queue's limit makes the agent Ready again. Everything the production server
// does happens: admission with the screen-pop query, routing, offers, the call log and the
// agents' state history written to PostgreSQL, pushes to the consoles. Kamailio as a plain
// proxy at the same rate is measured beside it (no queue: each INVITE goes straight to an agent).
import os from 'node:os';
import pg from 'pg';
import type { Db } from '../../../server/src/platform/db/database.js';
import { KAMAILIO_DOMAIN } from '../../support/kamailio.js';
import { RingTracker, runCalls, type LoadOutcome } from '../switch/caller.js';
import { startBenchKamailio } from '../switch/kamailio-proxy.js';
import { LoadUa } from '../switch/sip-load-client.js';
import { round, summarize, type LatencySummary } from '../stats.js';
import { leaveDesk, seatAgent, type AgentDesk } from './agent-desks.js';
import { QUEUE_BENCH_HOTLINE, QUEUE_BENCH_SIP_DOMAIN, seedQueueBench } from './queue-fixture.js';
import { QueueRingTracker } from './queue-ring-tracker.js';
import type { QueueServerReport } from './queue-server.js';
import { startQueueServer } from './queue-server-process.js';

export interface QueueBenchOptions {
  agents: number;
  calls: number;
  /** Offered calls per second (open loop). */
  rate: number;
  /** The caller hangs up this long after the 200 OK. */
  holdMs: number;
  /** Untimed calls first, at the same rate: the server's code paths warm up. */
  warmupCalls: number;
  wrapUpSeconds: number;
  /** Also measure Kamailio as a proxy at the same rate. */
  kamailio: boolean;
  /** Where the kefu server writes its CPU profile (none when absent). */
  cpuProfDir?: string;
}

export interface CallRun {
  attempted: number;
  completed: number;
  failed: number;
  failures: Record<string, number>;
  timedOut: number;
  offeredRatePerSecond: number;
  setupsPerSecondSustained: number;
  maxSendLagMs: number;
  ringingMs: LatencySummary;
  setupMs: LatencySummary;
  ringingUnmatched: number;
}

export interface QueueBenchResult {
  params: QueueBenchOptions & { callers: number };
  kefu: CallRun & {
    ringbackMs: LatencySummary;
    seating: { seconds: number; failed: number; firstErrors: string[] };
    /** After the last call: until every call fact is written to the log. */
    callLogSettleMs: number;
    callLogSettleTimedOut: boolean;
    callLog: { calls: number; answered: number; ended: number; wrapWritten: number; offers: number; agentStateRows: number };
    server: QueueServerReport;
    generatorCpuMs: number;
  };
  kamailio: (CallRun & { pssPeakMB: number }) | { error: string } | { skipped: string };
  /** kefu / Kamailio; below 1 for set-ups is slower, above 1 for latencies is slower. */
  ratio: { setupsPerSecond: number; ringingP50: number; ringingP95: number } | null;
  machine: { cpus: number; loadavgBefore: number[]; loadavgAfter: number[] };
}

type Log = (msg: string) => void;

async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<{ failed: number; firstErrors: string[] }> {
  let next = 0;
  let failed = 0;
  const firstErrors: string[] = [];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        await fn(item).catch((err: unknown) => {
          failed++;
          if (firstErrors.length < 3) firstErrors.push(err instanceof Error ? err.message : String(err));
        });
      }
    }),
  );
  return { failed, firstErrors };
}

function callRun(out: LoadOutcome, ringingMs: number[], unmatched: number): CallRun {
  return {
    attempted: out.attempted,
    completed: out.completed,
    failed: out.failed,
    failures: out.failures,
    timedOut: out.timedOut,
    offeredRatePerSecond: round(out.attempted / Math.max(out.sendWindowMs / 1000, 1e-9), 1),
    setupsPerSecondSustained: round(out.completed / Math.max(out.setupWindowMs / 1000, 1e-9), 1),
    maxSendLagMs: out.maxSendLagMs,
    ringingMs: summarize(Float64Array.from(ringingMs)),
    setupMs: summarize(Float64Array.from(out.setupMs)),
    ringingUnmatched: unmatched,
  };
}

/** Waits until every desk's console says Ready (agents come back from wrap-up by themselves). */
async function allReady(desks: AgentDesk[], state: Map<AgentDesk, string>, timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  const ready = () => desks.filter((d) => state.get(d) === 'ready').length;
  while (ready() < desks.length && Date.now() < until) {
    await new Promise<void>((resolve) => {
      const done = () => {
        for (const d of desks) d.console.off('agent:state-changed', done);
        resolve();
      };
      for (const d of desks) d.console.once('agent:state-changed', done);
      setTimeout(done, 500);
    });
  }
  return ready();
}

async function callLogCounts(dbUrl: string, queueId: number) {
  const c = new pg.Client({ connectionString: dbUrl, application_name: 'kefu-queue-bench' });
  await c.connect();
  try {
    const calls = await c.query<{ calls: string; answered: string; ended: string; wrap: string }>(
      `SELECT count(*) AS calls, count(answered_at) AS answered, count(ended_at) AS ended, count(wrap_seconds) AS wrap
         FROM interactions WHERE queue_id = $1`,
      [queueId],
    );
    const offers = await c.query<{ n: string }>(
      'SELECT count(*) AS n FROM interaction_offers o JOIN interactions i ON i.id = o.interaction_id WHERE i.queue_id = $1',
      [queueId],
    );
    const states = await c.query<{ n: string }>(
      'SELECT count(*) AS n FROM agent_state_history h JOIN queue_members m ON m.user_id = h.user_id WHERE m.queue_id = $1',
      [queueId],
    );
    const r = calls.rows[0]!;
    return { calls: Number(r.calls), answered: Number(r.answered), ended: Number(r.ended), wrapWritten: Number(r.wrap), offers: Number(offers.rows[0]!.n), agentStateRows: Number(states.rows[0]!.n) };
  } finally {
    await c.end();
  }
}

async function kefuSide(db: Db, dbUrl: string, o: QueueBenchOptions, callers: number, log: Log): Promise<QueueBenchResult['kefu']> {
  const staff = await seedQueueBench(db, { agents: o.agents, wrapUpSeconds: o.wrapUpSeconds });
  const server = await startQueueServer(dbUrl, o.cpuProfDir);
  const desks: AgentDesk[] = [];
  const phones: LoadUa[] = [];
  try {
    let tracker = new QueueRingTracker();
    const state = new Map<AgentDesk, string>();
    log(`kefu: seating ${o.agents} agents (credentials, phone REGISTER, console, Ready)`);
    const t0 = performance.now();
    const seating = await pool(staff.agents, 25, async (a) => {
      const desk = await seatAgent(server.baseUrl, QUEUE_BENCH_SIP_DOMAIN, a, (m, at) => tracker.onAgentInvite(m, at));
      desks.push(desk);
      state.set(desk, 'ready');
      desk.console.on('agent:state-changed', (s) => state.set(desk, s.state));
    });
    const seatSeconds = round((performance.now() - t0) / 1000, 1);
    log(`kefu: ${desks.length} agents Ready in ${seatSeconds}s${seating.failed ? ` (${seating.failed} failed: ${seating.firstErrors.join('; ')})` : ''}`);
    if (desks.length === 0) throw new Error(`no agent could be seated: ${seating.firstErrors.join('; ')}`);

    server.tell({ type: 'issue-callers', count: callers });
    const accounts = (await server.next('callers')).accounts;
    for (const a of accounts) phones.push(new LoadUa({ url: server.sipUrl, domain: QUEUE_BENCH_SIP_DOMAIN, username: a.username, password: a.password }));
    const reg = await pool(phones, 25, async (p) => {
      await p.open();
      await p.register();
    });
    if (reg.failed) log(`kefu: ${reg.failed} callers failed to register: ${reg.firstErrors.join('; ')}`);
    const plan = (calls: number) => ({
      callers: phones,
      calls,
      ratePerSecond: o.rate,
      holdMs: o.holdMs,
      drainMs: 20_000,
      maxPerCaller: 4,
      ruriFor: () => `sip:${QUEUE_BENCH_HOTLINE}@${QUEUE_BENCH_SIP_DOMAIN}`,
    });
    if (o.warmupCalls > 0) {
      log(`kefu: ${o.warmupCalls} warm-up calls at ${o.rate}/s`);
      await runCalls(plan(o.warmupCalls), tracker);
      server.tell({ type: 'settle', timeoutMs: 60_000 });
      await server.next('settled', 70_000);
      const ready = await allReady(desks, state, o.wrapUpSeconds * 1000 + 15_000);
      if (ready < desks.length) log(`kefu: only ${ready}/${desks.length} agents Ready again after the warm-up`);
      tracker = new QueueRingTracker();
    }
    server.tell({ type: 'mark' });
    await server.next('marked');
    log(`kefu: ${o.calls} calls at ${o.rate}/s to the hotline, hold ${o.holdMs} ms, wrap-up ${o.wrapUpSeconds} s`);
    const cpu0 = process.cpuUsage();
    const out = await runCalls(plan(o.calls), tracker);
    const cpu = process.cpuUsage(cpu0);
    server.tell({ type: 'settle', timeoutMs: 120_000 });
    const settled = await server.next('settled', 130_000);
    tracker.finish();
    server.tell({ type: 'report' });
    const { report } = await server.next('report');
    const run = callRun(out, tracker.ringingMs, tracker.unmatched);
    log(`kefu: ${run.completed}/${run.attempted} set up, ${run.failed} failed, ${run.setupsPerSecondSustained}/s; ringing p50 ${run.ringingMs.p50} p95 ${run.ringingMs.p95} ms; call log settled ${settled.ms} ms after`);
    return {
      ...run,
      ringbackMs: summarize(Float64Array.from(tracker.ringbackMs)),
      seating: { seconds: seatSeconds, failed: seating.failed, firstErrors: seating.firstErrors },
      callLogSettleMs: settled.ms,
      callLogSettleTimedOut: settled.timedOut,
      callLog: await callLogCounts(dbUrl, staff.queueId),
      server: report,
      generatorCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
  } finally {
    for (const p of phones) p.close();
    for (const d of desks) leaveDesk(d);
    await server.stop();
  }
}

async function kamailioSide(o: QueueBenchOptions, callers: number, log: Log): Promise<CallRun & { pssPeakMB: number }> {
  const kam = await startBenchKamailio(256);
  const tracker = new RingTracker();
  const agents = Array.from({ length: o.agents }, (_, i) => new LoadUa({ url: kam.wsUrl, domain: KAMAILIO_DOMAIN, username: `1${i + 1}`, onIncomingInvite: tracker.onAgentInvite }));
  const phones = Array.from({ length: callers }, (_, i) => new LoadUa({ url: kam.wsUrl, domain: KAMAILIO_DOMAIN, username: `+86139${String(i + 1).padStart(8, '0')}` }));
  let sampler: NodeJS.Timeout | undefined;
  try {
    log(`kamailio: registering ${agents.length} agents + ${phones.length} callers`);
    const reg = await pool([...agents, ...phones], 50, async (ua) => {
      await ua.open();
      await ua.register();
    });
    if (reg.failed) log(`kamailio: ${reg.failed} failed to register: ${reg.firstErrors.join('; ')}`);
    let pss = kam.pssMB();
    sampler = setInterval(() => (pss = Math.max(pss, kam.pssMB())), 500);
    const ruriFor = (n: number) => `sip:1${(n % o.agents) + 1}@${KAMAILIO_DOMAIN}`;
    const plan = (calls: number) => ({ callers: phones, calls, ratePerSecond: o.rate, holdMs: o.holdMs, drainMs: 15_000, maxPerCaller: 4, ruriFor });
    if (o.warmupCalls > 0) await runCalls(plan(o.warmupCalls), new RingTracker());
    log(`kamailio: ${o.calls} calls at ${o.rate}/s, straight to the agents round-robin`);
    const out = await runCalls(plan(o.calls), tracker);
    const run = callRun(out, tracker.ringingMs, tracker.unmatched);
    log(`kamailio: ${run.completed}/${run.attempted} set up, ${run.setupsPerSecondSustained}/s; ringing p50 ${run.ringingMs.p50} p95 ${run.ringingMs.p95} ms`);
    return { ...run, pssPeakMB: Math.max(pss, kam.pssMB()) };
  } finally {
    clearInterval(sampler);
    for (const ua of [...agents, ...phones]) ua.close();
    await kam.stop();
  }
}

/** Runs both sides on `dbUrl` (migrated; the bench adds its queue and agents). Throws only when something breaks. */
export async function runQueueBench(db: Db, dbUrl: string, o: QueueBenchOptions, log: Log): Promise<QueueBenchResult> {
  const loadavgBefore = os.loadavg().map((v) => round(v, 2));
  // kefu allows 4 calls in progress per caller connection: spread the callers out.
  const callers = Math.max(10, Math.ceil(o.rate));
  const kefu = await kefuSide(db, dbUrl, o, callers, log);
  let kamailio: QueueBenchResult['kamailio'] = { skipped: 'not asked for' };
  if (o.kamailio) {
    try {
      kamailio = await kamailioSide(o, callers, log);
    } catch (err) {
      // Kamailio missing or failing costs the comparison only.
      kamailio = { error: err instanceof Error ? err.message : String(err) };
      log(`kamailio: ${kamailio.error}`);
    }
  }
  const ratio =
    'setupsPerSecondSustained' in kamailio && kamailio.completed > 0 && kefu.completed > 0
      ? {
          setupsPerSecond: round(kefu.setupsPerSecondSustained / kamailio.setupsPerSecondSustained, 2),
          ringingP50: round(kefu.ringingMs.p50 / kamailio.ringingMs.p50, 2),
          ringingP95: round(kefu.ringingMs.p95 / kamailio.ringingMs.p95, 2),
        }
      : null;
  return {
    params: { ...o, callers },
    kefu,
    kamailio,
    ratio,
    machine: { cpus: os.cpus().length, loadavgBefore, loadavgAfter: os.loadavg().map((v) => round(v, 2)) },
  };
}
