// A backup is only as good as its restore: the demo data set with calls, cases and audit entries
// is backed up, restored into a fresh database, and every table is compared row for row.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Keyring } from '../../server/src/platform/crypto/keyring.js';
import { createDb } from '../../server/src/platform/db/database.js';
import { restoreBackup, RestoreRefused, writeBackup, type BackupWritten } from '../../server/src/backups/data/backup-file.js';
import { AuditRepository } from '../../server/src/identity/data/audit.repository.js';
import { SearchTermHasher } from '../../server/src/platform/search-term-hash.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { withDatabase } from '../support/db-url.js';
import { tableChecksums } from '../support/table-checksums.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const keyring = new Keyring([crypto.randomBytes(32)]);
const pgBinDir = null;
let source: TestDb;
let dir: string;
let backup: BackupWritten;
const made: string[] = [];

/** A database as `CREATE DATABASE` makes it: no tables at all. */
async function emptyDatabase(): Promise<string> {
  const name = `${inject('pgRunPrefix')}r${crypto.randomBytes(5).toString('hex')}`;
  const admin = createDb(inject('pgAdminUrl'), 1);
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  made.push(name);
  return withDatabase(inject('pgAdminUrl'), name);
}

async function relationCount(url: string): Promise<number> {
  const db = createDb(url, 1);
  try {
    const r = await db.raw(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    return r.rows[0].n as number;
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  source = await createTestDb();
  await seedDemo(source.db, 'CN', new Date('2026-11-20T08:00:00Z'), 40);
  const audit = new AuditRepository(source.db, new SearchTermHasher(crypto.randomBytes(32), 'CN'));
  await audit.write({ userId: null, action: 'customer.read', entity: 'customer', entityId: 1, outcome: 'allowed', detail: { why: 'backup test' } });
  await audit.write({ userId: null, action: 'customer.read', entity: 'customer', entityId: 2, outcome: 'denied' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-backup-test-'));
  backup = await writeBackup({ url: source.url, dir, keyring, pgBinDir, at: new Date('2026-11-26T19:00:00Z') });
});

afterAll(async () => {
  await source?.drop();
  const admin = createDb(inject('pgAdminUrl'), 1);
  for (const name of made) await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('writes one encrypted file, readable by its owner only, with no customer data in clear', async () => {
    expect(fs.readdirSync(dir)).toEqual([backup.fileName]);
    expect(fs.statSync(backup.file).mode & 0o777).toBe(0o600);
    const bytes = fs.readFileSync(backup.file);
    expect(bytes.subarray(0, 8).toString()).toBe('KEFUSEAL');
    // pg_dump's own signature and a demo customer's name are nowhere in the file.
    expect(bytes.includes(Buffer.from('PGDMP'))).toBe(false);
    expect(bytes.includes(Buffer.from('Emily Chan'))).toBe(false);
    expect(backup.bytes).toBe(bytes.length);
  });

  it('restores into a fresh database with every table and sequence equal, calls, cases and audit entries included', async () => {
    const target = await emptyDatabase();
    await restoreBackup({ file: backup.file, url: target, keyring, pgBinDir, force: false });
    const before = await tableChecksums(source.url);
    const after = await tableChecksums(target);
    for (const t of ['interactions', 'tickets', 'audit_log', 'customers', 'users', 'knex_migrations']) {
      expect((before[t] as { rows: number }).rows, t).toBeGreaterThan(0);
    }
    expect(after).toEqual(before);
  });

  it('refuses a database that is not empty unless forced, then replaces what it holds', async () => {
    const target = await emptyDatabase();
    await restoreBackup({ file: backup.file, url: target, keyring, pgBinDir, force: false });
    const db = createDb(target, 1);
    await db('audit_log').insert({ action: 'after.backup', outcome: 'allowed' });
    await db.destroy();
    const refused = await restoreBackup({ file: backup.file, url: target, keyring, pgBinDir, force: false }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RestoreRefused);
    expect((refused as Error).message).toMatch(/not empty.*--force/);
    await restoreBackup({ file: backup.file, url: target, keyring, pgBinDir, force: true });
    expect(await tableChecksums(target)).toEqual(await tableChecksums(source.url));
  });

  it('fails with the wrong key, saying which key the file needs, and changes nothing', async () => {
    const target = await emptyDatabase();
    const other = new Keyring([crypto.randomBytes(32)]);
    const err = (await restoreBackup({ file: backup.file, url: target, keyring: other, pgBinDir, force: false }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/^Wrong key for .*data key [0-9a-f]{16}.*KEFU_DATA_KEY/);
    expect(err.message).toContain(keyring.current.id);
    expect(await relationCount(target)).toBe(0);
  });

  it('fails on a tampered file before touching the database', async () => {
    const target = await emptyDatabase();
    const tampered = path.join(dir, 'tampered.kefubak');
    const bytes = fs.readFileSync(backup.file);
    bytes[bytes.length - 100]! ^= 0x01;
    fs.writeFileSync(tampered, bytes);
    const err = (await restoreBackup({ file: tampered, url: target, keyring, pgBinDir, force: false }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/cannot be trusted, nothing was restored: .*changed/);
    expect(await relationCount(target)).toBe(0);
  });
});
