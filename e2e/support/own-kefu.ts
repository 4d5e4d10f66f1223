// A kefu server of one browser test's own, as `npm start` runs it (server/src/main.ts), apart
// from the shared server the other browser tests use: its own database (a fresh one beside the
// shared one, or an embedded PostgreSQL), started for the test and stopped after it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../tests/support/kamailio.js';
import { withDatabase } from '../../tests/support/db-url.js';

const root = path.resolve(import.meta.dirname, '../..');

export interface Database {
  /** For the server's DATABASE_URL; empty means its embedded PostgreSQL. */
  url: string;
  /** Extra environment for the server. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

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
 * one gets a fresh database beside it, named after the shared one and `purpose`; otherwise its
 * own embedded PostgreSQL in a throw-away directory on a port of its own.
 */
export async function ownDatabase(purpose: string): Promise<Database> {
  const shared = process.env.E2E_DATABASE_URL;
  const name = `${process.env.E2E_name ?? 'kefu_e2e'}_${purpose}`;
  if (shared) {
    await adminQuery(shared, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminQuery(shared, `CREATE DATABASE ${name}`);
    return {
      url: withDatabase(shared, name),
      env: {},
      drop: () => adminQuery(shared, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kefu-e2e-${purpose}-`));
  // Run as root, the embedded PostgreSQL runs as another user, which must reach its directory.
  fs.chmodSync(dataDir, 0o755);
  return {
    url: '',
    env: { KEFU_DATA_DIR: dataDir, KEFU_EMBEDDED_PG_PORT: String(await freePort()) },
    drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

export interface RunningKefu {
  baseURL: string;
  stop(): Promise<void>;
  /** kill -9 of the server and everything it started, as a crash would end it. */
  kill(): Promise<void>;
}

/** Starts `server/src/main.ts` and resolves once it prints the address it listens on. */
export async function startKefu(env: Record<string, string>): Promise<RunningKefu> {
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
  const kill = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (!running()) return;
    killGroup();
    await gone;
  };
  return { baseURL, stop, kill };
}
