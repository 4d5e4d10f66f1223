// Audit entries older than the retention period are removed by the database's one purge path,
// which leaves the chain verifiable from its anchor; every purge is itself in the log, and
// tampering is still found afterwards.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import crypto from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditRepository } from '../../server/src/identity/data/audit.repository.js';
import { AuditRetention } from '../../server/src/identity/audit-retention.service.js';
import { verifyAuditChain } from '../../server/src/identity/audit-chain.js';
import { SearchTermHasher } from '../../server/src/platform/search-term-hash.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { ApiClient, startTestApp } from '../support/test-app.js';

const run = promisify(execFile);
const YEAR_MS = 365 * 86_400_000;
let t: TestDb;
let audit: AuditRepository;
let retention: AuditRetention;

// A chain has one start: each test has a database of its own.
beforeEach(async () => {
  t = await createTestDb();
  audit = new AuditRepository(t.db, new SearchTermHasher(crypto.randomBytes(32), 'CN'));
  retention = new AuditRetention({ db: t.db, audit, keepDays: 3 * 365, now: () => new Date() });
  return () => t.drop();
});

/** Entries written `yearsAgo` (as they would have been, chained in order). */
async function entries(n: number, yearsAgo: number, action = 'test.entry'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const [row] = await t.db('audit_log')
      .insert({ at: new Date(Date.now() - yearsAgo * YEAR_MS), user_id: null, action, outcome: 'allowed', detail: JSON.stringify({ i }) })
      .returning('id');
    ids.push(String(row.id));
  }
  return ids;
}

async function behindTheTriggers(sql: string, bindings: readonly (string | number)[] = []): Promise<void> {
  await t.db.transaction(async (trx) => {
    await trx.raw('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await trx.raw(sql, bindings);
    await trx.raw('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  });
}

const actions = async () => (await t.db('audit_log').orderBy('id').select('action')).map((r) => r.action as string);

describe('purging old audit entries', () => {
  it('removes only the entries older than the period, audits itself, and the chain still verifies', async () => {
    const old = await entries(3, 4);
    await entries(2, 2, 'test.recent');
    await audit.write({ userId: null, action: 'test.today', outcome: 'allowed' });

    const report = await retention.purge({ userId: null });
    expect(report).toMatchObject({ purged: 3, throughId: old[2], keepDays: 1095 });
    expect(await actions()).toEqual(['test.recent', 'test.recent', 'test.today', 'audit.purged']);
    const purgeEntry = await t.db('audit_log').where({ action: 'audit.purged' }).first('row_count', 'detail');
    expect(purgeEntry).toMatchObject({ row_count: 3, detail: { keepDays: 1095, throughId: old[2] } });
    expect(await verifyAuditChain(t.db)).toMatchObject({ checked: 4, firstBreak: null, anchor: { throughId: old[2] } });

    // Nothing older is left: a second purge removes nothing, and says so in the log.
    expect(await retention.purge({ userId: null })).toMatchObject({ purged: 0, throughId: null });
    expect(await verifyAuditChain(t.db)).toMatchObject({ checked: 5, firstBreak: null });
    expect(await retention.status()).toMatchObject({ keepDays: 1095, lastPurge: { purged: 3, throughId: old[2] } });
  });

  it('keeps the newest entry even when every entry is old, so the chain goes on from it', async () => {
    const old = await entries(3, 5);
    expect(await retention.purge({ userId: null })).toMatchObject({ purged: 2, throughId: old[1] });
    expect(await t.db('audit_log').where('id', old[2]!).first('id')).toBeTruthy();
    expect(await verifyAuditChain(t.db)).toMatchObject({ checked: 2, firstBreak: null });
  });

  it('still lets nobody delete entries outside the purge, even with its setting switched on', async () => {
    await entries(2, 4);
    await entries(1, 0);
    const attempt = t.db.transaction(async (trx) => {
      await trx.raw(`SELECT set_config('kefu.audit_purge', 'on', true)`);
      await trx('audit_log').del();
    });
    await expect(attempt).rejects.toThrow(/append-only: DELETE refused/);
    await retention.purge({ userId: null });
    await expect(t.db('audit_log_anchors').update({ last_hash: 'x' })).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(t.db('audit_log_anchors').del()).rejects.toThrow(/append-only: DELETE refused/);
  });
});

describe('tampering after a purge', () => {
  async function purged(): Promise<string[]> {
    await entries(3, 4);
    await entries(4, 1);
    await retention.purge({ userId: null });
    return (await t.db('audit_log').orderBy('id').select('id')).map((r) => String(r.id));
  }

  it('finds an entry changed after the anchor', async () => {
    const ids = await purged();
    await behindTheTriggers(`UPDATE audit_log SET outcome = 'denied' WHERE id = ?`, [ids[1]!]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ checked: 1, firstBreak: { id: ids[1], reason: 'hash' } });
  });

  it('finds the first entry after the anchor removed', async () => {
    const ids = await purged();
    await behindTheTriggers('DELETE FROM audit_log WHERE id = ?', [ids[0]!]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ checked: 0, firstBreak: { id: ids[1], reason: 'prev-hash' } });
  });

  it('finds entries removed without a purge, from the start of the log', async () => {
    await entries(3, 4);
    const kept = await entries(2, 1);
    await behindTheTriggers('DELETE FROM audit_log WHERE id < ?', [kept[0]!]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ checked: 0, firstBreak: { id: kept[0], reason: 'prev-hash' } });
  });
});

describe('the purge for admins and operators', () => {
  it('is an admin action over HTTP, refused to others, and npm run verify-audit checks from the anchor', async () => {
    await seedDemo(t.db, 'CN', new Date(), 0);
    await entries(2, 4);
    const app = await startTestApp(t.db);
    try {
      const admin = await new ApiClient(app.baseUrl).login('admin1');
      const agent = await new ApiClient(app.baseUrl).login('agent1');
      expect((await agent.post('/api/admin/audit/purge', {})).status).toBe(403);
      expect((await admin.get('/api/admin/audit/retention')).body).toEqual({ keepDays: 1095, lastPurge: null });
      const purge = await admin.post('/api/admin/audit/purge', {});
      expect(purge.status).toBe(200);
      // The seed and the sign-ins wrote entries today; only the two old ones went.
      expect(purge.body).toMatchObject({ purged: 2, keepDays: 1095 });
      const adminId = (await t.db('users').where({ username: 'admin1' }).first('id')).id;
      expect(await t.db('audit_log').where({ action: 'audit.purged', user_id: adminId }).first('row_count')).toEqual({ row_count: 2 });
      expect((await admin.get('/api/admin/audit/retention')).body.lastPurge).toMatchObject({ purged: 2 });
    } finally {
      await app.close();
    }
    const { stdout } = await run('npx', ['tsx', 'server/src/cli/verify-audit.ts'], { env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: 'warn' } });
    expect(stdout).toMatch(/^The audit log's chain holds: \d+ entries checked \(from the retention purge of .+, after entry \d+\)\.\n$/);
  }, 60_000);
});
