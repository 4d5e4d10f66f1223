// After kill -9 (or a power cut of the process, an OOM kill) kefu dies but the embedded
// PostgreSQL it started keeps running on its port and data directory, and the next start
// would fail with "port in use". kefu recognises its own orphan and stops it, so the user
// never has to find and kill a process by hand.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';

const OWNER_FILE = 'kefu.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user (PostgreSQL runs as 'postgres' when kefu runs as root).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]!.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Claims the data directory for this process. Refuses when another kefu that is still alive
 * holds it (two servers on one embedded database would corrupt each other's view of calls).
 */
export function claimDataDir(dataDir: string): void {
  const file = path.join(dataDir, OWNER_FILE);
  const owner = readPid(file);
  if (owner !== null && owner !== process.pid && alive(owner) && /node|tsx/.test(commandLine(owner))) {
    throw new Error(
      `Another kefu (process ${owner}) is running on the data directory ${dataDir}. Stop it first, ` +
        `or give this one its own KEFU_DATA_DIR and KEFU_EMBEDDED_PG_PORT.`,
    );
  }
  fs.writeFileSync(file, String(process.pid));
}

/** Lets go of the data directory at a clean stop. */
export function releaseDataDir(dataDir: string): void {
  const file = path.join(dataDir, OWNER_FILE);
  if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
}

/**
 * Stops a PostgreSQL still running on `databaseDir` from an earlier kefu that died without
 * stopping it. Call after claimDataDir: from then on any PostgreSQL there is an orphan.
 * A fast shutdown (SIGINT) rolls back open transactions and checkpoints, so nothing committed
 * is lost. Resolves once it has exited.
 */
export async function stopOrphanedPostgres(databaseDir: string, log: Logger, timeoutMs = 30_000): Promise<boolean> {
  const pid = readPid(path.join(databaseDir, 'postmaster.pid'));
  if (pid === null || !alive(pid) || !commandLine(pid).includes('postgres')) return false;
  log.warn({ pid, databaseDir }, 'stopping the embedded PostgreSQL left running by a kefu that did not stop cleanly');
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  // Not a test wait: a process's exit has no event we can listen to unless we are its parent.
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`The orphaned embedded PostgreSQL (process ${pid}) did not stop within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}
