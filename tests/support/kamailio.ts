// Starts Debian's Kamailio as the SIP edge for a test, on free loopback ports, from the
// config template kept in tests/kamailio/. Runs it as `nobody` when the tests run as root.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const KAMAILIO_BIN = '/usr/sbin/kamailio';
export const KAMAILIO_DOMAIN = 'tel.test';

export interface RunningKamailio {
  wsUrl: string;
  /** The Kamailio main process (its workers are its children). */
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 right now (the caller binds it soon after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, deadline: number, died: () => string | null): Promise<void> {
  for (;;) {
    const reason = died();
    if (reason) throw new Error(reason);
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Kamailio did not listen on ${port} in time`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `sharedMemoryMB`: 64 serves the tests; a load of ~1,000 WebSocket registrations needs 256. */
export async function startKamailio({ sharedMemoryMB = 64 }: { sharedMemoryMB?: number } = {}): Promise<RunningKamailio> {
  if (!fs.existsSync(KAMAILIO_BIN)) {
    throw new Error(`Kamailio is not installed (${KAMAILIO_BIN}): apt-get install kamailio kamailio-websocket-modules`);
  }
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-kamailio-'));
  fs.chmodSync(runDir, 0o777);
  const [udp, ws] = [await freePort(), await freePort()];
  const template = fs.readFileSync(path.resolve(import.meta.dirname, '../kamailio/kamailio.cfg.template'), 'utf8');
  const cfg = path.join(runDir, 'kamailio.cfg');
  fs.writeFileSync(cfg, template.replaceAll('@UDP_PORT@', String(udp)).replaceAll('@WS_PORT@', String(ws)).replaceAll('@RUN_DIR@', runDir), { mode: 0o644 });
  const args = ['-f', cfg, '-DD', '-E', '-Y', runDir, '-m', String(sharedMemoryMB), '-M', '8'];
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = asRoot
    ? spawn('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', KAMAILIO_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(KAMAILIO_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  // Only the tail is kept: a load run logs for minutes.
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-16_000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-16_000)));
  let exited: string | null = null;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => (exited = `Kamailio exited with ${code ?? signal}:\n${out.slice(-2000)}`));
  // A test runner that exits without stopping us (a crash, a killed worker) must not leave
  // Kamailio holding its ports.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // Kamailio ends its workers on SIGTERM within a second; a wedged one is not waited for.
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
    fs.rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await waitForPort(ws, Date.now() + 15_000, () => exited);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    wsUrl: `ws://127.0.0.1:${ws}`,
    pid: child.pid!,
    output: () => out,
    stop,
  };
}
