// The dialer benchmark: preview, progressive and predictive side by side on simulated floors of
// several sizes, through the real pacer (simulator.ts). Measures occupancy ((talk + wrap-up) /
// time signed in), talk minutes per agent-hour and the abandon rate per cap window. In process,
// simulated time, no database or SIP; a run is a pure function of its seeds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CapWindow, DialMode } from '../../../server/src/campaigns/pacing/pacing-settings.js';
import { DEFAULT_AGENT, DEFAULT_CALLEE, simulate, type SimulationResult } from './simulator.js';

export interface DialerBenchOptions {
  agents: number[];
  days: number;
  hoursPerDay: number;
  seeds: number;
}

export const DIALER_FULL: DialerBenchOptions = { agents: [5, 10, 20, 30, 50, 100, 200], days: 5, hoursPerDay: 8, seeds: 3 };
export const DIALER_QUICK: DialerBenchOptions = { agents: [10, 20, 50], days: 2, hoursPerDay: 4, seeds: 1 };

const MODES: DialMode[] = ['preview', 'progressive', 'predictive'];
const WINDOWS: CapWindow[] = ['30d', '24h'];
const CAP = 0.03;

interface ModeRow {
  occupancy: number;
  talkMinutesPerAgentHour: number;
  dialsPerAgentHour: number;
  abandonRate: number;
  agentHours: number;
}

export interface DialerSize {
  agents: number;
  /** Medians over the seeds. */
  modes: Record<DialMode, ModeRow>;
  /** Predictive, per cap window setting: every window's answered, abandoned and rate, per seed. */
  windows: Record<CapWindow, { seed: number; windows: { index: number; answered: number; abandoned: number; rate: number }[] }[]>;
  /** The highest rate of any window, over seeds and window settings. */
  worstWindowRate: number;
}

export interface DialerBenchResult {
  benchmark: 'dialer-pacing';
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; node: string; load: number[] };
  params: DialerBenchOptions & { cap: number; callee: typeof DEFAULT_CALLEE; agent: typeof DEFAULT_AGENT; ringTimeoutSeconds: number };
  simulatedCalls: number;
  cpuSeconds: number;
  sizes: DialerSize[];
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const row = (runs: SimulationResult[]): ModeRow => ({
  occupancy: r3(median(runs.map((r) => r.occupancy))),
  talkMinutesPerAgentHour: r3(median(runs.map((r) => r.talkMinutesPerAgentHour))),
  dialsPerAgentHour: r3(median(runs.map((r) => r.dials / r.agentHours))),
  abandonRate: r3(median(runs.map((r) => (r.answered ? r.abandoned / r.answered : 0)))),
  agentHours: r3(median(runs.map((r) => r.agentHours))),
});

export function runDialerBench(opts: DialerBenchOptions, log: (msg: string) => void): DialerBenchResult {
  const startedAt = new Date();
  const cpu0 = process.cpuUsage();
  let simulatedCalls = 0;
  const seeds = Array.from({ length: opts.seeds }, (_, i) => i + 1);
  const done = new Map<string, SimulationResult>();
  const run = (agents: number, seed: number, mode: DialMode, capWindow: CapWindow) => {
    const key = `${agents}/${seed}/${mode}/${capWindow}`;
    const cached = done.get(key);
    if (cached) return cached;
    const r = simulate({ seed, agents, days: opts.days, minutesPerDay: opts.hoursPerDay * 60, pacing: { mode, capWindow, abandonCap: CAP } });
    simulatedCalls += r.dials;
    done.set(key, r);
    return r;
  };
  const sizes = opts.agents.map((agents): DialerSize => {
    const modes = {} as Record<DialMode, ModeRow>;
    const windows = {} as DialerSize['windows'];
    for (const mode of MODES) modes[mode] = row(seeds.map((seed) => run(agents, seed, mode, '30d')));
    let worst = 0;
    for (const w of WINDOWS) {
      windows[w] = seeds.map((seed) => {
        const r = run(agents, seed, 'predictive', w);
        for (const x of r.windows) worst = Math.max(worst, x.rate);
        return { seed, windows: r.windows.map((x) => ({ ...x, rate: r3(x.rate) })) };
      });
    }
    const m = modes;
    log(`${agents} agents: occupancy preview ${m.preview.occupancy} / progressive ${m.progressive.occupancy} / predictive ${m.predictive.occupancy}; worst window ${r3(worst * 100)} %`);
    return { agents, modes, windows, worstWindowRate: r3(worst) };
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    benchmark: 'dialer-pacing',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, load: os.loadavg().map(r3) },
    params: { ...opts, cap: CAP, callee: DEFAULT_CALLEE, agent: DEFAULT_AGENT, ringTimeoutSeconds: 25 },
    simulatedCalls,
    cpuSeconds: r3((cpu.user + cpu.system) / 1e6),
    sizes,
  };
}

export const DIALER_TARGETS = { predictiveOccupancyFrom20Agents: 0.85, cap: CAP } as const;

export function dialerTargets(d: DialerBenchResult) {
  const big = d.sizes.filter((s) => s.agents >= 20);
  const lowest = big.length ? Math.min(...big.map((s) => s.modes.predictive.occupancy)) : null;
  const worst = Math.max(0, ...d.sizes.map((s) => s.worstWindowRate));
  return {
    dialerPredictiveOccupancyFrom20Agents: { target: DIALER_TARGETS.predictiveOccupancyFrom20Agents, actual: lowest, met: lowest !== null && lowest >= DIALER_TARGETS.predictiveOccupancyFrom20Agents },
    dialerEveryWindowWithinCap: { target: DIALER_TARGETS.cap, actual: worst, met: worst <= DIALER_TARGETS.cap },
  };
}

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

export function dialerSummaryLines(d: DialerBenchResult): string[] {
  const p = d.params;
  const lines = [
    `Dialer pacing (simulated: ${p.days} days x ${p.hoursPerDay} h, ${p.seeds} seed(s), medians; answer rate ${p.callee.answerRate}, talk ${p.agent.talkMeanSeconds} s mean, wrap-up ${p.agent.wrapMinSeconds}-${p.agent.wrapMaxSeconds} s, ring timeout ${p.ringTimeoutSeconds} s, cap ${pct(p.cap)}; ${d.simulatedCalls} calls in ${d.cpuSeconds} s CPU):`,
    '  agents   occupancy: preview  progressive  predictive   talk min/agent-hour: preview  progressive  predictive   predictive abandoned   worst window',
  ];
  for (const s of d.sizes) {
    const m = s.modes;
    lines.push(
      `  ${String(s.agents).padStart(6)}   ${pct(m.preview.occupancy).padStart(18)} ${pct(m.progressive.occupancy).padStart(12)} ${pct(m.predictive.occupancy).padStart(11)}   ` +
        `${m.preview.talkMinutesPerAgentHour.toFixed(1).padStart(28)} ${m.progressive.talkMinutesPerAgentHour.toFixed(1).padStart(12)} ${m.predictive.talkMinutesPerAgentHour.toFixed(1).padStart(11)}   ` +
        `${pct(m.predictive.abandonRate).padStart(20)}   ${pct(s.worstWindowRate).padStart(12)}`,
    );
  }
  lines.push('  (abandon rate per window, 30-day and 24-hour settings: bench-results/dialer-latest.json, sizes[].windows)', '');
  return lines;
}

const yes = (met: boolean) => (met ? 'met' : 'NOT met');

export function dialerTargetLines(d: DialerBenchResult): string[] {
  const t = dialerTargets(d);
  return [
    `  predictive occupancy >= ${pct(t.dialerPredictiveOccupancyFrom20Agents.target)} at >= 20 agents: ${t.dialerPredictiveOccupancyFrom20Agents.actual === null ? '?' : pct(t.dialerPredictiveOccupancyFrom20Agents.actual)} (lowest)  ${yes(t.dialerPredictiveOccupancyFrom20Agents.met)}`,
    `  every cap window <= ${pct(t.dialerEveryWindowWithinCap.target)}: worst ${pct(t.dialerEveryWindowWithinCap.actual)}  ${yes(t.dialerEveryWindowWithinCap.met)}`,
  ];
}

/** Writes bench-results/dialer-<stamp>.json and dialer-latest.json; returns the file names. */
export function writeDialerResults(d: DialerBenchResult, dir = path.resolve('bench-results')): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = d.startedAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify({ ...d, targets: dialerTargets(d) }, null, 2)}\n`;
  const files = [`dialer-${stamp}.json`, 'dialer-latest.json'];
  for (const f of files) fs.writeFileSync(path.join(dir, f), json);
  return files.map((f) => `bench-results/${f}`);
}

/** The dialer benchmark as a part of `npm run bench`: quick sizes in quick mode; prints and writes. */
export function benchDialer(quick: boolean, log: (msg: string) => void): DialerBenchResult {
  log('dialer pacing: preview, progressive and predictive on simulated floors');
  const d = runDialerBench(quick ? DIALER_QUICK : DIALER_FULL, log);
  const files = writeDialerResults(d);
  process.stdout.write([...dialerSummaryLines(d), 'Dialer targets (reported, not asserted):', ...dialerTargetLines(d), `written: ${files.join(' and ')}`, ''].join('\n'));
  return d;
}
