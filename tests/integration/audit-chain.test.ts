// The audit log is append-only and tamper-evident: the database refuses changes, chains every
// entry to the one before it (also when several servers write at once), and verify-audit
// finds the first entry changed or removed behind the triggers' back.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import crypto from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../server/src/identity/data/audit.repository.js';
import { GENESIS_HASH, verifyAuditChain } from '../../server/src/identity/audit-chain.js';
import { SearchTermHasher } from '../../server/src/platform/search-term-hash.js';
import { createDb, type Db } from '../../server/src/platform/db/database.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const run = promisify(execFile);
let t: TestDb;
let audit: AuditRepository;
const hasher = new SearchTermHasher(crypto.randomBytes(32), 'CN');

// Each test has a database of its own: a chain has one start, and emptying the log between
// tests would be the very removal the chain exposes.
beforeEach(async () => {
  t = await createTestDb();
  audit = new AuditRepository(t.db, hasher);
  return () => t.drop();
});

const write = (n: number, repo = audit) =>
  Promise.all(Array.from({ length: n }, (_, i) => repo.write({ userId: null, action: 'test.entry', outcome: 'allowed', detail: { i, note: `第${i}条; "quoted"` }, searched: `term ${i}` })));

/** Changes the log as only someone who can switch the triggers off can. */
async function behindTheTriggers(sql: string, bindings: readonly (string | number)[] = []): Promise<void> {
  await t.db.transaction(async (trx) => {
    await trx.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await trx.raw(sql, bindings);
    await trx.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });
}

describe('append-only', () => {
  it('refuses to change, delete or truncate entries, whoever asks', async () => {
    await write(2);
    await expect(t.db('audit_log').update({ action: 'other' })).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(t.db('audit_log').del()).rejects.toThrow(/append-only: DELETE refused/);
    await expect(t.db.raw('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await t.db('audit_log').count<{ n: number }[]>('* as n')).toEqual([{ n: 2 }]);
  });
});

describe('the hash chain', () => {
  it('links each entry to the one before it, from the genesis hash, and verifies', async () => {
    await write(5);
    const rows = await t.db('audit_log').orderBy('id').select('id', 'prev_hash', 'hash');
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(await verifyAuditChain(t.db)).toEqual({ checked: 5, firstBreak: null });
  });

  it('stays one chain when two servers write at once, in and out of transactions', async () => {
    const other: Db = createDb(t.url, 5);
    try {
      const second = new AuditRepository(other, hasher);
      const inTransactions = (db: Db, repo: AuditRepository) =>
        Promise.all(Array.from({ length: 20 }, (_, i) => db.transaction((trx) => repo.write({ userId: null, action: 'test.trx', outcome: 'allowed', detail: { i } }, trx))));
      await Promise.all([write(60), write(60, second), inTransactions(t.db, audit), inTransactions(other, second)]);
    } finally {
      await other.destroy();
    }
    expect(await verifyAuditChain(t.db, 7)).toEqual({ checked: 160, firstBreak: null });
  });

  it('does not let an entry rolled back with its transaction break the chain', async () => {
    await write(2);
    await expect(
      t.db.transaction(async (trx) => {
        await audit.write({ userId: null, action: 'test.rolled-back', outcome: 'allowed' }, trx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await write(2);
    expect(await verifyAuditChain(t.db)).toEqual({ checked: 4, firstBreak: null });
  });

  it('finds an entry changed with the triggers switched off', async () => {
    await write(6);
    const ids = (await t.db('audit_log').orderBy('id').select('id')).map((r) => String(r.id));
    await behindTheTriggers(`UPDATE audit_log SET detail = jsonb_set(detail, '{i}', '99') WHERE id = ?`, [ids[3]!]);
    const report = await verifyAuditChain(t.db, 2);
    expect(report.checked).toBe(3);
    expect(report.firstBreak).toMatchObject({ id: ids[3], reason: 'hash', action: 'test.entry' });
  });

  it('finds an entry that was rewritten with a hash recomputed for it, at the entry after it', async () => {
    await write(4);
    const ids = (await t.db('audit_log').orderBy('id').select('id')).map((r) => String(r.id));
    // The forger fixes the changed entry's own hash; the next entry still names the old one.
    await behindTheTriggers(`UPDATE audit_log SET action = 'test.forged' WHERE id = ?`, [ids[1]!]);
    await behindTheTriggers(`UPDATE audit_log a SET hash = audit_entry_hash(a.prev_hash, a) WHERE id = ?`, [ids[1]!]);
    expect((await verifyAuditChain(t.db)).firstBreak).toMatchObject({ id: ids[2], reason: 'prev-hash' });
  });

  it('finds an entry removed from the middle', async () => {
    await write(4);
    const ids = (await t.db('audit_log').orderBy('id').select('id')).map((r) => String(r.id));
    await behindTheTriggers('DELETE FROM audit_log WHERE id = ?', [ids[1]!]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ checked: 1, firstBreak: { id: ids[2], reason: 'prev-hash' } });
  });

  it('keeps the chain of rows that arrive with it, as a restore brings them', async () => {
    await write(3);
    await t.db.transaction(async (trx) => {
      await trx.raw('CREATE TEMP TABLE saved ON COMMIT DROP AS SELECT * FROM audit_log');
      await trx.raw('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await trx.raw('DELETE FROM audit_log');
      await trx.raw('ALTER TABLE audit_log ENABLE TRIGGER USER');
      await trx.raw('INSERT INTO audit_log SELECT * FROM saved ORDER BY id');
    });
    expect(await verifyAuditChain(t.db)).toEqual({ checked: 3, firstBreak: null });
    await write(1);
    expect(await verifyAuditChain(t.db)).toEqual({ checked: 4, firstBreak: null });
  });
});

describe('npm run verify-audit', () => {
  const verify = () =>
    run('npx', ['tsx', 'server/src/cli/verify-audit.ts'], { env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'warn' } }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, out: err.stdout + err.stderr }),
    );

  it('says the chain holds (exit 0), then names the first broken entry (exit 1)', async () => {
    await write(3);
    expect(await verify()).toEqual({ code: 0, out: "The audit log's chain holds: 3 entries checked.\n" });
    const id = String((await t.db('audit_log').orderBy('id').offset(1).first('id')).id);
    await behindTheTriggers(`UPDATE audit_log SET outcome = 'denied' WHERE id = ?`, [id]);
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`broken at entry ${id} `);
    expect(broken.out).toContain('the entry was changed after it was written');
  }, 60_000);
});
