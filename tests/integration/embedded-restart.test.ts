// kill -9 of kefu leaves its embedded PostgreSQL running; the next start must recover by itself.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { logger } from '../../server/src/platform/logger.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../server/src/platform/db/embedded.js';
import { freePort } from '../support/kamailio.js';

const owner = path.resolve(import.meta.dirname, '../support/fixtures/embedded-pg-owner.ts');
const log = logger.child({ test: 'embedded-restart' });
log.level = 'silent';
let dataDir: string;
let port: number;
const started: EmbeddedDatabase[] = [];
const children: ChildProcess[] = [];

/** A kefu-like process that has started the embedded PostgreSQL; resolves once it is up. */
function startOwner(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', owner, dataDir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`owner exited with ${code} before it was ready`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function canQuery(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>('SELECT 1 + 1 AS n')).rows[0]!.n;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-restart-'));
  fs.chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as 'postgres' and must reach it
  port = await freePort();
});

afterAll(async () => {
  for (const db of started) await db.stop().catch(() => {});
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL after kill -9', () => {
  it('refuses to start beside a kefu that is still running on the same data directory', async () => {
    const running = await startOwner();
    await expect(startEmbeddedPostgres(dataDir, port, log)).rejects.toThrow(new RegExp(`Another kefu \\(process ${running.pid}\\)`));
    await killed(running);
  });

  it('starts again after the kefu that started it was killed: the orphan is stopped and its database is there', async () => {
    // The previous test left exactly this state: owner killed with SIGKILL, PostgreSQL still up.
    const orphanPid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphanPid, 0)).not.toThrow();
    const db = await startEmbeddedPostgres(dataDir, port, log);
    started.push(db);
    expect(await canQuery(db.url)).toBe(2);
    expect(() => process.kill(orphanPid, 0)).toThrow();
  });
});
