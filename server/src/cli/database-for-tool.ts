// The database a command-line tool works on, without migrating it: DATABASE_URL, or the embedded
// PostgreSQL, joined while a kefu runs on it, else started for the tool and stopped after.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../platform/config.js';
import { startEmbeddedPostgres } from '../platform/db/embedded.js';
import type { Logger } from '../platform/logger.js';

export interface ToolDatabase {
  url: string;
  close(): Promise<void>;
}

/** The embedded PostgreSQL's URL when it is running now (its postmaster.pid names a live process). */
function runningEmbeddedUrl(dataDir: string): string | null {
  try {
    const lines = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!(pid > 0) || !(port > 0)) return null;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null;
    }
    const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
    return `postgres://kefu:${encodeURIComponent(password)}@127.0.0.1:${port}/kefu`;
  } catch {
    return null;
  }
}

export async function databaseForTool(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort' | 'embeddedPgSharedBuffers'>,
  log: Logger,
  o: { joinRunning: boolean },
): Promise<ToolDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, close: async () => {} };
  if (o.joinRunning) {
    const url = runningEmbeddedUrl(config.dataDir);
    if (url) return { url, close: async () => {} };
  }
  // Refuses, naming it, when a kefu still runs on the data directory.
  // A short-lived start for one tool: PostgreSQL's own memory settings unless set explicitly.
  const embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, log, config.embeddedPgSharedBuffers ? { sharedBuffers: config.embeddedPgSharedBuffers } : {});
  return { url: embedded.url, close: () => embedded.stop() };
}
