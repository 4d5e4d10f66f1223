// The result file (bench-results/bench-<timestamp>.json and latest.json) and the console summary.
import fs from 'node:fs';
import path from 'node:path';
import type { ConsoleBuild } from './console-build.js';
import type { CpuShare } from './cpu.js';
import type { HistoryShape } from './dataset.js';
import type { TableLoad } from './load-copy.js';
import type { LookupRun, MethodResult } from './lookups.js';
import type { PhasePeak } from './memory.js';
import type { ScreenPopResult } from './screen-pop-calls.js';
import type { LatencyRatio, LatencySummary } from './stats.js';

/** The browser part: its results, why it was skipped, or why it failed. */
import type { CaseBenchResult } from './cases/case-bench.js';
import { backupSummary, type BackupBenchSection } from './backup/backup-bench.js';
import { callBenchSummaryLines, callBenchTargetLines, type CallBenches, type callBenchTargets } from './call-benches.js';

export type ScreenPopSection =
  | (ScreenPopResult & { console: ConsoleBuild })
  | { skipped: string }
  | { error: string; console?: ConsoleBuild };

export interface BenchResult {
  backup?: BackupBenchSection;
  /** Sealing the loaded clear emails, addresses and notes before the look-ups (encryption at rest). */
  sealing?: { seconds: number; counts: Record<string, number> };
  startedAt: string;
  finishedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memGB: number;
    platform: string;
    node: string;
    pg: string;
    pgSettings: Record<string, string>;
    database: 'embedded' | 'external';
  };
  params: Record<string, unknown>;
  plan: { seconds: number };
  load: {
    tables: Record<string, TableLoad>;
    copyRows: number;
    copySeconds: number;
    copyRowsPerSec: number;
    indexesDroppedDuringCopy: boolean;
    indexBuildSeconds: number;
    foreignKeySeconds: number;
    perIndexSeconds: Record<string, number>;
    vacuumAnalyzeSeconds: number;
    totalRows: number;
    totalSeconds: number;
    overallRowsPerSec: number;
    schemaMatchesMigration: boolean;
    cases: { tickets: number; complaints: number };
    history: HistoryShape;
  };
  database: { databaseBytes: number; databaseGB: number; tables: Record<string, { totalMB: number; heapMB: number; indexesMB: number }> };
  lookups: {
    seconds: number;
    cpu: CpuShare | null;
    /** Block reads during the look-up phase (all methods, warm-up included). */
    sharedBuffers: { hits: number; reads: number; hitRatio: number };
    service: MethodResult;
    /** The pop the way the service built it before it was one statement (four-query-pop.ts). */
    fourQueries: MethodResult;
    service360: MethodResult;
    bare: MethodResult;
    barePrepared: MethodResult;
    ratio: LatencyRatio;
    /** service / fourQueries: below 1 is the single statement's gain. */
    ratioFourQueries: LatencyRatio;
    ratio360: LatencyRatio;
    ratioPrepared: LatencyRatio;
    normalizeOnly: LatencySummary;
    writtenForms: { mismatches: number; examples: { raw: string; expected: string; got: string | null }[] };
    consistency: LookupRun['consistency'];
    explain: LookupRun['explain'];
  };
  screenPop: ScreenPopSection;
  memory: { nodeMaxRssMB: number; phases: Record<string, PhasePeak> };
  targets: {
    serviceP99Ms: { target: number; actual: number; met: boolean };
    serviceWithin2xBare: { target: number; actual: LatencyRatio; met: boolean };
    /** The service against the same data read by named prepared statements (p99). */
    serviceP99Within1_2xPrepared: { target: number; actual: number; met: boolean };
    lookupHitRatio: { target: number; actual: number; met: boolean };
    pushBeforeAgentInviteEveryCall: { target: string; actual: string | null; met: boolean };
    screenPopRingToPaintedP95Ms: { target: number; actual: number | null; met: boolean };
    loadRowsPerSec: { target: number; actual: number; copyOnly: number; met: boolean };
    caseListP95Ms: { target: number; actual: number; met: boolean };
    caseSearchP95Ms: { target: number; actual: number; met: boolean };
    slaSweep100kMs: { target: number; actual: number; checked: number; catchUpMs: number; catchUpFired: number; met: boolean };
    slaCatchUpMs: { target: number; actual: number; fired: number; lagMaxMs: number; lagP99Ms: number; lagTargetMs: number; met: boolean };
  } & ReturnType<typeof callBenchTargets>;
  cases: CaseBenchResult & { prepareSeconds: number };
  /** The ACD under load and answer to audio (call-benches.ts). */
  calls: CallBenches;
}

export function writeResults(result: BenchResult, outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const files = [path.join(outDir, `bench-${stamp}.json`), path.join(outDir, 'latest.json')];
  const json = JSON.stringify(result, null, 2) + '\n';
  for (const f of files) fs.writeFileSync(f, json);
  return files;
}

const n = (v: number) => v.toLocaleString('en');
const pct = (v: number | null) => (v === null ? '?' : `${Math.round(v * 100)}%`);
const yes = (met: boolean) => (met ? 'met' : 'NOT met');

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '?');

function screenPopLines(p: ScreenPopSection): string[] {
  if ('skipped' in p) return [`Screen-pop in the browser: skipped (${p.skipped})`, ''];
  if ('error' in p) return [`Screen-pop in the browser: FAILED: ${p.error.split('\n')[0]}`, ''];
  const r = p.ringToPaintedMs;
  const phase = (label: string, s: LatencySummary) => `    ${label.padEnd(48)} ${[s.p50, s.p95, s.mean].map((v) => ms(v).padStart(8)).join(' ')}`;
  return [
    `Screen-pop in the browser (${p.browser}, ${p.completed} timed calls, ${p.failed} failed): ` +
      `ring to painted p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms (min ${ms(r.min)}, max ${ms(r.max)}, mean ${ms(r.mean)})`,
    `  pops: ${p.pops.withCustomer} with a customer, avg ${p.pops.avgInteractions} interactions, ${p.pops.avgOpenCases} open cases; ` +
      `push before the INVITE in ${p.pushBeforeAgentInvite}/${p.completed}` +
      (p.popsWithoutCallerNumber ? `; ${p.popsWithoutCallerNumber} pops without the caller's number` : ''),
    `  where the time goes (ms):                          p50      p95     mean`,
    phase("caller's INVITE sent → pop query starts", p.phasesMs.inviteToPopQuery),
    phase('pop query (server)', p.phasesMs.popQuery),
    phase('  of which: waiting for a pool connection', p.phasesMs.popPoolWait),
    phase('  of which: the statement (sent → rows parsed)', p.phasesMs.popStatement),
    phase('  of which: rows → pop (revive, map)', p.phasesMs.popMapping),
    phase('pop built → call:offered push sent', p.phasesMs.popToPushSent),
    phase('  of which: → emitted (log fact, route, view)', p.phasesMs.popToPushEmitted),
    phase('  of which: emitted → sent (encoding the push)', p.phasesMs.pushEncoding),
    phase('push sent → delivered in the page', p.phasesMs.pushDelivery),
    phase("push delivered → agent's INVITE delivered", p.phasesMs.pushToAgentInvite),
    phase('first delivered → console offer mark', p.phasesMs.deliveredToOfferMark),
    phase('offer mark → painted (ring to painted)', p.phasesMs.offerMarkToPainted),
    phase('  of which: push delivered → painted', p.phasesMs.pushDeliveredToPainted),
    phase("caller's INVITE sent → painted", p.phasesMs.callerInviteToPainted),
    `  push size p50 ${n(Math.round(p.pushBytes.p50))} bytes, max ${n(Math.round(p.pushBytes.max))}; server event-loop delay during the calls ` +
      (p.eventLoopDelayMs ? `p50 ${ms(p.eventLoopDelayMs.p50)}, p99 ${ms(p.eventLoopDelayMs.p99)}, max ${ms(p.eventLoopDelayMs.max)} ms` : '?'),
    ...(p.errors.length ? [`  errors: ${p.errors.join('; ')}`] : []),
    '',
  ];
}

/**
 * The live server's pop query against the same statement in the look-up benchmark: the
 * difference is the pool wait, the event loop's delay (the browser, the switch and Socket.IO
 * share the process) and the mapping; what is left is the statement itself.
 */
function gapLines(r: BenchResult): string[] {
  const p = r.screenPop;
  if (!('phasesMs' in p)) return [];
  const live = p.phasesMs;
  const bench = r.lookups.service;
  const f = (s: LatencySummary) => `p50 ${ms(s.p50)} / p95 ${ms(s.p95)}`;
  return [
    `Live pop query vs the look-up bench's service: ${f(live.popQuery)} ms vs ${f(bench)} ms ` +
      `(live: pool wait ${f(live.popPoolWait)}, statement ${f(live.popStatement)}, mapping ${f(live.popMapping)}; ` +
      `event-loop delay p99 ${p.eventLoopDelayMs ? ms(p.eventLoopDelayMs.p99) : '?'} ms)`,
    '',
  ];
}

export function printSummary(r: BenchResult, files: string[]): void {
  const L = r.load;
  const lines = [
    '',
    `kefu benchmark: ${r.machine.cpus} CPUs, ${r.machine.memGB} GB, Node ${r.machine.node}, ${r.machine.pg.split(' on ')[0]} (${r.machine.database})`,
    '',
    'Load (COPY):',
    ...Object.entries(L.tables).map(([t, x]) => `  ${t.padEnd(16)} ${n(x.rows).padStart(12)} rows ${String(x.seconds).padStart(8)} s ${n(x.rowsPerSec).padStart(10)} rows/s`),
    `  COPY total       ${n(L.copyRows).padStart(12)} rows ${String(L.copySeconds).padStart(8)} s ${n(L.copyRowsPerSec).padStart(10)} rows/s`,
    `  indexes ${L.indexBuildSeconds} s, foreign keys ${L.foreignKeySeconds} s, VACUUM ANALYZE ${L.vacuumAnalyzeSeconds} s`,
    `  end to end       ${n(L.totalRows).padStart(12)} rows ${String(L.totalSeconds).padStart(8)} s ${n(L.overallRowsPerSec).padStart(10)} rows/s`,
    `  database size ${r.database.databaseGB} GB`,
    '',
    `Look-ups (ms, ${n(r.lookups.service.count)} per method):        p50      p95      p99     mean`,
    ...(['service', 'fourQueries', 'service360', 'bare', 'barePrepared'] as const).map((m) => {
      const s = r.lookups[m];
      return `  ${m.padEnd(40)} ${[s.p50, s.p95, s.p99, s.mean].map((v) => v.toFixed(3).padStart(8)).join(' ')}`;
    }),
    `  ${'ratio service / bare'.padEnd(40)} ${[r.lookups.ratio.p50, r.lookups.ratio.p95, r.lookups.ratio.p99, r.lookups.ratio.mean].map((v) => v.toFixed(2).padStart(8)).join(' ')}`,
    `  ${'ratio service / barePrepared'.padEnd(40)} ${[r.lookups.ratioPrepared.p50, r.lookups.ratioPrepared.p95, r.lookups.ratioPrepared.p99, r.lookups.ratioPrepared.mean].map((v) => v.toFixed(2).padStart(8)).join(' ')}`,
    `  ${'ratio service / fourQueries'.padEnd(40)} ${[r.lookups.ratioFourQueries.p50, r.lookups.ratioFourQueries.p95, r.lookups.ratioFourQueries.p99, r.lookups.ratioFourQueries.mean].map((v) => v.toFixed(2).padStart(8)).join(' ')}`,
    `  ${'ratio service360 / bare'.padEnd(40)} ${[r.lookups.ratio360.p50, r.lookups.ratio360.p95, r.lookups.ratio360.p99, r.lookups.ratio360.mean].map((v) => v.toFixed(2).padStart(8)).join(' ')}`,
    `  normalise alone p50 ${r.lookups.normalizeOnly.p50} ms, p99 ${r.lookups.normalizeOnly.p99} ms; avg ${r.lookups.service.avgInteractions} interactions, ${r.lookups.service.avgOpenCases} open cases per pop`,
    ...(r.lookups.cpu
      ? [
          `  CPU during look-ups: machine ${pct(r.lookups.cpu.machineBusy)} busy = bench ${pct(r.lookups.cpu.bench)} + PostgreSQL ${pct(r.lookups.cpu.postgres)} + other processes ${pct(r.lookups.cpu.other)}`,
        ]
      : []),
    `  shared_buffers hit ratio during look-ups ${pct(r.lookups.sharedBuffers.hitRatio)} (${n(r.lookups.sharedBuffers.reads)} blocks read from the OS, shared_buffers ${r.machine.pgSettings.shared_buffers ?? '?'})`,
    `  service vs bare SQL consistency: ${r.lookups.consistency.checked - r.lookups.consistency.mismatches}/${r.lookups.consistency.checked} identical; ` +
      `service vs fourQueries whole pops: ${r.lookups.consistency.checked - r.lookups.consistency.fullPopMismatches}/${r.lookups.consistency.checked} equal`,
    '',
    ...screenPopLines(r.screenPop),
    ...gapLines(r),
    `Cases (prepared in ${r.cases.prepareSeconds} s):`,
    `  filtered list   p50 ${r.cases.list.p50} ms, p95 ${r.cases.list.p95} ms (${r.cases.list.count} queries, avg ${r.cases.list.avgRows.toFixed(1)} rows)`,
    `  text search     p50 ${r.cases.search.p50} ms, p95 ${r.cases.search.p95} ms (${r.cases.search.zeroHits} with no hit)`,
    `  pop open items  p50 ${r.cases.openItems.p50} ms, p95 ${r.cases.openItems.p95} ms`,
    `  SLA sweep (median of ${r.cases.sweep.rounds} rounds; event-loop lag while sweeping: worst max / median p99)`,
    `    event-loop lag doing nothing for ${r.cases.sweep.baselineLag.seconds} s (the machine's own): max ${r.cases.sweep.baselineLag.maxMs} ms, p99 ${r.cases.sweep.baselineLag.p99Ms} ms; load average ${r.cases.sweep.loadAverage}`,
    `    catch-up: ${n(r.cases.sweep.catchUp.openCases)} cases in ${r.cases.sweep.catchUp.ms} ms [${r.cases.sweep.catchUp.msRuns.join(', ')}], ` +
      `${n(r.cases.sweep.catchUp.fired)} escalations; lag ${r.cases.sweep.catchUp.lagMaxMs} / ${r.cases.sweep.catchUp.lagP99Ms} ms; longest GC pause ${r.cases.sweep.catchUp.gcMaxMs} ms`,
    `    re-check: ${n(r.cases.sweep.recheck.openCases)} cases in ${r.cases.sweep.recheck.ms} ms [${r.cases.sweep.recheck.msRuns.join(', ')}], ` +
      `${n(r.cases.sweep.recheck.checked)} read, ${n(r.cases.sweep.recheck.fired)} escalations; lag ${r.cases.sweep.recheck.lagMaxMs} / ${r.cases.sweep.recheck.lagP99Ms} ms`,
    `    idle pass over ${n(r.cases.sweep.idle.openCases)} running cases, nothing new: ${r.cases.sweep.idle.ms} ms [${r.cases.sweep.idle.msRuns.join(', ')}]; ` +
      `lag ${r.cases.sweep.idle.lagMaxMs} / ${r.cases.sweep.idle.lagP99Ms} ms`,
    '',
    ...callBenchSummaryLines(r.calls),
    `Memory: Node max RSS ${r.memory.nodeMaxRssMB} MB; PostgreSQL peak ` +
      Object.entries(r.memory.phases)
        .map(([p, m]) => `${p} ${m.pgPssMB ?? '?'} MB PSS / ${m.pgRssMB ?? '?'} MB RSS`)
        .join(', '),
    '',
    'Targets:',
    `  service p99 <= 5 ms:            ${r.targets.serviceP99Ms.actual} ms  ${yes(r.targets.serviceP99Ms.met)}`,
    `  service within 2x of bare SQL:  p50 ${r.lookups.ratio.p50}x, p95 ${r.lookups.ratio.p95}x, p99 ${r.lookups.ratio.p99}x  ${yes(r.targets.serviceWithin2xBare.met)}`,
    `  service p99 <= 1.2x prepared:   ${r.targets.serviceP99Within1_2xPrepared.actual}x  ${yes(r.targets.serviceP99Within1_2xPrepared.met)}`,
    `  look-up hit ratio >= 99%:       ${pct(r.targets.lookupHitRatio.actual)}  ${yes(r.targets.lookupHitRatio.met)}`,
    `  push before the agent's INVITE: ${r.targets.pushBeforeAgentInviteEveryCall.actual ?? '?'} calls  ${yes(r.targets.pushBeforeAgentInviteEveryCall.met)}`,
    `  ring to painted p95 <= 100 ms:  ${r.targets.screenPopRingToPaintedP95Ms.actual ?? '?'} ms  ${yes(r.targets.screenPopRingToPaintedP95Ms.met)}`,
    `  load >= 50,000 rows/s:          ${n(r.targets.loadRowsPerSec.actual)} rows/s end to end (${n(r.targets.loadRowsPerSec.copyOnly)} COPY only)  ${yes(r.targets.loadRowsPerSec.met)}`,
    `  case list / search p95 <= 50 ms: ${r.targets.caseListP95Ms.actual} / ${r.targets.caseSearchP95Ms.actual} ms  ${yes(r.targets.caseListP95Ms.met && r.targets.caseSearchP95Ms.met)}`,
    `  SLA sweep of 100,000 <= 1 s:   re-check ${r.targets.slaSweep100kMs.actual} ms for ${n(r.targets.slaSweep100kMs.checked)}  ${yes(r.targets.slaSweep100kMs.met)}` +
      ` (catch-up firing ${n(r.targets.slaSweep100kMs.catchUpFired)}: ${r.targets.slaSweep100kMs.catchUpMs} ms)`,
    `  SLA catch-up <= 5 s or lag <= 50 ms: ${r.targets.slaCatchUpMs.actual} ms for ${n(r.targets.slaCatchUpMs.fired)} escalations, ` +
      `event-loop lag max ${r.targets.slaCatchUpMs.lagMaxMs} ms, p99 ${r.targets.slaCatchUpMs.lagP99Ms} ms  ${yes(r.targets.slaCatchUpMs.met)}`,
    ...backupSummary(r.backup),
    ...callBenchTargetLines(r.calls),
    '',
    `Results: ${files.join(', ')}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
