// Kamailio for the load run: the test launcher (tests/support/kamailio.ts) with a larger shared
// memory pool (the tests' `-m 64` runs out at about 740 WebSocket registrations, REGISTER 500),
// plus a memory reading of its processes.
import fs from 'node:fs';
import { startKamailio } from '../../support/kamailio.js';

export interface BenchKamailio {
  readonly wsUrl: string;
  readonly args: string;
  /** Summed PSS of the Kamailio processes (shared memory split between them), in MB. */
  pssMB(): number;
  stop(): Promise<void>;
}

/** Every descendant pid of `root` (Linux /proc). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      (children.get(ppid) ?? children.set(ppid, []).get(ppid)!).push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number): void => {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

export async function startBenchKamailio(sharedMemoryMB = 256): Promise<BenchKamailio> {
  const k = await startKamailio({ sharedMemoryMB });
  return {
    wsUrl: k.wsUrl,
    args: `-m ${sharedMemoryMB} -M 8, children=2 (tests/kamailio/kamailio.cfg.template)`,
    pssMB: () => {
      let kb = 0;
      for (const pid of [k.pid, ...descendants(k.pid)]) {
        try {
          kb += Number(/Pss:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
        } catch {
          // gone
        }
      }
      return Math.round(kb / 102.4) / 10;
    },
    stop: () => k.stop(),
  };
}
