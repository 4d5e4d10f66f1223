// Load benchmark of kefu's built-in SIP switch, with Kamailio as a plain proxy for the ratio.
//   npx tsx tests/bench/switch/run-switch.ts [--agents 1000] [--calls 3000] [--rate 150] [--hold 200] [--quick] [--only kefu|kamailio]
// SIP over WebSocket, no media, everything on 127.0.0.1. The generator (this process) and the
// server under test share the machine's cores: numbers are for this machine at this moment.
// Results are written as JSON (bench-results/switch-*.json) and never asserted.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KAMAILIO_DOMAIN } from '../../support/kamailio.js';
import { round, summarize, type LatencySummary } from '../stats.js';
import { RingTracker, runCalls, type LoadOutcome } from './caller.js';
import type { FromServer, IssuedAccount, ServerReport, ToServer } from './kefu-server.js';
import { startBenchKamailio } from './kamailio-proxy.js';
import { LoadUa } from './sip-load-client.js';

const KEFU_DOMAIN = 'kefu.test';

interface Options {
  agents: number;
  calls: number;
  rate: number;
  holdMs: number;
  callers: number;
  only: 'kefu' | 'kamailio' | undefined;
  quick: boolean;
}

function parseArgs(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const num = (name: string, fallback: number): number => {
    const i = argv.indexOf(`--${name}`);
    const v = i >= 0 ? Number(argv[i + 1]) : NaN;
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  const rate = num('rate', 150);
  const onlyIdx = argv.indexOf('--only');
  const only = onlyIdx >= 0 ? argv[onlyIdx + 1] : undefined;
  return {
    quick,
    agents: num('agents', quick ? 100 : 1000),
    calls: num('calls', quick ? 300 : 3000),
    rate,
    holdMs: num('hold', 200),
    // kefu allows 4 calls in progress and ~30 messages/s per connection: spread callers out,
    // with room for a second of backlog so the generator itself rarely has to skip a call.
    callers: num('callers', Math.max(10, Math.ceil(rate))),
    only: only === 'kefu' || only === 'kamailio' ? only : undefined,
  };
}

const log = (...a: unknown[]): void => console.error(`[switch-bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>, errors: string[]): Promise<number> {
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        await fn(item).catch((err: unknown) => {
          failures++;
          if (errors.length < 3) errors.push(String(err instanceof Error ? err.message : err));
        });
      }
    }),
  );
  return failures;
}

interface TargetResult {
  target: string;
  registration: { agents: number; callers: number; failed: number; seconds: number; firstErrors: string[] };
  attempted: number;
  completed: number;
  failed: number;
  failures: Record<string, number>;
  timedOut: number;
  byeOk: number;
  byeFailed: number;
  offeredRatePerSecond: number;
  setupsPerSecondSustained: number;
  maxSendLagMs: number;
  ringingMs: LatencySummary;
  ringingUnmatched: number;
  setupMs: LatencySummary;
  generatorCpuMs: number;
  server?: ServerReport;
  kamailio?: { args: string; pssPeakMBDuringCalls: number };
}

async function connectAll(uas: LoadUa[]): Promise<{ failed: number; seconds: number; firstErrors: string[] }> {
  const t0 = performance.now();
  const firstErrors: string[] = [];
  const failed = await pool(uas, 50, async (ua) => {
    await ua.open();
    await ua.register();
  }, firstErrors);
  return { failed, seconds: round((performance.now() - t0) / 1000, 2), firstErrors };
}

async function drive(
  target: string,
  opts: Options,
  agents: LoadUa[],
  callers: LoadUa[],
  tracker: RingTracker,
  ruriFor: (n: number) => string,
  maxPerCaller: number,
  betweenPhases?: () => Promise<void>,
): Promise<Omit<TargetResult, 'server'>> {
  log(`${target}: connecting and registering ${agents.length} agents + ${callers.length} callers`);
  const reg = await connectAll([...agents, ...callers]);
  log(`${target}: registered in ${reg.seconds}s (${reg.failed} failed${reg.failed ? `: ${reg.firstErrors.join('; ')}` : ''}); ${opts.calls} calls at ${opts.rate}/s`);
  await betweenPhases?.();
  const cpu0 = process.cpuUsage();
  const out: LoadOutcome = await runCalls(
    { callers, calls: opts.calls, ratePerSecond: opts.rate, holdMs: opts.holdMs, drainMs: 15_000, maxPerCaller, ruriFor },
    tracker,
  );
  const cpu = process.cpuUsage(cpu0);
  for (const ua of [...agents, ...callers]) ua.close();
  const result = {
    target,
    registration: { agents: agents.length, callers: callers.length, failed: reg.failed, seconds: reg.seconds, firstErrors: reg.firstErrors },
    attempted: out.attempted,
    completed: out.completed,
    failed: out.failed,
    failures: out.failures,
    timedOut: out.timedOut,
    byeOk: out.byeOk,
    byeFailed: out.byeFailed,
    offeredRatePerSecond: round(out.attempted / Math.max(out.sendWindowMs / 1000, 1e-9), 1),
    setupsPerSecondSustained: round(out.completed / Math.max(out.setupWindowMs / 1000, 1e-9), 1),
    maxSendLagMs: out.maxSendLagMs,
    ringingMs: summarize(Float64Array.from(tracker.ringingMs)),
    ringingUnmatched: tracker.unmatched,
    setupMs: summarize(Float64Array.from(out.setupMs)),
    generatorCpuMs: Math.round((cpu.user + cpu.system) / 1000),
  };
  log(`${target}: ${result.completed}/${result.attempted} set up, ${result.failed} failed, ${result.setupsPerSecondSustained}/s; ` +
    `ringing p50 ${result.ringingMs.p50} p95 ${result.ringingMs.p95} ms; setup p50 ${result.setupMs.p50} p95 ${result.setupMs.p95} ms`);
  return result;
}

async function benchKefu(opts: Options): Promise<TargetResult> {
  // BENCH_SWITCH_CPU_PROF=<dir> writes a V8 CPU profile of the server process there.
  const prof = process.env.BENCH_SWITCH_CPU_PROF;
  const child = fork(path.join(import.meta.dirname, 'kefu-server.ts'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...process.execArgv, ...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [])],
  });
  const inbox: FromServer[] = [];
  const waiters: Array<() => void> = [];
  child.on('message', (m: FromServer) => {
    inbox.push(m);
    for (const w of waiters.splice(0)) w();
  });
  const next = async <K extends FromServer['type']>(type: K, timeoutMs = 30_000): Promise<Extract<FromServer, { type: K }>> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return inbox.splice(i, 1)[0] as Extract<FromServer, { type: K }>;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`kefu server: no ${type}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  };
  const tell = (m: ToServer): void => void child.send(m);
  try {
    const { url } = await next('ready');
    tell({ type: 'issue', agents: opts.agents, callers: opts.callers });
    const accounts = await next('accounts');
    const tracker = new RingTracker();
    const ua = (a: IssuedAccount, agent: boolean): LoadUa =>
      new LoadUa({ url, domain: KEFU_DOMAIN, username: a.username, password: a.password, ...(agent ? { onIncomingInvite: tracker.onAgentInvite } : {}) });
    const result = await drive(
      'kefu',
      opts,
      accounts.agents.map((a) => ua(a, true)),
      accounts.callers.map((a) => ua(a, false)),
      tracker,
      () => `sip:support@${KEFU_DOMAIN}`,
      4,
      async () => {
        tell({ type: 'mark', phase: 'calls' });
        await next('marked');
      },
    );
    tell({ type: 'report' });
    const { report } = await next('report');
    return { ...result, server: report };
  } finally {
    tell({ type: 'stop' });
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 3_000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

async function benchKamailio(opts: Options): Promise<TargetResult> {
  const kam = await startBenchKamailio(256);
  let pssPeak = 0;
  let sampler: NodeJS.Timeout | undefined;
  try {
    const tracker = new RingTracker();
    const agents = Array.from({ length: opts.agents }, (_, i) =>
      new LoadUa({ url: kam.wsUrl, domain: KAMAILIO_DOMAIN, username: `1${i + 1}`, onIncomingInvite: tracker.onAgentInvite }));
    const callers = Array.from({ length: opts.callers }, (_, i) =>
      new LoadUa({ url: kam.wsUrl, domain: KAMAILIO_DOMAIN, username: `+86139${String(i + 1).padStart(8, '0')}` }));
    // A proxy has no queue: each INVITE goes straight to an agent's AOR, round-robin.
    const result = await drive('kamailio', opts, agents, callers, tracker, (n) => `sip:1${(n % opts.agents) + 1}@${KAMAILIO_DOMAIN}`, 4, async () => {
      pssPeak = kam.pssMB();
      sampler = setInterval(() => (pssPeak = Math.max(pssPeak, kam.pssMB())), 500);
    });
    clearInterval(sampler);
    return { ...result, kamailio: { args: kam.args, pssPeakMBDuringCalls: Math.max(pssPeak, kam.pssMB()) } };
  } finally {
    clearInterval(sampler);
    await kam.stop();
  }
}

const pick = (l: LatencySummary): Record<'p50' | 'p95' | 'p99', number> => ({ p50: l.p50, p95: l.p95, p99: l.p99 });

const ratio = (a: LatencySummary, b: LatencySummary): Record<'p50' | 'p95' | 'p99', number> => ({
  p50: round(a.p50 / b.p50, 2),
  p95: round(a.p95 / b.p95, 2),
  p99: round(a.p99 / b.p99, 2),
});

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  // Hard stop: nothing below may run away, whatever the server does.
  const budgetMs = 2 * (60_000 + (opts.calls / opts.rate) * 1000 + 30_000);
  setTimeout(() => {
    log(`hard timeout after ${budgetMs} ms`);
    process.exit(2);
  }, budgetMs).unref();

  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const results: Record<string, TargetResult> = {};
  if (opts.only !== 'kamailio') results.kefu = await benchKefu(opts);
  if (opts.only !== 'kefu') results.kamailio = await benchKamailio(opts);
  const { kefu, kamailio } = results;

  const report = {
    benchmark: 'sip-switch',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      loadavgBefore: loadBefore.map((v) => round(v, 2)),
      loadavgAfter: os.loadavg().map((v) => round(v, 2)),
      note: 'Shared, busy 2-core machine: the generator, the server under test and other workloads compete for the same cores.',
    },
    config: { ...opts, transport: 'SIP over WebSocket, no media, 127.0.0.1', kamailioArgs: '-m 256 -M 8, children=2, tests/kamailio/kamailio.cfg.template (the test helper\'s -m 64 fails REGISTER with 500 past ~740 WebSocket registrations)' },
    definitions: {
      ringingMs: 'caller INVITE sent -> first INVITE for that call received by the agent UA (before its 180)',
      setupMs: 'caller INVITE sent -> 200 OK received by the caller (agents answer at once with 180 + 200)',
      setupsPerSecondSustained: '200 OKs / (last 200 OK - first INVITE)',
      kefuServer: 'kefu switch runs in a child process (own event loop); memory is that process only; phase "calls" starts after registration',
      kefuServerCpuMsPerCall: 'CPU of the kefu server process from the start of the calls phase to the report (calls, then closing every connection), per call set up',
    },
    summary: {
      setupsPerSecond: { kefu: kefu?.setupsPerSecondSustained, kamailio: kamailio?.setupsPerSecondSustained },
      ringingMs: { kefu: kefu && pick(kefu.ringingMs), kamailio: kamailio && pick(kamailio.ringingMs) },
      memoryMB: {
        kefuRssPeakDuringCalls: kefu?.server?.memory.calls?.rssPeakMB,
        kefuHeapUsedPeakDuringCalls: kefu?.server?.memory.calls?.heapUsedPeakMB,
        kamailioPssPeakDuringCalls: kamailio?.kamailio?.pssPeakMBDuringCalls,
      },
      kefuServerCpuMsPerCall: kefu?.server && kefu.completed > 0 ? round(kefu.server.cpuMs / kefu.completed, 2) : undefined,
    },
    results,
    ratioKefuOverKamailio: kefu && kamailio
      ? {
          setupsPerSecond: round(kefu.setupsPerSecondSustained / Math.max(kamailio.setupsPerSecondSustained, 1e-9), 2),
          ringingMs: ratio(kefu.ringingMs, kamailio.ringingMs),
          setupMs: ratio(kefu.setupMs, kamailio.setupMs),
        }
      : undefined,
    targets: kefu
      ? {
          setupsPerSecond: { target: 100, measured: kefu.setupsPerSecondSustained, met: kefu.setupsPerSecondSustained >= 100 },
          ringingP95Ms: { target: 20, measured: kefu.ringingMs.p95, met: kefu.ringingMs.p95 <= 20 },
          note: 'reported, not asserted; the set-up rate cannot exceed the offered --rate',
        }
      : undefined,
  };

  const dir = path.resolve(process.cwd(), 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  fs.writeFileSync(path.join(dir, `switch-${stamp}.json`), json);
  fs.writeFileSync(path.join(dir, 'switch-latest.json'), json);

  const line = (r: TargetResult): string =>
    `${r.target.padEnd(9)} ${String(r.completed).padStart(5)}/${String(r.attempted).padEnd(5)} failed ${String(r.failed).padEnd(4)} ` +
    `${String(r.setupsPerSecondSustained).padStart(6)}/s  ringing p50/p95/p99 ${r.ringingMs.p50}/${r.ringingMs.p95}/${r.ringingMs.p99} ms  ` +
    `setup p50/p95/p99 ${r.setupMs.p50}/${r.setupMs.p95}/${r.setupMs.p99} ms`;
  console.log(`\nSIP switch bench (${opts.agents} agents, ${opts.calls} calls at ${opts.rate}/s, hold ${opts.holdMs} ms; shared busy ${os.cpus().length}-core machine, load ${loadBefore.map((v) => v.toFixed(1)).join(' ')})`);
  for (const r of Object.values(results)) console.log(line(r));
  if (kefu?.server) {
    const calls = kefu.server.memory.calls;
    console.log(`kefu server: RSS peak ${calls?.rssPeakMB} MB, heap used peak ${calls?.heapUsedPeakMB} MB (during calls), CPU ${kefu.server.cpuMs} ms, event-loop lag max ${kefu.server.eventLoopLagMsMax} ms`);
  }
  if (kamailio?.kamailio) console.log(`kamailio: PSS peak ${kamailio.kamailio.pssPeakMBDuringCalls} MB (during calls)`);
  if (report.ratioKefuOverKamailio) {
    const r = report.ratioKefuOverKamailio;
    console.log(`kefu/kamailio set-ups/s ${r.setupsPerSecond} ringing ${JSON.stringify(r.ringingMs)} setup ${JSON.stringify(r.setupMs)}`);
  }
  console.log(`written: bench-results/switch-${stamp}.json and bench-results/switch-latest.json`);
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
