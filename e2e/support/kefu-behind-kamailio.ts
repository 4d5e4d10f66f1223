// A kefu server as production runs it behind Kamailio: the softphones and the web phone get
// Kamailio's WebSocket URL and SIP domain from the credentials API and register there, not at
// the built-in switch. Kamailio (tests/support/kamailio.ts, config in tests/kamailio/) and the
// server, with a database of its own, are started for one test and stopped after it, also when
// it fails. The server is a separate process so that its agents, calls and database are apart
// from the shared server the other browser tests use.
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { KAMAILIO_DOMAIN, freePort, startKamailio, type RunningKamailio } from '../../tests/support/kamailio.js';
import { withDatabase } from '../../tests/support/db-url.js';

const root = path.resolve(import.meta.dirname, '../..');

export interface KefuBehindKamailio {
  /** The console of this server, e.g. http://127.0.0.1:41234. */
  baseURL: string;
  kamailio: RunningKamailio;
}

interface Database {
  /** For the server's DATABASE_URL; empty means its embedded PostgreSQL. */
  url: string;
  /** Extra environment for the server. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

const DB_NAME = `${process.env.E2E_DB_NAME ?? 'kefu_e2e'}_kamailio`;

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Where the browser tests' server keeps its data (E2E_DATABASE_URL, a PostgreSQL server), this
 * one gets a fresh database beside it; otherwise its own embedded PostgreSQL in a throw-away
 * directory on a port of its own.
 */
async function ownDatabase(): Promise<Database> {
  const shared = process.env.E2E_DATABASE_URL;
  if (shared) {
    await adminQuery(shared, `DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await adminQuery(shared, `CREATE DATABASE ${DB_NAME}`);
    return {
      url: withDatabase(shared, DB_NAME),
      env: {},
      drop: () => adminQuery(shared, `DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`),
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-e2e-kamailio-'));
  // Run as root, the embedded PostgreSQL runs as another user, which must reach its directory.
  fs.chmodSync(dataDir, 0o755);
  return {
    url: '',
    env: { KEFU_DATA_DIR: dataDir, KEFU_EMBEDDED_PG_PORT: String(await freePort()) },
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

interface RunningKefu {
  baseURL: string;
  stop(): Promise<void>;
}

/** Starts `server/src/main.ts` and resolves once it prints the address it listens on. */
async function startKefu(env: Record<string, string>): Promise<RunningKefu> {
  // Its own process group, so that nothing it starts (the embedded PostgreSQL) outlives a
  // forced stop.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-16_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  // The test runner exiting without stopping the server (a crash) must not leave it behind.
  const killOnExit = () => {
    if (running()) killGroup();
  };
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (!running()) return;
    // SIGTERM lets the server close its connections and stop its embedded PostgreSQL cleanly.
    child.kill('SIGTERM');
    const timer = setTimeout(killGroup, 20_000);
    await gone;
    clearTimeout(timer);
  };

  const baseURL = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const m = /kefu is running at (http:\/\/\S+)/.exec(out);
      if (!m) return;
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      resolve(m[1]!);
    };
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`The kefu server exited (${code ?? signal}) before it was ready:\n${out.slice(-4000)}`));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return { baseURL, stop };
}

export const test = base.extend<{ behindKamailio: KefuBehindKamailio }>({
  behindKamailio: [
    async ({}, use) => {
      const kamailio = await startKamailio();
      try {
        const db = await ownDatabase();
        try {
          const kefu = await startKefu({
            // Port 0: the system picks a free one, and the server prints it.
            PORT: '0',
            HOST: '127.0.0.1',
            PUBLIC_URL: '',
            KEFU_DEMO: '1',
            DATABASE_URL: db.url,
            ...db.env,
            KEFU_SIP_WS_URL: kamailio.wsUrl,
            KEFU_SIP_DOMAIN: KAMAILIO_DOMAIN,
            LOG_LEVEL: 'warn',
            // Browser to browser through Kamailio: no media plane here, so none is started on
            // the default ports, where it could meet another test's.
            KEFU_RTPENGINE: 'off',
          });
          try {
            await use({ baseURL: kefu.baseURL, kamailio });
          } finally {
            await kefu.stop();
          }
        } finally {
          await db.drop();
        }
      } finally {
        await kamailio.stop();
      }
    },
    // A first start of the embedded PostgreSQL (initdb) takes a while on a small machine; that
    // is set-up, not the test's time.
    { timeout: 180_000 },
  ],
});

export { expect } from '@playwright/test';
