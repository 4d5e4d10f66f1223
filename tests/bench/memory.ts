// Peak memory per benchmark phase: this Node process (RSS) and, when the PostgreSQL server
// runs on this machine, the postmaster with all its backends (RSS and PSS summed over the
// process tree; PSS counts shared buffers once instead of once per backend). Linux /proc only.
import fs from 'node:fs';

export interface PhasePeak {
  nodeRssMB: number;
  nodeHeapUsedMB: number;
  pgRssMB: number | null;
  pgPssMB: number | null;
  pgProcesses: number | null;
}

interface TreeMemory {
  rssKB: number;
  pssKB: number;
  processes: number;
}

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]); // state, ppid, ...
  } catch {
    return null;
  }
}

function processMemoryKB(pid: number): { rss: number; pss: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const rss = /^Rss:\s+(\d+)/m.exec(text);
    const pss = /^Pss:\s+(\d+)/m.exec(text);
    return { rss: Number(rss?.[1] ?? 0), pss: Number(pss?.[1] ?? 0) };
  } catch {
    return null;
  }
}

/** Memory of `root` and all of its descendants, or null when /proc does not show them. */
export function processTreeMemory(root: number): TreeMemory | null {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  for (const e of entries) {
    const pid = Number(e);
    const ppid = parentOf(pid);
    if (ppid === null) continue;
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const total: TreeMemory = { rssKB: 0, pssKB: 0, processes: 0 };
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const m = processMemoryKB(pid);
    if (m) {
      total.rssKB += m.rss;
      total.pssKB += m.pss;
      total.processes++;
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total.processes ? total : null;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

export class MemorySampler {
  private readonly peaks = new Map<string, PhasePeak>();
  private current = 'setup';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly postmasterPid: () => number | null,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  phase(name: string): void {
    this.sample();
    this.current = name;
    this.sample();
  }

  stop(): Record<string, PhasePeak> {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    return Object.fromEntries(this.peaks);
  }

  sample(): void {
    const mem = process.memoryUsage();
    const pid = this.postmasterPid();
    const tree = pid === null ? null : processTreeMemory(pid);
    const prev = this.peaks.get(this.current);
    const max = (a: number | null | undefined, b: number | null) =>
      a === null || a === undefined ? b : b === null ? a : Math.max(a, b);
    this.peaks.set(this.current, {
      nodeRssMB: Math.max(prev?.nodeRssMB ?? 0, mb(mem.rss)),
      nodeHeapUsedMB: Math.max(prev?.nodeHeapUsedMB ?? 0, mb(mem.heapUsed)),
      pgRssMB: max(prev?.pgRssMB, tree ? mb(tree.rssKB * 1024) : null),
      pgPssMB: max(prev?.pgPssMB, tree ? mb(tree.pssKB * 1024) : null),
      pgProcesses: max(prev?.pgProcesses, tree ? tree.processes : null),
    });
  }
}
