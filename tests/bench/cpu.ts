// Who used the CPUs during a phase: this process, the PostgreSQL process tree, and everything
// else on the machine (other workloads make latency percentiles noisy; this says how much).
// Linux /proc only; null elsewhere.
import fs from 'node:fs';
import os from 'node:os';

export interface CpuShare {
  seconds: number;
  /** Shares of the machine's total CPU capacity (cpus x seconds), 0..1. */
  machineBusy: number;
  bench: number;
  postgres: number | null;
  other: number | null;
  loadAverage1m: number;
}

const TICK = 100; // USER_HZ: /proc reports clock ticks of 1/100 s on Linux

function machineTicks(): { busy: number } | null {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle };
  } catch {
    return null;
  }
}

function processTicks(pid: number | 'self'): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime, stime
  } catch {
    return 0;
  }
}

function treeTicks(root: number): number {
  const children = new Map<number, number[]>();
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid);
      if (list) list.push(Number(e));
      else children.set(ppid, [Number(e)]);
    } catch {
      // gone meanwhile
    }
  }
  let sum = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    sum += processTicks(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

/** Starts measuring; call the returned function at the end of the phase. */
export function measureCpu(postmasterPid: () => number | null): () => CpuShare | null {
  const t0 = process.hrtime.bigint();
  const m0 = machineTicks();
  const self0 = processTicks('self');
  const pid = postmasterPid();
  const pg0 = pid === null ? null : treeTicks(pid);
  return () => {
    const m1 = machineTicks();
    if (!m0 || !m1) return null;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const capacity = seconds * TICK * os.cpus().length;
    const busy = m1.busy - m0.busy;
    const bench = processTicks('self') - self0;
    const pgTicks = pid === null || pg0 === null ? null : treeTicks(pid) - pg0;
    const share = (v: number) => Math.round((v / capacity) * 1000) / 1000;
    return {
      seconds: Math.round(seconds * 10) / 10,
      machineBusy: share(busy),
      bench: share(bench),
      postgres: pgTicks === null ? null : share(pgTicks),
      other: pgTicks === null ? null : share(Math.max(0, busy - bench - pgTicks)),
      loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
    };
  };
}
