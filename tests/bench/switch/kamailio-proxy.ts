// Starts Debian's Kamailio from the test config template (tests/kamailio/kamailio.cfg.template),
// like tests/support/kamailio.ts, but with a larger shared memory pool: the test helper's
// `-m 64` runs out at about 740 WebSocket registrations (REGISTER answered 500).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { KAMAILIO_BIN } from '../../support/kamailio.js';

export interface BenchKamailio {
  readonly wsUrl: string;
  readonly args: string;
  /** Summed PSS of the Kamailio processes (shared memory split between them), in MB. */
  pssMB(): number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
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
  if (!fs.existsSync(KAMAILIO_BIN)) throw new Error(`Kamailio is not installed (${KAMAILIO_BIN})`);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-kamailio-'));
  fs.chmodSync(runDir, 0o777);
  const [udp, ws] = [await freePort(), await freePort()];
  const template = fs.readFileSync(path.resolve(import.meta.dirname, '../../kamailio/kamailio.cfg.template'), 'utf8');
  const cfg = path.join(runDir, 'kamailio.cfg');
  fs.writeFileSync(cfg, template.replaceAll('@UDP_PORT@', String(udp)).replaceAll('@WS_PORT@', String(ws)).replaceAll('@RUN_DIR@', runDir), { mode: 0o644 });
  const args = ['-f', cfg, '-DD', '-E', '-Y', runDir, '-m', String(sharedMemoryMB), '-M', '8'];
  const child: ChildProcess = process.getuid?.() === 0
    ? spawn('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', KAMAILIO_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(KAMAILIO_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-8000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-8000)));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Kamailio exited with ${child.exitCode}:\n${out.slice(-2000)}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(ws, '127.0.0.1', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline) throw new Error('Kamailio did not listen in time');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    wsUrl: `ws://127.0.0.1:${ws}`,
    args: `-m ${sharedMemoryMB} -M 8, children=2 (tests/kamailio/kamailio.cfg.template)`,
    pssMB: () => {
      let kb = 0;
      for (const pid of [child.pid!, ...descendants(child.pid!)]) {
        try {
          kb += Number(/Pss:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
        } catch {
          // gone
        }
      }
      return Math.round(kb / 102.4) / 10;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          fs.rmSync(runDir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
