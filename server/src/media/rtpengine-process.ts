// The embedded media plane: rtpengine started by kefu on loopback, like the embedded PostgreSQL.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../platform/logger.js';
import { NgClient } from './ng/ng-client.js';

export interface RtpengineSettings {
  /** The rtpengine program. */
  readonly binary: string;
  /** Where its pid file lives (kefu's data directory). */
  readonly runDir: string;
  /** The address it relays media on and listens for ng on. */
  readonly interface: string;
  readonly ngPort: number;
  readonly portMin: number;
  readonly portMax: number;
  /** Where call recordings go (pcap files, one per stretch recorded); unset: calls cannot be recorded. */
  readonly recordingDir?: string;
}

export interface RunningRtpengine {
  readonly client: NgClient;
  stop(): Promise<void>;
}

const PID_FILE = 'rtpengine.pid';
const READY_WITHIN_MS = 10_000;

/** The installed rtpengine daemon, looked for where Debian's `rtpengine-daemon` puts it and on PATH. */
export function findRtpengine(env: NodeJS.ProcessEnv = process.env): string | null {
  const dirs = ['/usr/bin', '/usr/sbin', ...(env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  for (const dir of dirs) {
    const file = path.join(dir, 'rtpengine');
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** The daemon's arguments: userspace forwarding only (no kernel table), in the foreground, logging to stderr. */
export function rtpengineArgs(s: RtpengineSettings): string[] {
  return [
    '--config-file=none',
    '--table=-1',
    `--interface=${s.interface}`,
    `--listen-ng=${s.interface}:${s.ngPort}`,
    `--port-min=${s.portMin}`,
    `--port-max=${s.portMax}`,
    '--foreground',
    '--log-stderr',
    '--delete-delay=0',
    // pcap in userspace: the only method that works without the kernel module (10.5).
    ...(s.recordingDir ? [`--recording-dir=${s.recordingDir}`, '--recording-method=pcap', '--recording-format=raw'] : []),
  ];
}

/**
 * Starts rtpengine and resolves once it answers a ping. A daemon left behind by a kefu that was
 * killed (its pid file names a live rtpengine) is stopped first, or it would hold the ports.
 */
export async function startRtpengine(s: RtpengineSettings, log: Logger): Promise<RunningRtpengine> {
  const mediaLog = log.child({ module: 'rtpengine' });
  fs.mkdirSync(s.runDir, { recursive: true });
  if (s.recordingDir) fs.mkdirSync(s.recordingDir, { recursive: true });
  const pidFile = path.join(s.runDir, PID_FILE);
  const orphanStopped = await stopOrphan(pidFile, mediaLog);
  // Another rtpengine on the port would answer our pings as if it were ours. A killed orphan
  // lets go of its sockets a moment after its memory, so it is given a second.
  if (!(await udpPortIsFree(s.interface, s.ngPort, orphanStopped ? 1_000 : 0))) {
    throw new Error(
      `Cannot start rtpengine: UDP port ${s.ngPort} on ${s.interface} is in use (another kefu or rtpengine?). ` +
        `Set KEFU_RTPENGINE_NG_PORT to a free port, or KEFU_RTPENGINE_URL to use that rtpengine.`,
    );
  }

  const child = spawn(s.binary, rtpengineArgs(s), { stdio: ['ignore', 'ignore', 'pipe'] });
  const lastLines: string[] = [];
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  child.once('error', (err) => lastLines.push(err.message));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) {
      const text = line.trim();
      if (!text) continue;
      lastLines.push(text);
      if (lastLines.length > 5) lastLines.shift();
      // rtpengine logs every call at info; kefu's own lines say what matters.
      mediaLog.debug(text);
    }
  });
  if (child.pid) fs.writeFileSync(pidFile, String(child.pid));

  const client = new NgClient({ host: s.interface, port: s.ngPort, timeoutMs: 300, retransmitMs: 100 });
  const started = Date.now();
  for (;;) {
    if (exited) break;
    try {
      await client.ping();
      break;
    } catch {
      if (Date.now() - started > READY_WITHIN_MS) break;
    }
  }
  if (exited || Date.now() - started > READY_WITHIN_MS) {
    client.close();
    child.kill('SIGKILL');
    await exit;
    fs.rmSync(pidFile, { force: true });
    throw new Error(
      `Cannot start rtpengine (${s.binary}) on ${s.interface}:${s.ngPort}: ${lastLines.join(' ') || 'no answer to ping'}. ` +
        `Check the ng port and the RTP ports ${s.portMin}-${s.portMax} are free (KEFU_RTPENGINE_NG_PORT, KEFU_RTPENGINE_PORTS), ` +
        `or set KEFU_RTPENGINE=off.`,
    );
  }
  client.close();
  const running = new NgClient({ host: s.interface, port: s.ngPort });
  mediaLog.info({ ng: `${s.interface}:${s.ngPort}`, rtpPorts: `${s.portMin}-${s.portMax}`, pid: child.pid }, 'rtpengine started');
  // A crash after start is logged; calls then fail their media commands and are refused.
  void exit.then(() => {
    if (!stopping) mediaLog.error({ exit: exited, lastLines }, 'rtpengine stopped unexpectedly');
  });
  let stopping = false;
  return {
    client: running,
    stop: async () => {
      stopping = true;
      running.close();
      if (!exited) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 3_000);
        await exit;
        clearTimeout(force);
      }
      fs.rmSync(pidFile, { force: true });
    },
  };
}

async function udpPortIsFree(host: string, port: number, graceMs: number): Promise<boolean> {
  const until = Date.now() + graceMs;
  for (;;) {
    const free = await new Promise<boolean>((resolve) => {
      const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, host, () => socket.close(() => resolve(true)));
    });
    if (free || Date.now() >= until) return free;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** True when an orphan was found and killed. */
async function stopOrphan(pidFile: string, log: Logger): Promise<boolean> {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isRtpengine(pid)) return false;
  log.warn({ pid }, 'Stopping an rtpengine left behind by an earlier kefu');
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return false;
  }
  const until = Date.now() + 3_000;
  while (isRtpengine(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return true;
}

function isRtpengine(pid: number): boolean {
  try {
    return /rtpengine/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

