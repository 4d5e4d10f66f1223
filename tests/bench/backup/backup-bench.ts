// Backup and restore of the loaded benchmark database, as `npm run backup` and `npm run restore`
// do them: pg_dump's custom format sealed with a data key, then restored into a fresh database
// on the same server. Throughput is the database's size (pg_database_size) over the time taken.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { restoreBackup, writeBackup } from '../../../server/src/backups/data/backup-file.js';
import { Keyring } from '../../../server/src/platform/crypto/keyring.js';
import { withDatabase } from '../../support/db-url.js';
import { elapsedMs, round } from '../stats.js';

export type BackupBenchSection =
  | {
      databaseMB: number;
      fileMB: number;
      pgDumpMajor: number;
      backupSeconds: number;
      backupMBps: number;
      restoreSeconds: number;
      restoreMBps: number;
      restoredDatabaseMB: number;
    }
  | { error: string };

const RESTORE_DB = 'kefu_bench_restore';
const MB = 1024 * 1024;

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function databaseBytes(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0]!.n);
  } finally {
    await c.end();
  }
}

export async function benchBackup(url: string, log: (m: string) => void): Promise<BackupBenchSection> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-backup-'));
  const keyring = new Keyring([crypto.randomBytes(32)]);
  const restoreUrl = withDatabase(url, RESTORE_DB);
  try {
    const size = await databaseBytes(url);
    let t = process.hrtime.bigint();
    const written = await writeBackup({ url, dir, keyring, pgBinDir: process.env.KEFU_PG_BIN_DIR ?? null, at: new Date() });
    const backupSeconds = round(elapsedMs(t) / 1000, 2);
    log(`backup: ${round(size / MB, 1)} MB database → ${round(written.bytes / MB, 1)} MB file in ${backupSeconds} s (pg_dump ${written.dumpMajor})`);
    await admin(url, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${RESTORE_DB} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${RESTORE_DB}`);
    });
    t = process.hrtime.bigint();
    await restoreBackup({ file: written.file, url: restoreUrl, keyring, pgBinDir: process.env.KEFU_PG_BIN_DIR ?? null, force: false });
    const restoreSeconds = round(elapsedMs(t) / 1000, 2);
    const restored = await databaseBytes(restoreUrl);
    log(`restore: ${restoreSeconds} s into a fresh database (${round(restored / MB, 1)} MB)`);
    return {
      databaseMB: round(size / MB, 1),
      fileMB: round(written.bytes / MB, 1),
      pgDumpMajor: written.dumpMajor,
      backupSeconds,
      backupMBps: round(size / MB / backupSeconds, 1),
      restoreSeconds,
      restoreMBps: round(size / MB / restoreSeconds, 1),
      restoredDatabaseMB: round(restored / MB, 1),
    };
  } catch (err) {
    log(`backup benchmark failed: ${(err as Error).message}`);
    return { error: (err as Error).message };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${RESTORE_DB} WITH (FORCE)`)).catch(() => undefined);
  }
}

export function backupSummary(b: BackupBenchSection | undefined): string[] {
  if (!b) return [];
  if ('error' in b) return ['', `Backup and restore: not measured (${b.error})`];
  return [
    '',
    `Backup and restore (database ${b.databaseMB} MB, encrypted file ${b.fileMB} MB, pg_dump ${b.pgDumpMajor}):`,
    `  backup  ${String(b.backupSeconds).padStart(8)} s ${String(b.backupMBps).padStart(8)} MB/s`,
    `  restore ${String(b.restoreSeconds).padStart(8)} s ${String(b.restoreMBps).padStart(8)} MB/s`,
  ];
}
