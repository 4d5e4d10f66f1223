// The queue benchmark's targets and summary lines, shared by `npm run bench:queue` and the
// targets block of `npm run bench`. Targets are reported, never asserted.
import type { QueueBenchResult } from './queue-bench.js';

export const QUEUE_TARGETS = { setupsPerSecond: 500, ringingP95Ms: 20 } as const;

export type QueueSection = QueueBenchResult | { skipped: string } | { error: string };

export function queueTargets(q: QueueSection) {
  const ok = 'kefu' in q;
  const rate = ok ? q.kefu.setupsPerSecondSustained : null;
  const p95 = ok && q.kefu.ringingMs.count > 0 ? q.kefu.ringingMs.p95 : null;
  return {
    queueSetupsPerSecond: { target: QUEUE_TARGETS.setupsPerSecond, actual: rate, offered: ok ? q.params.rate : null, met: rate !== null && rate >= QUEUE_TARGETS.setupsPerSecond },
    queueRingingP95Ms: { target: QUEUE_TARGETS.ringingP95Ms, actual: p95, met: p95 !== null && p95 <= QUEUE_TARGETS.ringingP95Ms },
  };
}

const yes = (met: boolean) => (met ? 'met' : 'NOT met');

export function queueSummaryLines(q: QueueSection): string[] {
  if ('skipped' in q) return [`ACD under load: skipped (${q.skipped})`, ''];
  if ('error' in q) return [`ACD under load: FAILED: ${q.error.split('\n')[0]}`, ''];
  const k = q.kefu;
  const p = q.params;
  const lat = (l: { p50: number; p95: number; p99: number }) => `${l.p50} / ${l.p95} / ${l.p99}`;
  const lines = [
    `ACD under load (${p.agents} agents Ready in one queue, ${p.calls} calls to its hotline at ${p.rate}/s offered, hold ${p.holdMs} ms, wrap-up ${p.wrapUpSeconds} s, ${p.callers} caller connections; ${q.machine.cpus} cores, load ${q.machine.loadavgBefore.join(' ')}):`,
    `  kefu      ${k.completed}/${k.attempted} set up, ${k.failed} failed${k.failed ? ` ${JSON.stringify(k.failures)}` : ''}, ${k.setupsPerSecondSustained}/s sustained; ` +
      `INVITE → agent's INVITE p50/p95/p99 ${lat(k.ringingMs)} ms;${k.ringbackMs.count ? ` → caller hears 180 ${lat(k.ringbackMs)} ms;` : ''} → 200 OK ${lat(k.setupMs)} ms`,
    `            call log: ${k.callLog.calls} calls, ${k.callLog.answered} answered, ${k.callLog.ended} ended, ${k.callLog.wrapWritten} wrap-ups, ${k.callLog.offers} offers, ${k.callLog.agentStateRows} agent state rows; ` +
      `settled ${k.callLogSettleMs} ms after the last call${k.callLogSettleTimedOut ? ' (TIMED OUT)' : ''}`,
    `            server: CPU ${k.server.cpuMs} ms (${k.completed ? (k.server.cpuMs / k.completed).toFixed(2) : '?'} ms per call), event-loop delay p99 ${k.server.eventLoopDelayMs.p99} ms max ${k.server.eventLoopDelayMs.max} ms, RSS peak ${k.server.rssPeakMB} MB, pool ${k.server.pool.min}-${k.server.pool.max} + call log ${k.server.callLogPoolMax}`,
    `            screen-pop query inside admission p50/p95/max ${k.server.popQueryMs.p50} / ${k.server.popQueryMs.p95} / ${k.server.popQueryMs.max} ms; load generator CPU ${k.generatorCpuMs} ms (agents' phones and consoles, callers)`,
  ];
  const logged = Object.entries(k.server.logged);
  if (logged.length) lines.push(`            server logged: ${logged.map(([m, n]) => `${n}× ${m}`).join('; ')}`);
  const kam = q.kamailio;
  if ('skipped' in kam) lines.push(`  kamailio  skipped (${kam.skipped})`);
  else if ('error' in kam) lines.push(`  kamailio  FAILED: ${kam.error.split('\n')[0]}`);
  else {
    lines.push(
      `  kamailio  ${kam.completed}/${kam.attempted} set up, ${kam.failed} failed, ${kam.setupsPerSecondSustained}/s sustained; INVITE → agent's INVITE p50/p95/p99 ${lat(kam.ringingMs)} ms; → 200 OK ${lat(kam.setupMs)} ms (a proxy: no queue, no database)`,
    );
  }
  if (q.ratio) lines.push(`  kefu / kamailio: set-ups/s ${q.ratio.setupsPerSecond}, ringing p50 ${q.ratio.ringingP50}x, p95 ${q.ratio.ringingP95}x`);
  lines.push('');
  return lines;
}

export function queueTargetLines(q: QueueSection): string[] {
  const t = queueTargets(q);
  return [
    `  ACD set-ups >= ${t.queueSetupsPerSecond.target}/s:         ${t.queueSetupsPerSecond.actual ?? '?'}/s (offered ${t.queueSetupsPerSecond.offered ?? '?'}/s)  ${yes(t.queueSetupsPerSecond.met)}`,
    `  ACD INVITE → ringing p95 <= ${t.queueRingingP95Ms.target} ms: ${t.queueRingingP95Ms.actual ?? '?'} ms  ${yes(t.queueRingingP95Ms.met)}`,
  ];
}
